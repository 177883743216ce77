"""Pages that cannot be read, or only in part: a finding about that page, and the other pages are still checked. A
block that the end of what was read cuts in two is reported as cut, never as missing or as invalid JSON."""

from __future__ import annotations

import builtins
import errno
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsld import to_script_tag
from newsld.check import check_html, check_page
from newsld.check import _limits
from newsld.check._input import read_page
from newsld.cli import main
from _support.common import make_article

TAG = to_script_tag(make_article())


def page(number: int) -> bytes:
    return f"<!DOCTYPE html><html><head><title>{number}</title>{TAG}</head><body><p>x</p></body></html>".encode()


def codes(report) -> list[str]:
    return [finding.code for finding in report.all_findings]


def newsld(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsld", *args], cwd=cwd, capture_output=True, timeout=300)


def test_a_gzip_file_cut_short_is_checked_as_far_as_it_goes(tmp_path):
    whole = gzip.compress(page(1) + b"<p>" * 50_000)
    (tmp_path / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    report = check_page(read_page(str(tmp_path / "cut.html.gz")))
    assert report.findings[0].code == "page/truncated" and report.findings[0].severity == "error"
    assert "ends before the end of the page: the file is cut short; only its first" in report.findings[0].message
    assert len(report.blocks) == 1 and "syntax/invalid-json" not in codes(report)  # the block before the cut is whole


def test_a_block_the_cut_goes_through_is_reported_as_cut(tmp_path):
    data = page(1)
    middle = data.index(b'"@type"')
    whole = gzip.compress(data)
    # Cut the gzip stream where its decompressed data reaches the middle of the JSON: shorten until it does.
    size = len(whole)
    while size > 0 and len(_gunzipped(whole[:size])) > middle:
        size -= 1
    (tmp_path / "cut.html.gz").write_bytes(whole[:size])
    report = check_page(read_page(str(tmp_path / "cut.html.gz")))
    assert codes(report) == ["page/truncated", "limits/block-cut"]
    [block] = report.blocks
    assert block.findings[0].message.startswith("a JSON-LD block that the end of what was read cuts in two")


def _gunzipped(data: bytes) -> bytes:
    import zlib

    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        return decompressor.decompress(data)
    except zlib.error:
        return b""


def test_a_block_past_the_page_limit_is_never_reported_as_absent(monkeypatch):
    monkeypatch.setattr(_limits, "MAX_PAGE_BYTES", 10_000)
    filler = b"<!DOCTYPE html><html><head>" + b"<p>" * 5_000
    straddling = check_html(filler[:9_900] + page(1))  # its block begins before the cut and ends after it
    assert "limits/block-cut" in codes(straddling) and "syntax/invalid-json" not in codes(straddling)
    beyond = check_html(filler + page(1))  # its only block lies past the cut
    assert codes(beyond) == ["limits/page-truncated"]
    assert "a JSON-LD block after that is not seen" in beyond.findings[0].message
    whole = check_html(page(1))
    assert "limits/block-cut" not in codes(whole) and "limits/page-truncated" not in codes(whole)


def test_an_unclosed_block_of_a_whole_page_is_not_cut():
    report = check_html(b"<html><head>" + TAG.encode()[: -len("</script>")])  # the page ends it: nothing was cut
    assert "limits/block-cut" not in codes(report) and "syntax/no-jsonld" not in codes(report)


@pytest.mark.parametrize("content, reason", [
    (b"\x1f\x8b not really gzip", "not really gzip"),
    (b"\x1f\x8b", "ends before the end of the page"),
])
def test_gzip_that_yields_nothing_is_unreadable(tmp_path, content, reason):
    (tmp_path / "bad.html.gz").write_bytes(content)
    report = check_page(read_page(str(tmp_path / "bad.html.gz")))
    assert codes(report) == ["page/unreadable"] and report.blocks == ()
    assert report.has_errors


def test_a_file_that_cannot_be_opened_is_unreadable(tmp_path, monkeypatch):
    """EACCES injected: CI runs as root, whom file permissions do not stop."""
    real_open = builtins.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("secret.html"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    report = check_page(read_page(str(tmp_path / "secret.html")))
    assert [(f.code, f.message) for f in report.findings] == [
        ("page/unreadable", "the page could not be read (Permission denied); nothing on it was checked")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_bad_page_among_many_does_not_end_the_run(tmp_path, jobs):
    site = tmp_path / "site"
    site.mkdir()
    for number in range(1, 14):
        (site / f"page-{number:02d}.html.gz").write_bytes(gzip.compress(page(number)))
    whole = (site / "page-07.html.gz").read_bytes()
    (site / "page-07.html.gz").write_bytes(whole[: len(whole) // 3])  # truncated, as a download cut off leaves it
    (site / "page-09.html").symlink_to(site / "nothing.html")  # a link to nothing (inside the directory)
    result = newsld("check", "site", "--format", "json", "--jobs", jobs, cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert result.stderr == b""
    document = json.loads(result.stdout)
    assert document["summary"]["pages"] == 14
    by_page = {Path(p["source"]).name: [f["code"] for f in p["findings"]] for p in document["pages"]}
    assert list(by_page) == sorted(by_page)
    assert by_page["page-07.html.gz"][0] in ("page/truncated", "page/unreadable")
    assert by_page["page-09.html"] == ["page/unreadable"]
    assert all(codes == [] for name, codes in by_page.items() if name not in ("page-07.html.gz", "page-09.html"))


def test_a_link_out_of_the_directory_is_not_read(tmp_path):
    secret = tmp_path / "private" / "secret.html"
    secret.parent.mkdir()
    secret.write_bytes(b'<script type="application/ld+json">{"@context": "https://schema.org", "password": "hunter2"}'
                       b"</script>")
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_bytes(page(1))
    (site / "leak.html").symlink_to(secret)
    (site / "more").symlink_to(tmp_path / "private")
    result = newsld("check", "site", cwd=tmp_path)
    out = result.stdout.decode()
    assert "hunter2" not in out and "password" not in out
    assert "site/leak.html: 0 JSON-LD blocks" in out and "page/link-not-followed" in out
    assert "a symbolic link to a file outside the directory checked: not read (--follow-symlinks reads it)" in out
    assert "site/more: 0 JSON-LD blocks" in out and "a symbolic link to a directory: not read" in out
    followed = newsld("check", "site", "--follow-symlinks", cwd=tmp_path)
    assert "password" in followed.stdout.decode()  # read because asked to


def test_check_prints_file_names_escaped(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "title\x1b]0;PWNED\x07.html").write_bytes(page(1))
    result = newsld("check", "site", cwd=tmp_path)
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert "title\\u001b]0;PWNED\\u0007.html" in result.stdout.decode()


def test_the_command_line_reports_an_unreadable_page_and_goes_on(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("good.html").write_bytes(page(1))
    Path("bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00")
    assert main(["check", "bad.html.gz", "good.html"]) == 1
    out = capsys.readouterr().out
    assert "bad.html.gz: 0 JSON-LD blocks; 1 error" in out and "good.html: 1 JSON-LD block" in out


def test_a_page_read_whole_is_not_cut(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page(1)))
    read = read_page(str(tmp_path / "a.html.gz"))
    assert read.data == page(1) and read.findings == () and not read.cut


def test_a_block_a_crawler_truncated_in_a_warc_is_reported_as_cut(tmp_path):
    from newsld.check import warc_pages
    from _support.warc import page_record, write_warc

    html = page(1)
    stored = html[: html.index(b'"@type"')]  # WARC-Truncated: the crawler kept only the start of the response
    path = write_warc(tmp_path / "crawl.warc.gz", [page_record("https://x.example/", stored,
                                                               extra=[("WARC-Truncated", "length")])])
    [read] = list(warc_pages(str(path)))
    assert codes(check_page(read)) == ["warc/payload-truncated", "limits/block-cut"]
