"""WARC input for ``check``: every HTML page a web archive holds, streamed record by record.

Reads WARC/1.0 and WARC/1.1 files, uncompressed (``.warc``) or gzipped record by record (``.warc.gz``), and the WARC
files inside a WACZ (``.wacz``). A page is a ``response`` record of an HTTP 200 response with an HTML content type; its
URL is the record's ``WARC-Target-URI``, its charset the one the HTTP ``Content-Type`` declares, and its payload is
decoded from the transfer and content codings the crawler stored it with.

FastWARC parses the records: it is twice as fast as warcio on gzipped files, and where warcio stops reading silently at
a corrupt gzip member, FastWARC raises (docs/crawl.md has the measurements). Neither notices a file cut in the middle
of a record, nor reads on after a damaged one; that is done here. Damage becomes a ``warc/`` finding on a page of its
own, never an exception, and reading resumes at the next record that can be read, so one bad record does not cost the
rest of a crawl. Memory stays flat: records stream through a 64 KB buffer, and a page is held up to the page limit.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from .._findings import Codes, Finding
from ._limits import MAX_PAGE_BYTES
from ._sources import Page

__all__ = ["CODES", "WARC_SUFFIXES", "WarcError", "is_warc_name", "read_warc", "warc_pages"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".wacz")
HTML_TYPES = ("text/html", "application/xhtml+xml")

CODES = Codes({
    "warc/record-truncated": ("error", "the WARC file ends inside this record; the page was not checked"),
    "warc/record-corrupt": ("error", "a stretch of the WARC file is not readable records (corrupt gzip data or WARC "
                            "headers); reading resumed at the next readable record"),
    "warc/payload-truncated": ("warning", "the crawler stored only part of this response (WARC-Truncated); only that "
                               "part was checked, so findings about missing values may be wrong"),
    "warc/checksum-unverified": ("warning", "the WARC file ends inside this record's gzip trailer: the record was read "
                                 "whole, but its checksum could not be verified, so damage to it would go unseen"),
    "warc/payload-undecodable": ("error", "the response's transfer or content coding could not be decoded; the page "
                                 "was not checked"),
})

_READ_LIMIT = MAX_PAGE_BYTES + 1  # one byte more than check reads, so that it can say it cut the page
_CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"WARC/1\.[01]\r?\n")
_TARGET_URI = re.compile(rb"(?im)^WARC-Target-URI:[ \t]*<?([^\s>]*)")
_CONTENT_LENGTH = re.compile(rb"(?im)^Content-Length:[ \t]*(\d+)")


class WarcError(ValueError):
    """A file given as a WARC that is not one (exit status 2 in the CLI); damage inside a WARC is never raised."""


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def warc_pages(path: str) -> Iterator[Page]:
    """The HTML pages of a ``.warc``, ``.warc.gz`` or ``.wacz`` file, in file order, plus one page per damaged stretch.

    Raises WarcError when the file is not a WARC (or a WACZ without WARC files), OSError when it cannot be opened.
    """
    if path.lower().endswith(".wacz"):
        yield from _wacz_pages(path)
        return
    with open(path, "rb") as stream:
        yield from read_warc(stream, path)


def read_warc(stream: IO[bytes], name: str) -> Iterator[Page]:
    """The HTML pages of the WARC data in ``stream`` (from its current position); ``name`` says where in messages.

    The stream must be seekable: after damage, reading resumes further on. Raises WarcError when the data does not
    begin with a WARC record.
    """
    gzipped = _sniff(stream, name)
    start: int | None = _tell(stream)
    while start is not None:
        last: int | None = None  # where the last record given out began
        cut = False  # whether that record was found cut short (the file ends inside it, and that is said)
        # A record's page waits until FastWARC has read past the record's end: only then is it known to be whole (a
        # gzip member's checksum is checked at its end; a wrong Content-Length shows in the record after).
        pending: tuple[int, Page | None] | None = None
        reason: str | None = None  # why FastWARC stopped early, when it did
        try:
            for record in _records(stream, start):
                if pending is not None:
                    last, cut = pending[0], _is_cut(pending[1])
                    if pending[1] is not None:
                        yield pending[1]
                    pending = None
                if record.headers.get("Content-Length") is None:
                    break  # cut inside its headers: FastWARC yields what it has
                pending = record.stream_pos, _page(record, name)
        except OSError as exc:  # what FastWARC raises on damage
            reason = str(exc) or type(exc).__name__
            if pending is not None and not _readable(stream, gzipped, pending[0]):
                # Damaged itself: the stretch reported below begins with it.
                pending = None
                reason = ("its gzip data is corrupt" if gzipped
                          else "its Content-Length does not end where a record or the file does")
        if pending is not None:
            last, cut = pending[0], _is_cut(pending[1])
            if pending[1] is not None:
                yield _unverified(pending[1], stream, name, pending[0]) if gzipped and reason is None else pending[1]
        if cut and reason is None:
            return
        page, start = _after(stream, name, gzipped, start, last, reason)
        if page is not None:
            yield page


def _unverified(page: Page, stream: IO[bytes], name: str, position: int) -> Page:
    """The last page of a gzipped file, with a finding when the file ends inside its member's trailer: the data came
    out whole, but a flipped bit in it would only show in the checksum that is not there."""
    if _is_cut(page) or _member(stream, position)[0] != "cut":
        return page
    finding = CODES.finding("warc/checksum-unverified",
                            f"{name} ends inside the gzip trailer of the record at offset {position}: the record was "
                            "read whole, but its checksum could not be verified, so damage to it would go unseen")
    return dataclasses.replace(page, findings=page.findings + (finding,))


def _is_cut(page: Page | None) -> bool:
    return page is not None and any(finding.code == "warc/record-truncated" for finding in page.findings)


def _records(stream: IO[bytes], start: int) -> Iterator[Any]:
    from fastwarc import ArchiveIterator  # imported on first use: most commands never read a WARC

    if stream.seekable():
        stream.seek(start)
    # The raw payload (auto_decode none): its length tells a record cut short; codings are undone in _decode.
    return iter(ArchiveIterator(stream, parse_http=True, auto_decode="none"))


def _tell(stream: IO[bytes]) -> int:
    return stream.tell() if stream.seekable() else 0


def _sniff(stream: IO[bytes], name: str) -> bool:
    """Whether the WARC is gzipped; WarcError when the data does not begin with a WARC record."""
    if not stream.seekable():
        raise WarcError(f"{name}: a WARC must be read from a file (it is read again after damage)")
    position = stream.tell()
    head = stream.read(4096)
    stream.seek(position)
    gzipped = head.startswith(_GZIP_MAGIC)
    if gzipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
        except zlib.error:
            head = b""
    if not _WARC_START.match(head):
        what = "a gzip file whose first record is not a WARC record" if gzipped else "not a WARC file"
        raise WarcError(f"{name}: {what} (it does not begin with WARC/1.0 or WARC/1.1)")
    return gzipped


# ------------------------------------------------------------------------------------------------ one record


def _page(record: Any, name: str) -> Page | None:
    """The record as a page to check, or None when it is no HTML response (requests, metadata, images, redirects)."""
    from fastwarc import WarcRecordType

    if record.record_type != WarcRecordType.response or not record.is_http:
        return None
    http = record.http_headers
    mime = (record.http_content_type or record.headers.get("WARC-Identified-Payload-Type") or "").lower()
    if http.status_code != 200 or mime.split(";")[0].strip() not in HTML_TYPES:
        return None
    uri = _clean_uri(record.headers.get("WARC-Target-URI"))
    source = uri or f"{name} at offset {record.stream_pos}"
    raw = record.reader.read(_READ_LIMIT)
    if len(raw) < min(record.content_length, _READ_LIMIT):
        stored = f"{len(raw):,} of its {record.content_length:,} payload bytes"
        return _damaged(source, uri, "warc/record-truncated",
                        f"{name} ends inside this record at offset {record.stream_pos} ({stored} are there); the page "
                        "was not checked")
    try:
        data = _decode(raw, http)
    except _Undecodable as exc:
        return _damaged(source, uri, "warc/payload-undecodable",
                        f"{exc} (record at offset {record.stream_pos} of {name}); the page was not checked")
    findings: tuple[Finding, ...] = ()
    truncated = record.headers.get("WARC-Truncated")
    if truncated is not None:
        findings = (CODES.finding("warc/payload-truncated",
                             f"the crawler stored only part of this response (WARC-Truncated: {truncated}); only that "
                             "part was checked, so findings about missing values may be wrong"),)
    return Page(source, data, url=uri, charset=record.http_charset, findings=findings, cut=truncated is not None)


def _clean_uri(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):  # WARC/1.0 wrote the URI in angle brackets
        value = value[1:-1]
    return value or None


def _damaged(source: str, uri: str | None, code: str, message: str) -> Page:
    return Page(source, None, url=uri, findings=(CODES.finding(code, message),))


class _Undecodable(Exception):
    pass


def _decode(raw: bytes, http: Any) -> bytes:
    """The payload as the browser saw it: chunked transfer coding and gzip/deflate/br content codings undone.

    A payload that is plainly not in the coding its header names is taken as stored: some crawlers decode payloads and
    keep the header (warcio reads these the same way).
    """
    transfer = ",".join(http.get_multiple("Transfer-Encoding")).lower()
    if "chunked" in transfer:
        raw = _dechunk(raw)
    codings = [c.strip() for c in ",".join(http.get_multiple("Content-Encoding")).lower().split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("identity", "none", "utf-8"):
            continue
        if coding in ("gzip", "x-gzip", "deflate"):
            raw = _inflate(raw, coding)
        elif coding == "br":
            raw = _unbrotli(raw)
        else:
            raise _Undecodable(f"unknown Content-Encoding {coding!r}")
    return raw


def _dechunk(raw: bytes) -> bytes:
    out = bytearray()
    position = 0
    while position < len(raw) and len(out) < _READ_LIMIT:
        end = raw.find(b"\n", position)
        size_text = raw[position : end if end >= 0 else len(raw)].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            if position == 0:
                return raw  # not chunked after all
            raise _Undecodable(f"malformed chunked transfer coding at byte {position}") from None
        if size == 0 or end < 0:
            break
        out += raw[end + 1 : end + 1 + size]
        position = end + 1 + size
        position += 2 if raw.startswith(b"\r\n", position) else 1 if raw.startswith(b"\n", position) else 0
    return bytes(out[:_READ_LIMIT])


def _inflate(raw: bytes, coding: str) -> bytes:
    # gzip, zlib-wrapped deflate, and the raw deflate some servers send for "deflate".
    for wbits in ((16 + zlib.MAX_WBITS,) if coding != "deflate" else (zlib.MAX_WBITS, -zlib.MAX_WBITS)):
        decompressor = zlib.decompressobj(wbits)
        try:
            out = decompressor.decompress(raw, _READ_LIMIT)  # bounded: a gzip bomb stops at the page limit
        except zlib.error as exc:
            failure = str(exc)
            continue
        if not decompressor.eof and len(out) < _READ_LIMIT:
            raise _Undecodable(f"the {coding} content coding ends before its end")
        return out
    if raw[:2] == b"\x1f\x8b" or coding == "deflate" and raw[:1] == b"\x78":
        raise _Undecodable(f"the {coding} content coding is corrupt ({failure})")
    return raw  # stored decoded, header kept


def _unbrotli(raw: bytes) -> bytes:
    import brotli  # FastWARC depends on it

    decompressor = brotli.Decompressor()
    try:
        out = decompressor.process(raw)
    except brotli.error as exc:
        raise _Undecodable(f"the br content coding is corrupt ({exc})") from None
    return out[:_READ_LIMIT]


# ------------------------------------------------------------------------------------------------ damage


def _after(stream: IO[bytes], name: str, gzipped: bool, start: int, last: int | None,
           reason: str | None) -> tuple[Page | None, int | None]:
    """Where FastWARC stopped, with ``reason`` when it raised: a page for what could not be read (a damaged stretch, a
    record the file ends inside) or None, and where the next readable record begins (None: at the end of the file).

    A damaged stretch begins after the last record read, or at that record itself when it does not end where its length
    says (its page was checked as FastWARC read it; the finding names it). A file that ends in the gzip trailer of a
    record read whole lost nothing of it but the checksum: that record's page says so, no stretch is reported.
    """
    end = start
    if last is not None and gzipped:
        state, end, _ = _member(stream, last)
        if state == "cut" and reason is None:
            return None, None
        if state == "corrupt" and reason is None:
            reason = "its gzip data does not match its checksum"
    elif last is not None:
        end = _record_end(stream, gzipped, last)
    if reason is None and _only_padding_after(stream, end):
        return None, None
    resume = _next_record(stream, gzipped, (start if last is None else last) + 1)
    if reason is None and resume is None:
        uri = _peek_uri(stream, gzipped, end)
        return _damaged(uri or f"{name} at offset {end}", uri, "warc/record-truncated",
                        f"{name} ends inside the record at offset {end}; the page was not checked"), None
    damaged = start
    if last is not None:
        whole = end != last and _readable(stream, gzipped, last)
        damaged = end if whole and (resume is None or end < resume) else last
    uri = _peek_uri(stream, gzipped, damaged)
    where = f"offset {damaged}" + (f" (the record of {uri})" if uri else "")
    rest = f"the records up to offset {resume} were skipped" if resume is not None else "the rest of the file was skipped"
    page = _damaged(uri or f"{name} at offset {damaged}", uri, "warc/record-corrupt",
                    f"{name} is damaged at {where}: {reason or 'not a WARC record'}; {rest}")
    return page, resume


def _record_end(stream: IO[bytes], gzipped: bool, position: int) -> int:
    """Where the record beginning at ``position`` ends (its gzip member's end, or the end its Content-Length gives,
    where the record's closing line ends must be); ``position`` itself when that record is not readable whole."""
    if gzipped:
        state, end, _ = _member(stream, position)
        return end if state == "ok" else position
    stream.seek(position)
    head = stream.read(_CHUNK)
    header_end = head.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head, 0, max(header_end, 0))
    if header_end < 0 or length is None:
        return position
    end = position + header_end + 4 + int(length.group(1))
    stream.seek(end)
    if stream.read(4) == b"\r\n\r\n":  # the two line ends that close every record
        return end + 4
    return end if _only_padding_after(stream, end) else position


