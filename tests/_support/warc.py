"""Writing WARC files for the tests and benchmarks: records byte by byte as the WARC 1.0/1.1 standards lay them out.

Written here rather than with a WARC library so that a test controls every byte: the version line, the gzip member of
each record, a wrong Content-Length, a record cut anywhere. ``tests/fixtures/wget-crawl.warc.gz`` is the real thing,
written by GNU Wget.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from .common import SHARED

REAL_PAGES = SHARED / "corpora" / "real-pages"


@dataclass
class Record:
    """One WARC record; ``http_head`` None means the block is ``payload`` itself (a warcinfo or resource record)."""

    uri: Optional[str]
    payload: bytes
    warc_type: str = "response"
    http_head: Optional[bytes] = None
    content_type: str = "application/http; msgtype=response"
    extra: List[Tuple[str, str]] = field(default_factory=list)
    version: str = "1.1"

    def block(self) -> bytes:
        return (self.http_head or b"") + self.payload

    def to_bytes(self, content_length: Optional[int] = None) -> bytes:
        block = self.block()
        digest = "sha1:" + hashlib.sha1(block).hexdigest()
        lines = [f"WARC/{self.version}", f"WARC-Type: {self.warc_type}",
                 f"WARC-Record-ID: <urn:uuid:{uuid.UUID(bytes=hashlib.md5(block).digest())}>",
                 "WARC-Date: 2026-11-20T10:00:00Z"]
        if self.uri is not None:
            lines.append(f"WARC-Target-URI: {'<' + self.uri + '>' if self.version == '1.0' else self.uri}")
        lines += [f"Content-Type: {self.content_type}", f"WARC-Block-Digest: {digest}"]
        lines += [f"{name}: {value}" for name, value in self.extra]
        lines.append(f"Content-Length: {len(block) if content_length is None else content_length}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_head(status: str = "200 OK", content_type: Optional[str] = "text/html; charset=utf-8",
              headers: Sequence[Tuple[str, str]] = ()) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def page_record(uri: str, html: bytes, *, version: str = "1.1", status: str = "200 OK",
                content_type: Optional[str] = "text/html; charset=utf-8",
                headers: Sequence[Tuple[str, str]] = (), extra: Sequence[Tuple[str, str]] = ()) -> Record:
    """The response record of a page fetched over HTTP."""
    return Record(uri, html, http_head=http_head(status, content_type, headers), extra=list(extra), version=version)


def request_record(uri: str, version: str = "1.1") -> Record:
    host = uri.split("/")[2]
    head = f"GET /{uri.split('/', 3)[-1]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test\r\n\r\n".encode()
    return Record(uri, b"", warc_type="request", http_head=head, content_type="application/http; msgtype=request",
                  version=version)


def warcinfo_record(version: str = "1.1") -> Record:
    return Record(None, b"software: newsld tests\r\nformat: WARC File Format 1.1\r\n", warc_type="warcinfo",
                  content_type="application/warc-fields", version=version)


def members(records: Iterable[Record], gzipped: bool) -> Iterator[bytes]:
    """Each record as it sits in the file: one gzip member per record, or the record's bytes."""
    for record in records:
        data = record.to_bytes()
        yield gzip.compress(data, mtime=0) if gzipped else data


def warc_bytes(records: Iterable[Record], gzipped: bool = True) -> bytes:
    return b"".join(members(records, gzipped))


def write_warc(path: Path, records: Iterable[Record]) -> Path:
    """Write ``records`` to ``path``, gzipped record by record when the name ends in ``.gz``; streams."""
    with open(path, "wb") as out:
        for member in members(records, path.name.endswith(".gz")):
            out.write(member)
    return path


def corpus_pages(limit: Optional[int] = None) -> Iterator[Tuple[str, bytes]]:
    """(URL, HTML) of the real pages in ../shared, in manifest order; a made-up URL where the page gave none."""
    manifest = json.loads((REAL_PAGES / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest[:limit]:
        url = entry.get("canonical_url") or f"https://pages.example/{entry['file'].split('.')[0]}"
        yield url, gzip.decompress((REAL_PAGES / entry["file"]).read_bytes())
