"""newsld.spark on a local Spark session (local[2]): the same findings as ``newsld check --format jsonl``.

Spark needs pyspark (the test extra installs it) and a Java runtime (``.ci/run`` installs Debian's when it is missing).
Without them these tests skip with the reason; under ``CI=true`` they fail instead, so CI cannot pass without them.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from _support.common import SHARED
from _support.warc import Record, corpus_pages, page_record, warc_bytes, write_warc
from newsld.cli import main
from newsld.spark import COLUMNS, finding_rows, warc_paths

GOOD = (b'<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        b'"headline": "Talks", "datePublished": "2024-05-06T09:00:00+02:00", "image": "https://a.example/i.jpg"}'
        b'</script></head><body>Talks</body></html>')
BROKEN = GOOD.replace(b'"Talks",', b'"Talks"')


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (Spark runs on the JVM)"
    return None


def _need_spark() -> None:
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Spark tests: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def spark():
    _need_spark()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import newsld from this environment
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("newsld tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def own_warcs(directory: Path) -> list[Path]:
    """Two WARC files of pages written here: one gzipped with a damaged record, one plain; a clone without ../shared
    still tests the job on them."""
    first = [page_record(f"https://a.example/{n}", BROKEN if n == 2 else GOOD) for n in range(5)]
    members = [warc_bytes([record]) for record in first]
    members[3] = members[3][: len(members[3]) // 2]  # a gzip member cut in half: a warc/record-corrupt finding
    (directory / "one.warc.gz").write_bytes(b"".join(members))
    second = [page_record(f"https://b.example/{n}", GOOD.replace(b"Talks", f"Talks {n}".encode())) for n in range(4)]
    second.append(Record("https://b.example/info", b"x", warc_type="metadata", content_type="text/plain"))
    write_warc(directory / "two.warc", second)
    return [directory / "one.warc.gz", directory / "two.warc"]


def cli_rows(paths: list[Path], capsys) -> Counter:
    """The findings of ``newsld check --format jsonl`` as rows of the Spark job's columns."""
    main(["check", *map(str, paths), "--format", "jsonl"])
    out = capsys.readouterr().out
    rows: Counter = Counter()
    for line in out.splitlines():
        page = json.loads(line)
        url = page["source"] if "://" in page["source"] else None
        host = url.split("/")[2] if url else None
        for finding in page["findings"]:
            rows[(url, host, None, finding["code"], finding["severity"], finding["path"], finding["message"])] += 1
        for block in page["blocks"]:
            for finding in block["findings"]:
                rows[(url, host, block["index"], finding["code"], finding["severity"], finding["path"],
                      finding["message"])] += 1
    return rows


def test_finding_rows_are_the_cli_findings(tmp_path, capsys):
    paths = own_warcs(tmp_path)
    rows = Counter(row for path in paths for row in finding_rows(str(path)))
    assert rows == cli_rows(paths, capsys)
    assert ("https://a.example/2", "a.example", 0, "syntax/invalid-json") in {row[:4] for row in rows}
    assert "warc/record-corrupt" in {row[3] for row in rows}


def test_a_listing_names_the_warc_files(tmp_path):
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"crawl-data/CC-MAIN-2026-47/segments/1/warc/a.warc.gz\n\n/data/b.warc\n"))
    assert warc_paths([str(listing), "c.warc.gz"], "s3://commoncrawl/") == [
        "s3://commoncrawl/crawl-data/CC-MAIN-2026-47/segments/1/warc/a.warc.gz", "/data/b.warc", "c.warc.gz"]
    (tmp_path / "plain.txt").write_text("x.warc\n# a comment\ny.warc.gz\n")
    assert warc_paths([str(tmp_path / "plain.txt")]) == ["x.warc", "y.warc.gz"]


def test_the_job_on_a_local_session_matches_the_cli(spark, tmp_path, capsys):
    paths = own_warcs(tmp_path)
    from newsld.spark import check_warcs

    findings = check_warcs(spark, [str(path) for path in paths], output=str(tmp_path / "findings"))
    assert tuple(findings.columns) == COLUMNS
    assert Counter(tuple(row) for row in findings.collect()) == cli_rows(paths, capsys)
    assert list(tmp_path.joinpath("findings").glob("*.parquet"))
    lazy = check_warcs(spark, [str(path) for path in paths])
    assert lazy.rdd.getNumPartitions() == 2  # one per WARC file


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the real-page corpus) is not beside this checkout")
def test_the_job_on_corpus_pages_matches_the_cli(spark, tmp_path, capsys):
    pages = list(corpus_pages(120))
    paths = [write_warc(tmp_path / "corpus-1.warc.gz", (page_record(url, html) for url, html in pages[:60])),
             write_warc(tmp_path / "corpus-2.warc", (page_record(url, html) for url, html in pages[60:]))]
    from newsld.spark import check_warcs

    findings = check_warcs(spark, [str(path) for path in paths])
    spark_rows = Counter(tuple(row) for row in findings.collect())
    assert spark_rows == cli_rows(paths, capsys)
    assert sum(spark_rows.values()) > 500  # the corpus pages are far from clean


def test_python_m_newsld_spark_writes_parquet(tmp_path):
    _need_spark()
    paths = own_warcs(tmp_path)
    listing = tmp_path / "warcs.txt"
    listing.write_text("\n".join(path.name for path in paths) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "newsld.spark", "--input", str(listing), "--input-base-url", str(tmp_path),
         "--output", str(tmp_path / "out"), "--master", "local[2]"],
        capture_output=True, timeout=600, env={**os.environ, "PYSPARK_PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert b"newsld.spark: 2 WARC files," in result.stderr
    assert list((tmp_path / "out").glob("*.parquet"))
    missing = subprocess.run([sys.executable, "-m", "newsld.spark", "--input", str(tmp_path / "none.txt"), "--output",
                              str(tmp_path / "x")], capture_output=True, timeout=120)
    assert missing.returncode == 2 and b"newsld.spark: error:" in missing.stderr
