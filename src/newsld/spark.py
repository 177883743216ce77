"""``newsld check`` over many WARC files on a Spark cluster: one partition per file, findings as Parquet rows.

From Python (a notebook, a driver script)::

    from pyspark.sql import SparkSession
    import newsld.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    findings = newsld.spark.check_warcs(spark, ["crawl-1.warc.gz", "crawl-2.warc.gz"], output="findings.parquet")
    findings.groupBy("code").count().show()

From the command line: plain ``python`` on a local session, ``spark-submit`` (which runs a file) on a cluster::

    python -m newsld.spark --input crawl-*.warc.gz --output findings.parquet
    spark-submit --master yarn "$(python -c 'import newsld.spark; print(newsld.spark.__file__)')" \
        --input warc.paths.gz --input-base-url s3://commoncrawl/ --output s3://bucket/findings

Each WARC file is read by one task, its records streamed as ``newsld check`` streams them (the same reader, the same
pages, the same findings, damage included); each finding becomes one row: ``url, host, block, code, severity, path,
message`` (``block`` is null for a page-level finding). Pages without findings give no row. pyspark is imported only
here (``pip install 'newsld[spark]'``); Spark itself needs a Java runtime.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and not __package__:
    # Run as a file (spark-submit runs files, not modules): run the installed module, with this file's folder off the
    # path so that its neighbours (django/, jinja.py...) do not shadow the packages of those names.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != here]
    from newsld.spark import main

    raise SystemExit(main())

import argparse
import gzip
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

from .check import check_page, host_of, is_warc_name, warc_pages

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["COLUMNS", "check_warcs", "finding_rows", "main", "warc_paths"]

COLUMNS = ("url", "host", "block", "code", "severity", "path", "message")


def finding_rows(path: str) -> Iterator[tuple[Any, ...]]:
    """One row per finding of every page of the WARC file at ``path`` (local, or any URL fsspec opens), in file
    order: ``(url, host, block, code, severity, path, message)``."""
    with _local(path) as local:
        for page in warc_pages(local):
            report = check_page(page)
            host = host_of(report.url)
            for finding in report.findings:
                yield report.url, host, None, finding.code, finding.severity, finding.path, finding.message
            for block in report.blocks:
                for finding in block.findings:
                    yield report.url, host, block.index, finding.code, finding.severity, finding.path, finding.message


@contextmanager
def _local(path: str) -> Iterator[str]:
    """A local file holding ``path``'s bytes: the file itself, or a temporary copy of a remote one (s3://, https://,
    hdfs://... through fsspec), because reading resumes after damage by seeking, which remote streams do badly."""
    if path.startswith("file://"):
        path = path[len("file://"):]
    if "://" not in path:
        yield path
        return
    try:
        import fsspec
    except ImportError:
        raise RuntimeError(f"{path}: reading WARC files by URL needs fsspec (pip install fsspec, and s3fs for s3://)")
    suffix = ".warc.gz" if path.endswith(".gz") else ".wacz" if path.endswith(".wacz") else ".warc"
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy, fsspec.open(path, "rb") as remote:
        shutil.copyfileobj(remote, copy, 1 << 20)
        copy.flush()
        yield copy.name


def warc_paths(inputs: Iterable[str], base_url: str | None = None) -> list[str]:
    """The WARC files to read: each input is a WARC file (by its name) or a listing, one path a line (gzipped or not),
    as Common Crawl publishes them (``warc.paths.gz``); ``base_url`` prefixes the paths of a listing that are
    relative (``s3://commoncrawl/`` or ``https://data.commoncrawl.org/`` for Common Crawl)."""
    paths: list[str] = []
    for name in inputs:
        if is_warc_name(name):
            paths.append(name)
            continue
        with _open_text(name) as listing:
            for line in listing:
                line = line.strip()
                if line and not line.startswith("#"):
                    relative = "://" not in line and not line.startswith("/")
                    paths.append(base_url.rstrip("/") + "/" + line if base_url and relative else line)
    return paths


@contextmanager
def _open_text(name: str) -> Iterator[IO[str]]:
    with _local(name) as local, open(local, "rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        stream = gzip.open(raw, "rt", encoding="utf-8") if head == b"\x1f\x8b" else open(local, encoding="utf-8")
        with stream:
            yield stream


def _partition(paths: Iterable[str]) -> Iterator[tuple[Any, ...]]:
    for path in paths:
        yield from finding_rows(path)


def schema() -> Any:
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    return StructType([
        StructField("url", StringType(), True),
        StructField("host", StringType(), True),
        StructField("block", IntegerType(), True),
        StructField("code", StringType(), False),
        StructField("severity", StringType(), False),
        StructField("path", StringType(), False),
        StructField("message", StringType(), False),
    ])


def check_warcs(spark: SparkSession, paths: Sequence[str], *, output: str | None = None,
                mode: str = "errorifexists") -> DataFrame:
    """Check every HTML page of the WARC files at ``paths``, one Spark partition (one task) per file.

    With ``output``, the findings are written there as Parquet (``mode`` as Spark's ``DataFrameWriter.mode``) and the
    DataFrame returned reads them back, so using it does not run the check again; without, it is the lazy DataFrame
    of the job (cache it before using it twice).
    """
    paths = list(paths)
    if not paths:
        raise ValueError("no WARC files to check")
    rows = spark.sparkContext.parallelize(paths, len(paths)).mapPartitions(_partition)
    findings = spark.createDataFrame(rows, schema())
    if output is None:
        return findings
    findings.write.mode(mode).parquet(output)
    return spark.read.parquet(output)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsld.spark",
        description="Check the JSON-LD of every HTML page in many WARC files on Spark; write the findings as Parquet.",
    )
    parser.add_argument("--input", required=True, nargs="+", metavar="PATH",
                        help="WARC files (.warc, .warc.gz, .wacz), or listings of them, one path a line (warc.paths.gz)")
    parser.add_argument("--input-base-url", metavar="URL",
                        help="prefix for the relative paths of a listing (Common Crawl: s3://commoncrawl/)")
    parser.add_argument("--output", required=True, metavar="DIR", help="where the Parquet files go")
    parser.add_argument("--mode", choices=("errorifexists", "overwrite", "append", "ignore"), default="errorifexists",
                        help="what to do when the output exists (default: errorifexists)")
    parser.add_argument("--master", help="Spark master when not run by spark-submit (default: local[*])")
    args = parser.parse_args(argv)
    try:
        paths = warc_paths(args.input, args.input_base_url)
    except (OSError, RuntimeError, UnicodeDecodeError) as exc:
        print(f"newsld.spark: error: {exc}", file=sys.stderr)
        return 2
    if not paths:
        print("newsld.spark: error: no WARC files in " + " ".join(args.input), file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("newsld check")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not started by spark-submit, which says where to run
        master = args.master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this Python, with newsld
    spark = builder.getOrCreate()
    try:
        findings = check_warcs(spark, paths, output=args.output, mode=args.mode)
        total = findings.count()
        errors = findings.filter(findings.severity == "error").count()
    finally:
        spark.stop()
    files = f"{len(paths)} WARC file{'s' if len(paths) != 1 else ''}"
    print(f"newsld.spark: {files}, {total:,} findings ({errors:,} error{'s' if errors != 1 else ''}) in {args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
