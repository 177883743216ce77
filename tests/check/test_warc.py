"""WARC input: which records are pages, what they carry, and damage as findings (never an exception, never a hang)."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support.common import FIXTURES, SHARED
from _support.warc import Record, corpus_pages, page_record, request_record, warc_bytes, warcinfo_record, write_warc
from newsld.check import WarcError, check_html, check_page, read_warc, warc_pages

ARTICLE = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "HEADLINE", "datePublished": "2024-05-06T09:00:00+02:00"}</script></head>'
           '<body><p>Text.</p></body></html>')


def article(headline: str = "Talks go on") -> bytes:
    return ARTICLE.replace("HEADLINE", headline).encode("utf-8")


def site(version: str = "1.1") -> list:
    """A crawl as crawlers write it: warcinfo, request/response pairs, pages that are not HTML or not 200."""
    return [
        warcinfo_record(version),
        request_record("https://news.example/a", version),
        page_record("https://news.example/a", article("First"), version=version),
        page_record("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", version=version, content_type="image/png"),
        page_record("https://news.example/gone", b"<html>gone</html>", version=version, status="404 Not Found"),
        page_record("https://news.example/moved", b"", version=version, status="301 Moved Permanently",
                    headers=[("Location", "https://news.example/b")]),
        page_record("https://news.example/b", article("Second"), version=version,
                    content_type="application/xhtml+xml"),
        Record("https://news.example/c", article("a resource"), warc_type="resource", content_type="text/html",
               version=version),
        Record("https://news.example/a", b"", warc_type="revisit", http_head=b"HTTP/1.1 200 OK\r\n\r\n",
               version=version, extra=[("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")]),
        page_record("https://news.example/c", article("Third"), version=version, content_type="text/html"),
    ]


def pages_of(data: bytes, name: str = "crawl.warc.gz") -> list:
    return list(read_warc(io.BytesIO(data), name))


def damaged(pages) -> list:
    return [(page.source, [finding.code for finding in page.findings]) for page in pages if page.data is None]


# ------------------------------------------------------------------------------------------------ records and pages


@pytest.mark.parametrize("version", ["1.0", "1.1"])
@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_every_html_response_of_status_200_is_a_page_with_its_target_uri(version, gzipped):
    pages = pages_of(warc_bytes(site(version), gzipped))
    assert [page.url for page in pages] == ["https://news.example/a", "https://news.example/b", "https://news.example/c"]
    assert [page.source for page in pages] == [page.url for page in pages]
    assert [page.data for page in pages] == [article("First"), article("Second"), article("Third")]
    assert [page.charset for page in pages] == ["utf-8", None, None]
    assert all(page.findings == () for page in pages)


def test_a_file_on_disk_and_the_checked_report(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", site())
    pages = list(warc_pages(str(path)))
    report = check_page(pages[0])
    assert report.source == report.url == "https://news.example/a"
    assert report == check_html(article("First"), url="https://news.example/a", charset="utf-8")


def test_newsld_check_warc_streams_a_report_a_page(tmp_path):
    import newsld

    path = write_warc(tmp_path / "crawl.warc", site())
    reports = list(newsld.check_warc(path))
    assert [report.url for report in reports] == ["https://news.example/a", "https://news.example/b",
                                                  "https://news.example/c"]
    assert reports == [check_page(page) for page in warc_pages(str(path))]
    (tmp_path / "page.html").write_bytes(article())
    with pytest.raises(ValueError, match="not a WARC file"):
        next(newsld.check_warc(tmp_path / "page.html"))


def test_the_charset_of_the_http_header_decodes_the_page_and_a_bom_still_wins():
    latin1 = ARTICLE.replace("HEADLINE", "Caf\u00e9 society").encode("iso-8859-1")
    records = [page_record("https://news.example/l", latin1, content_type="text/html; charset=ISO-8859-1"),
               page_record("https://news.example/u", latin1, content_type="text/html"),
               page_record("https://news.example/b", b"\xef\xbb\xbf" + article("Caf\u00e9 society"),
                           content_type="text/html; charset=iso-8859-1")]
    declared, undeclared, bom = (check_page(page) for page in pages_of(warc_bytes(records)))
    headline = "Caf\u00e9 society"
    assert "syntax/invalid-utf8" not in {f.code for f in declared.all_findings}
    assert "syntax/invalid-utf8" in {f.code for f in undeclared.all_findings}
    assert "syntax/invalid-utf8" not in {f.code for f in bom.all_findings}
    for report in (declared, bom):
        assert not [f for f in report.all_findings if headline.replace("\u00e9", "\ufffd") in f.message]
    # windows-1252 for "iso-8859-1", as browsers read it: 0x92 is a right single quotation mark, not a C1 control.
    quote = ARTICLE.replace("HEADLINE", "It\x92s on").encode("latin-1")
    page = pages_of(warc_bytes([page_record("https://x.example/", quote, content_type="text/html; charset=latin1")]))
    assert check_html(page[0].data, charset=page[0].charset) == check_html(
        ARTICLE.replace("HEADLINE", "It\u2019s on").encode("utf-8"))


def test_transfer_and_content_codings_are_undone():
    html = article("Coded")
    gz = gzip.compress(html)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(gz[i:i + 100]), gz[i:i + 100]) for i in range(0, len(gz), 100))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw_deflate = deflate.compress(html) + deflate.flush()
    records = [
        page_record("https://x.example/1", chunked + b"0\r\n\r\n",
                    headers=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]),
        page_record("https://x.example/2", zlib.compress(html), headers=[("Content-Encoding", "deflate")]),
        page_record("https://x.example/3", raw_deflate, headers=[("Content-Encoding", "deflate")]),
        # Stored decoded with the header kept (some crawlers do this): read as stored.
        page_record("https://x.example/4", html, headers=[("Content-Encoding", "gzip")]),
        page_record("https://x.example/5", html, headers=[("Transfer-Encoding", "chunked")]),
    ]
    try:
        import brotli
    except ImportError:  # pragma: no cover - FastWARC depends on it
        pass
    else:
        records.append(page_record("https://x.example/6", brotli.compress(html), headers=[("Content-Encoding", "br")]))
    assert {page.data for page in pages_of(warc_bytes(records))} == {html}


def test_an_unknown_or_corrupt_coding_is_a_finding_and_the_page_is_not_checked():
    gz = gzip.compress(article("Coded"))
    records = [page_record("https://x.example/1", b"data", headers=[("Content-Encoding", "compress")]),
               page_record("https://x.example/2", gz[:10] + bytes(40) + gz[50:], headers=[("Content-Encoding", "gzip")]),
               page_record("https://x.example/3", gz[: len(gz) // 2], headers=[("Content-Encoding", "gzip")]),
               page_record("https://x.example/4", article("Fine"))]
    pages = pages_of(warc_bytes(records))
    assert damaged(pages) == [(f"https://x.example/{n}", ["warc/payload-undecodable"]) for n in (1, 2, 3)]
    assert "'compress'" in pages[0].findings[0].message
    report = check_page(pages[0])
    assert report.blocks == () and [f.code for f in report.findings] == ["warc/payload-undecodable"]
    assert report.has_errors
    assert pages[3].data == article("Fine")


def test_a_gzip_bomb_in_a_payload_stops_at_the_page_limit():
    from newsld.check._limits import MAX_PAGE_BYTES

    bomb = gzip.compress(b"<html>" + b" " * (MAX_PAGE_BYTES + 10_000_000))
    (page,) = pages_of(warc_bytes([page_record("https://x.example/", bomb, headers=[("Content-Encoding", "gzip")])]))
    assert len(page.data) == MAX_PAGE_BYTES + 1
    assert "limits/page-truncated" in {f.code for f in check_page(page).findings}


def test_a_payload_the_crawler_truncated_is_checked_with_a_warning():
    records = [page_record("https://x.example/", article("Cut")[:-20], extra=[("WARC-Truncated", "length")])]
    (page,) = pages_of(warc_bytes(records))
    assert page.data == article("Cut")[:-20]
    report = check_page(page)
    assert report.findings[0].code == "warc/payload-truncated" and report.findings[0].severity == "warning"
    assert "WARC-Truncated: length" in report.findings[0].message
    assert report.blocks  # what was stored is checked


def test_wacz_reads_the_warc_files_of_its_archive_folder(tmp_path):
    first = warc_bytes([page_record("https://x.example/1", article("One"))])
    second = warc_bytes([page_record("https://x.example/2", article("Two"))], gzipped=False)
    path = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("datapackage.json", "{}")
        archive.writestr("archive/data-01.warc.gz", first, compress_type=zipfile.ZIP_STORED)
        archive.writestr("archive/data-02.warc", second, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("pages/pages.jsonl", "")
    assert [page.url for page in warc_pages(str(path))] == ["https://x.example/1", "https://x.example/2"]
    with zipfile.ZipFile(tmp_path / "empty.wacz", "w") as archive:
        archive.writestr("datapackage.json", "{}")
    with pytest.raises(WarcError, match="without WARC files"):
        list(warc_pages(str(tmp_path / "empty.wacz")))
    (tmp_path / "bad.wacz").write_bytes(b"not a zip")
    with pytest.raises(WarcError, match="not a WACZ file"):
        list(warc_pages(str(tmp_path / "bad.wacz")))


@pytest.mark.parametrize("data", [b"<html>not a warc</html>", b"", gzip.compress(b"<html>gzipped html</html>"),
                                  b"\x1f\x8b\x08\x00garbage"])
def test_a_file_that_is_not_a_warc_is_an_error_not_a_finding(data):
    with pytest.raises(WarcError, match="WARC/1.0 or WARC/1.1"):
        pages_of(data)


def test_a_real_crawl_written_by_wget():
    """GNU Wget 1.21 against a small site on localhost (tools/wget_fixture.py): WARC/1.0, URIs in angle brackets,
    request, metadata and resource records, a 404 for robots.txt, an image."""
    pages = list(warc_pages(str(FIXTURES / "wget-crawl.warc.gz")))
    paths = [page.url.split("/", 3)[3] for page in pages]
    assert paths == ["", "news/syria-air-missions.html", "news/broken.html", "news/latin1.html"]
    assert all(page.url.startswith("http://127.0.0.1:") for page in pages)
    reports = [check_page(page) for page in pages]
    showcase = reports[1]
    assert showcase.count("error") == showcase.count("warning") == 0
    assert "syntax/invalid-json" in {f.code for f in reports[2].all_findings}
    latin1 = reports[3]
    assert pages[3].charset == "iso-8859-1"
    assert not {f.code for f in latin1.all_findings} & {"syntax/invalid-utf8"}


# ------------------------------------------------------------------------------------------------ damage


def _offsets(records, gzipped=True):
    """Where each record begins in the file."""
    offsets, position = [], 0
    for record in records:
        data = record.to_bytes()
        offsets.append(position)
        position += len(gzip.compress(data, mtime=0) if gzipped else data)
    return offsets + [position]


def three(version="1.1"):
    return [page_record(f"https://x.example/{n}", article(f"Page {n}") + b" " * 3000, version=version)
            for n in (1, 2, 3)]


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_record_the_file_ends_inside_is_a_finding(gzipped):
    records = three()
    data = warc_bytes(records, gzipped)
    start = _offsets(records, gzipped)[2]
    headers_end = start + len(gzip.compress(records[2].to_bytes()[:400])) if gzipped else start + 400
    for cut in (start + 30, (start + len(data)) // 2):  # in the headers, in the payload
        pages = pages_of(data[:cut])
        assert [page.data for page in pages[:2]] == [article(f"Page {n}") + b" " * 3000 for n in (1, 2)]
        assert len(pages) == 3, cut
        assert pages[2].data is None and [f.code for f in pages[2].findings] == ["warc/record-truncated"]
        assert pages[2].findings[0].severity == "error"
        assert f"offset {start}" in pages[2].findings[0].message
        if cut > headers_end:
            assert pages[2].source == "https://x.example/3"


def test_a_file_cut_in_the_gzip_trailer_of_its_last_record_lost_only_its_checksum():
    records = three()
    data = warc_bytes(records)
    pages = pages_of(data[:-3])
    assert [page.data for page in pages] == [record.payload for record in records]
    assert [[f.code for f in page.findings] for page in pages] == [[], [], ["warc/checksum-unverified"]]
    assert "could not be verified" in pages[-1].findings[0].message
    assert [[f.code for f in page.findings] for page in pages_of(data)] == [[], [], []]


def test_a_gzip_member_cut_in_half_is_a_finding_and_the_records_after_it_are_read():
    records = three() + [page_record("https://x.example/4", article("Page 4"))]
    data = warc_bytes(records)
    offsets = _offsets(records)
    middle = (offsets[1] + offsets[2]) // 2
    cut = data[:middle] + data[offsets[2]:]  # the second record's member loses its second half
    pages = pages_of(cut)
    assert [page.url for page in pages] == [f"https://x.example/{n}" for n in (1, 2, 3, 4)]
    assert damaged(pages) == [("https://x.example/2", ["warc/record-corrupt"])]
    message = pages[1].findings[0].message
    assert f"damaged at offset {offsets[1]}" in message and f"up to offset {middle}" in message
    assert pages[2].data == article("Page 3") + b" " * 3000 and pages[3].data == article("Page 4")


def test_a_gzip_member_cut_in_half_at_the_end_of_the_file():
    records = three()
    data = warc_bytes(records)
    offsets = _offsets(records)
    pages = pages_of(data[: (offsets[2] + offsets[3]) // 2])
    assert damaged(pages) == [("https://x.example/3", ["warc/record-truncated"])]


def test_garbage_between_records_is_skipped_with_a_finding():
    records = three()
    data = warc_bytes(records)
    offsets = _offsets(records)
    pages = pages_of(data[: offsets[1]] + b"\x00garbage" * 100 + data[offsets[1]:])
    assert [page.data is not None for page in pages] == [True, False, True, True]
    assert pages[1].source == f"crawl.warc.gz at offset {offsets[1]}"
    assert f"up to offset {offsets[1] + 800}" in pages[1].findings[0].message


def test_an_uncompressed_record_with_a_wrong_content_length_is_not_checked_and_the_next_ones_are():
    records = three()
    data = (records[0].to_bytes() + records[1].to_bytes(content_length=len(records[1].block()) + 500)
            + records[2].to_bytes())
    pages = pages_of(data, "crawl.warc")
    assert [page.url for page in pages] == [f"https://x.example/{n}" for n in (1, 2, 3)]
    assert damaged(pages) == [("https://x.example/2", ["warc/record-corrupt"])]
    assert "Content-Length" in pages[1].findings[0].message


def test_damage_with_nothing_readable_after_it_skips_the_rest():
    records = three()
    data = warc_bytes(records)
    offsets = _offsets(records)
    pages = pages_of(data[: offsets[1]] + bytes(range(256)) * 40)
    assert [page.data is not None for page in pages] == [True, False]
    assert "the rest of the file was skipped" in pages[1].findings[0].message


DAMAGE = st.lists(
    st.tuples(st.sampled_from(["flip", "cut", "delete", "insert"]), st.floats(0, 1), st.integers(1, 4000)),
    min_size=1, max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(gzipped=st.booleans(), damage=DAMAGE)
def test_any_damage_gives_findings_never_an_exception_and_intact_records_before_it_are_read(gzipped, damage):
    records = three() + [page_record("https://x.example/4", article("Page 4"))]
    original = warc_bytes(records, gzipped)
    offsets = _offsets(records, gzipped)
    data = bytearray(original)
    first_change = len(data)
    for kind, where, size in damage:
        if not data:
            break
        position = int(where * (len(data) - 1))
        first_change = min(first_change, position)
        if kind == "flip":
            data[position] ^= 0x20
        elif kind == "cut":
            del data[position:]
        elif kind == "delete":
            del data[position:position + size]
        else:
            data[position:position] = bytes((position + i) % 256 for i in range(size))
    try:
        pages = pages_of(bytes(data))
    except WarcError:
        assert first_change < 4096  # the very start is gone: not a WARC any more
        return
    intact = [n for n in range(4) if offsets[n + 1] <= first_change]
    payloads = {record.payload for record in records}
    assert [page.data for page in pages[: len(intact)]] == [records[n].payload for n in intact]
    for page in pages:
        unverified = any(f.code == "warc/checksum-unverified" for f in page.findings)
        # A flipped byte of plain text is just text; in a gzip member whose checksum is cut off, the page says so.
        assert page.data is None or page.data in payloads or not gzipped or unverified
        if page.data is None:
            assert [f.severity for f in page.findings] == ["error"]


# ------------------------------------------------------------------------------------------------ the corpus


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the real-page corpus) is not beside this checkout")
def test_corpus_pages_read_from_a_warc_give_the_reports_they_give_as_files(tmp_path):
    pages = list(corpus_pages(60))
    path = write_warc(tmp_path / "corpus.warc.gz", (page_record(url, html) for url, html in pages))
    read = list(warc_pages(str(path)))
    assert [(page.url, page.data) for page in read] == pages
    for page, (url, html) in zip(read, pages):
        assert check_page(page) == check_html(html, url=url, charset="utf-8")
