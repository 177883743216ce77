"""Reading a page from a file or standard input: a page that cannot be read, or only in part, is a finding about that
page, and the pages after it are still checked.

Gzip is read as it streams, never past the page-size limit, so neither a huge file nor a gzip bomb fills the memory;
gzip data cut short is checked as far as it goes. A directory is walked for pages without following a symbolic link to
a file outside it, or to a directory, unless asked: such a link is reported, never read.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Iterator, Sequence

from .._findings import Codes
from ._limits import MAX_PAGE_BYTES
from ._sources import Page

__all__ = ["CODES", "PAGE_SUFFIXES", "read_page", "walk_pages"]

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

CODES = Codes({
    "page/unreadable": ("error", "the page could not be read (a permission, an I/O error, gzip data that is not); "
                        "nothing on it was checked"),
    "page/truncated": ("error", "the page's gzip data ends early or is damaged; only what came before was checked"),
    "page/link-not-followed": ("warning", "a symbolic link to a file outside the directory being checked, or to a "
                               "directory; it was not read (--follow-symlinks reads it)"),
})


def walk_pages(directory: str, suffixes: Sequence[str] = PAGE_SUFFIXES,
               follow_symlinks: bool = False) -> Iterator[str | Page]:
    """The files under ``directory`` whose names end with one of ``suffixes`` (case aside; sorted, depth first), and
    each symbolic link that is not followed as a Page that says so."""
    top = os.path.realpath(directory)
    visited: set[tuple[int, int]] = set()
    wanted = tuple(suffix.lower() for suffix in suffixes)

    def walk(path: str) -> Iterator[str | Page]:
        try:
            status = os.stat(path)
            if (status.st_dev, status.st_ino) in visited:
                return
            visited.add((status.st_dev, status.st_ino))
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as exc:
            yield _unreadable(path, exc)
            return
        for entry in entries:
            target = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
            if os.path.isdir(target):
                if not entry.is_symlink() or follow_symlinks:
                    yield from walk(entry.path)
                else:
                    yield _not_followed(entry.path, "a symbolic link to a directory")
            elif entry.name.lower().endswith(wanted):
                inside = target == top or target.startswith(top.rstrip(os.sep) + os.sep)
                if entry.is_symlink() and not inside and not follow_symlinks:
                    yield _not_followed(entry.path, "a symbolic link to a file outside the directory checked")
                else:
                    yield entry.path

    yield from walk(directory)


def _not_followed(name: str, what: str) -> Page:
    return Page(name, None, findings=(CODES.finding("page/link-not-followed",
                                                    f"{what}: not read (--follow-symlinks reads it)"),))


def _unreadable(name: str, exc: OSError | str) -> Page:
    reason = exc if isinstance(exc, str) else (exc.strerror or str(exc))
    return Page(_label(name), None, findings=(CODES.finding(
        "page/unreadable", f"the page could not be read ({reason}); nothing on it was checked"),))


def _label(name: str) -> str:
    return "<stdin>" if name == "-" else name


def read_page(name: str, url: str | None = None) -> Page:
    """The page in file ``name`` (``-``: standard input), gunzipped; one byte more than ``MAX_PAGE_BYTES`` at most
    (enough for ``check`` to say that it cut the page). Never raises for what the file holds or for a file that cannot
    be read: the Page's findings say."""
    limit = MAX_PAGE_BYTES + 1
    try:
        stream = sys.stdin.buffer if name == "-" else open(name, "rb")
    except OSError as exc:
        return _unreadable(name, exc)
    try:
        head = stream.read(2)
        if head != b"\x1f\x8b":
            return Page(_label(name), head + stream.read(limit - len(head)), url)
        return _gunzip(name, head, stream, limit, url)
    except OSError as exc:
        return _unreadable(name, exc)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _gunzip(name: str, data: bytes, stream, limit: int, url: str | None) -> Page:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # a gzip header and trailer around the deflate data
    page = bytearray()
    while True:
        try:
            page += decompressor.decompress(data, limit - len(page))
        except zlib.error as exc:
            return _partial(name, page, f"its gzip data is damaged ({exc})", url)
        if len(page) >= limit or decompressor.eof:
            return Page(_label(name), bytes(page), url)
        data = decompressor.unconsumed_tail or stream.read(1 << 20)
        if not data:
            return _partial(name, page, "its gzip data ends before the end of the page: the file is cut short", url)


def _partial(name: str, page: bytearray, what: str, url: str | None) -> Page:
    if not page:
        return _unreadable(name, what)
    return Page(_label(name), bytes(page), url, cut=True, findings=(CODES.finding(
        "page/truncated", f"{what}; only its first {len(page):,} bytes were checked"),))
