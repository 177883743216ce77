"""``newsld check`` at crawl scale: WARC files in, JSON Lines out, ``--summary``, the JSON document streamed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support.common import FIXTURES, SHARED
from _support.warc import corpus_pages, page_record, warc_bytes, write_warc
from newsld.check import Report, check_html, check_page, jsonl_line, render_json, warc_pages, write_json
from newsld.check._report import BlockReport
from newsld.cli import main
from newsld._findings import Finding

WGET = str(FIXTURES / "wget-crawl.warc.gz")

GOOD = (b'<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        b'"headline": "Talks", "datePublished": "2024-05-06T09:00:00+02:00", "dateModified": '
        b'"2024-05-06T10:00:00+02:00", "image": "https://a.example/i.jpg", "author": {"@type": "Person", "name": '
        b'"Ana Lima", "url": "https://a.example/ana"}}</script></head><body>Talks</body></html>')
BAD = GOOD.replace(b'"Talks",', b'"Talks"')  # a missing comma: syntax/invalid-json, an error


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def own_site(tmp_path: Path, name: str = "crawl.warc.gz") -> Path:
    records = [page_record(f"https://{host}/{n}", BAD if n == 3 else GOOD)
               for n, host in enumerate(["a.example", "a.example", "b.example", "a.example", "c.example"])]
    return write_warc(tmp_path / name, records)


# ------------------------------------------------------------------------------------------------ JSON Lines


def test_jsonl_prints_one_report_per_page_and_the_totals_on_stderr(capsys, tmp_path):
    path = own_site(tmp_path)
    status, out, err = run(capsys, "check", str(path), "--format", "jsonl", "--jobs", "1")
    lines = out.splitlines()
    expected = [check_page(page).as_dict() for page in warc_pages(str(path))]
    assert [json.loads(line) for line in lines] == expected
    assert [line + "\n" for line in lines] == [jsonl_line(check_page(page)) for page in warc_pages(str(path))]
    assert status == 1  # one page has an error
    assert err == "newsld: 5 pages checked, 1 with errors; 1 error, 0 warnings, 1 info\n"
    assert expected[3]["source"] == "https://a.example/3"


def test_jsonl_of_files_is_the_json_document_pages(capsys, tmp_path):
    for n, html in enumerate([GOOD, BAD]):
        (tmp_path / f"p{n}.html").write_bytes(html)
    status, out, _ = run(capsys, "check", str(tmp_path), "--format", "jsonl")
    status_json, document, _ = run(capsys, "check", str(tmp_path), "--format", "json")
    assert status == status_json == 1
    assert [json.loads(line) for line in out.splitlines()] == json.loads(document)["pages"]


def test_the_pages_of_a_real_wget_crawl(capsys):
    status, out, err = run(capsys, "check", WGET, "--format", "jsonl")
    reports = [json.loads(line) for line in out.splitlines()]
    assert [report["source"].split("/", 3)[3] for report in reports] == [
        "", "news/syria-air-missions.html", "news/broken.html", "news/latin1.html"]
    assert status == 1 and "4 pages checked, 1 with errors" in err


def test_a_damaged_warc_reports_the_damage_and_checks_the_rest(capsys, tmp_path):
    members = [warc_bytes([page_record(f"https://a.example/{n}", GOOD + b" " * 2000)]) for n in range(4)]
    cut = members[0] + members[1][: len(members[1]) // 2] + members[2] + members[3][:-100]
    (tmp_path / "cut.warc.gz").write_bytes(cut)
    status, out, _ = run(capsys, "check", str(tmp_path / "cut.warc.gz"), "--format", "jsonl")
    reports = [json.loads(line) for line in out.splitlines()]
    codes = [[finding["code"] for finding in report["findings"]] for report in reports]
    assert codes == [[], ["warc/record-corrupt"], [], ["warc/record-truncated"]]
    assert [report["source"] for report in reports] == [f"https://a.example/{n}" for n in range(4)]
    assert status == 1


def test_parallel_and_serial_runs_print_the_same(tmp_path):
    path = write_warc(tmp_path / "many.warc", [page_record(f"https://a.example/{n}", BAD if n % 7 == 0 else GOOD)
                                                for n in range(40)])
    outputs = [subprocess.run([sys.executable, "-m", "newsld", "check", str(path), "--format", "jsonl", "--jobs", jobs],
                              capture_output=True, timeout=300) for jobs in ("1", "2")]
    assert outputs[0].returncode == outputs[1].returncode == 1
    assert outputs[0].stdout == outputs[1].stdout and outputs[0].stderr == outputs[1].stderr
    assert len(outputs[0].stdout.splitlines()) == 40


def test_a_directory_walk_finds_warc_files_beside_pages(capsys, tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_bytes(GOOD)
    own_site(tmp_path / "site", "crawl.warc")
    status, out, _ = run(capsys, "check", str(tmp_path / "site"), "--format", "jsonl")
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert sources[0].endswith("a.html") and sources[1:] == [f"https://{h}/{n}" for n, h in enumerate(
        ["a.example", "a.example", "b.example", "a.example", "c.example"])]


# ------------------------------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize("argv, message", [
    (["--url", "https://a.example/"], "--url names one page's address; the pages of a WARC file carry their own"),
    (["--against", str(FIXTURES / "article.yaml")], "--against compares one source with one page"),
])
def test_options_for_one_page_are_refused_with_a_warc(capsys, tmp_path, argv, message):
    status, out, err = run(capsys, "check", str(own_site(tmp_path)), *argv)
    assert (status, out) == (2, "") and message in err


def test_a_file_named_warc_that_is_not_one_is_a_usage_error_before_any_output(capsys, tmp_path):
    (tmp_path / "a.html").write_bytes(GOOD)
    (tmp_path / "fake.warc.gz").write_bytes(b"<html>not a warc</html>")
    status, out, err = run(capsys, "check", str(tmp_path / "a.html"), str(tmp_path / "fake.warc.gz"))
    assert (status, out) == (2, "")
    assert "fake.warc.gz: not a WARC file (it does not begin with WARC/1.0 or WARC/1.1)" in err


# ------------------------------------------------------------------------------------------------ --summary


def test_summary_counts_by_code_and_by_host(capsys, tmp_path):
    path = own_site(tmp_path)
    status, out, _ = run(capsys, "check", str(path), "--summary", "--format", "json")
    summary = json.loads(out)
    assert status == 1
    assert summary["summary"] == {"pages": 5, "pages_with_errors": 1, "error": 1, "warning": 0, "info": 1}
    assert summary["codes"] == [{"code": "graph/no-article", "severity": "info", "findings": 1, "pages": 1},
                                {"code": "syntax/invalid-json", "severity": "error", "findings": 1, "pages": 1}]
    assert summary["hosts"] == [
        {"host": "a.example", "pages": 3, "pages_with_errors": 1, "error": 1, "warning": 0, "info": 1},
        {"host": "b.example", "pages": 1, "pages_with_errors": 0, "error": 0, "warning": 0, "info": 0},
        {"host": "c.example", "pages": 1, "pages_with_errors": 0, "error": 0, "warning": 0, "info": 0},
    ]
    _, lines, _ = run(capsys, "check", str(path), "--summary", "--format", "jsonl")
    assert [json.loads(line) for line in lines.splitlines()] == [
        summary["summary"], *summary["codes"], *summary["hosts"]]
    _, text, _ = run(capsys, "check", str(path), "--summary")
    assert text.splitlines()[0] == "5 pages checked, 1 with errors; 1 error, 0 warnings, 1 info"
    assert "syntax/invalid-json  error" in text and "a.example" in text and "https://" not in text


def test_summary_of_files_counts_them_without_a_host(capsys, tmp_path):
    (tmp_path / "a.html").write_bytes(GOOD)
    (tmp_path / "b.html").write_bytes(BAD)
    _, out, _ = run(capsys, "check", str(tmp_path), "--summary", "--format", "json")
    assert json.loads(out)["hosts"] == [
        {"host": "(no url)", "pages": 2, "pages_with_errors": 1, "error": 1, "warning": 0, "info": 1}]
    _, out, _ = run(capsys, "check", str(tmp_path / "a.html"), "--url", "https://Example.COM:8080/a", "--summary",
                    "--format", "json")
    assert [row["host"] for row in json.loads(out)["hosts"]] == ["example.com"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the real-page corpus) is not beside this checkout")
def test_summary_of_the_corpus_agrees_with_its_pages(capsys, tmp_path):
    path = write_warc(tmp_path / "corpus.warc.gz", (page_record(url, html) for url, html in corpus_pages(120)))
    _, out, _ = run(capsys, "check", str(path), "--format", "jsonl")
    pages = [json.loads(line) for line in out.splitlines()]
    _, document, _ = run(capsys, "check", str(path), "--summary", "--format", "json")
    summary = json.loads(document)
    assert summary["summary"]["pages"] == len(pages) == 120
    for severity in ("error", "warning", "info"):
        assert summary["summary"][severity] == sum(page["summary"][severity] for page in pages)
    assert sum(row["findings"] for row in summary["codes"]) == sum(page["summary"][s] for page in pages
                                                                   for s in ("error", "warning", "info"))
    assert sum(row["pages"] for row in summary["hosts"]) == 120


# ------------------------------------------------------------------------------------------------ --format json


def test_the_json_document_of_a_warc_is_the_document_of_its_reports(capsys, tmp_path):
    path = own_site(tmp_path)
    status, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert out == render_json([check_page(page) for page in warc_pages(str(path))]) + "\n"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
FINDINGS = st.lists(st.builds(Finding, st.sampled_from(["error", "warning", "info"]), TEXT, TEXT, TEXT), max_size=3)
REPORTS = st.lists(
    st.builds(Report, st.one_of(st.none(), TEXT),
              st.lists(st.builds(BlockReport, st.integers(0, 9), st.integers(1, 9), st.integers(1, 9),
                                 st.lists(TEXT, max_size=2).map(tuple), FINDINGS.map(tuple)), max_size=2).map(tuple),
              FINDINGS.map(tuple)),
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(REPORTS)
def test_the_streamed_json_document_is_byte_for_byte_the_one_built_in_memory(reports):
    out = io.StringIO()
    write_json(iter(reports), out)
    assert out.getvalue() == render_json(reports) + "\n"


def test_the_streamed_json_document_of_real_reports(tmp_path):
    reports = [check_html(GOOD, source="a.html"), check_html(BAD, source="ü/\n\"b\".html"),
               check_html(b"<html></html>", source=None)]
    out = io.StringIO()
    write_json(reports, out)
    assert out.getvalue() == render_json(reports) + "\n"