def _member(stream: IO[bytes], position: int) -> tuple[str, int, bytes]:
    """Decompress the gzip member at ``position``: ("ok" | "cut" | "corrupt", where it ends, its first bytes)."""
    stream.seek(position)
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = b""
    offset = position
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return "cut", offset, head
        # Small pieces until the head is there (a damaged member still shows its headers), then bounded output at a
        # time: a member may hold a whole video.
        piece = 64 if len(head) < 4096 else len(chunk)
        try:
            for begin in range(0, len(chunk), piece):
                data = chunk[begin : begin + piece]
                while data and not decompressor.eof:
                    out = decompressor.decompress(data, _CHUNK)
                    if len(head) < 4096:
                        head += out[: 4096 - len(head)]
                    data = decompressor.unconsumed_tail
                if decompressor.eof:
                    fed = begin + len(chunk[begin : begin + piece])
                    return "ok", offset + fed - len(decompressor.unused_data), head
        except zlib.error:
            return "corrupt", position, head
        offset += len(chunk)


def _next_record(stream: IO[bytes], gzipped: bool, after: int) -> int | None:
    """Where the first record at or after ``after`` begins that can be read whole, or None."""
    overlap = 16
    position = after
    while True:
        stream.seek(position)
        window = stream.read(1 << 20)
        if not window:
            return None
        for index in _candidates(window, gzipped):
            if _readable(stream, gzipped, position + index):
                return position + index
        if len(window) < (1 << 20):
            return None
        position += len(window) - overlap


def _readable(stream: IO[bytes], gzipped: bool, position: int) -> bool:
    """Whether a whole record begins at ``position``: a complete gzip member holding a WARC record, or WARC headers
    whose Content-Length ends at the record's closing line ends (or at the end of the file)."""
    if gzipped:
        state, _, head = _member(stream, position)
        return state == "ok" and _WARC_START.match(head) is not None
    return _record_end(stream, gzipped, position) != position


def _only_padding_after(stream: IO[bytes], position: int) -> bool:
    """Whether nothing but line ends, spaces and NUL bytes follow ``position`` to the end of the file."""
    stream.seek(position)
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return True
        if chunk.strip(b"\r\n\0 \t"):
            return False


def _candidates(window: bytes, gzipped: bool) -> list[int]:
    if gzipped:
        return [match.start() for match in re.finditer(re.escape(_GZIP_MAGIC), window)]
    return [match.start() for match in _WARC_START.finditer(window)]


def _gunzip_head(stream: IO[bytes], position: int) -> bytes:
    stream.seek(position)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(stream.read(4096), 4096)
    except zlib.error:
        return b""


def _peek_uri(stream: IO[bytes], gzipped: bool, position: int) -> str | None:
    """The target URI of the record at ``position`` when its header can still be read there."""
    if gzipped:
        head = _member(stream, position)[2]
    else:
        stream.seek(position)
        head = stream.read(8192)
    if not _WARC_START.match(head):
        return None
    header = head.split(b"\r\n\r\n", 1)[0]
    match = _TARGET_URI.search(header)
    return _clean_uri(match.group(1).decode("utf-8", "replace")) if match else None


# ------------------------------------------------------------------------------------------------ WACZ


def _wacz_pages(path: str) -> Iterator[Page]:
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise WarcError(f"{path}: not a WACZ file ({exc})") from None
    with archive:
        names = sorted(name for name in archive.namelist()
                       if name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz")))
        if not names:
            raise WarcError(f"{path}: a WACZ file without WARC files under archive/")
        for name in names:
            with archive.open(name) as member:
                yield from read_warc(member, f"{path}#{name}")  # type: ignore[arg-type]
