"""Writing output files so that an interrupted or failing run never leaves a truncated file where a good one was.

Both writers put new content in a temporary file beside the target (the same file system, so that ``os.replace`` is
atomic) and only then in its place: ``write_text_atomic`` for a file written at once, ``ReplacingFile`` for one
written piece by piece (``newsld batch``'s JSON Lines), which can also continue a file it wrote before.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import IO

__all__ = ["ReplacingFile", "write_text_atomic"]


def _temporary(path: Path) -> tuple[Path, int]:
    """A new temporary file beside ``path``, opened for writing: its name and descriptor."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file (or a link) that someone else put there; 0o666 lets the umask decide, as for
    # any new file.
    return temporary, os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_text_atomic(path: str | Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` (UTF-8, "\\n" line ends) to ``path``, which holds either its old content or all of the new.

    ``durable``: the text is flushed to the disk before it takes the place of ``path``, so that a crash of the machine
    cannot leave an empty file either. Many small files written in a row (``newsld batch --out-dir``) skip that.
    """
    temporary, descriptor = _temporary(Path(path))
    try:
        with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


class ReplacingFile:
    """A binary file written piece by piece that readers only ever see whole.

    New content goes to a temporary file that takes the place of ``path`` at ``finish()``; ``discard()`` (after a
    failure) leaves ``path`` as it was. With ``append``, ``path`` itself is continued from its first ``keep`` bytes
    (an earlier run's complete output). A path that is not a regular file (a pipe, ``/dev/null``) is written directly.
    Raises OSError when the file cannot be opened or written.
    """

    def __init__(self, path: str | Path, *, append: bool = False, keep: int | None = None) -> None:
        self.path = Path(path)
        self.temporary: Path | None = None
        self.handle: IO[bytes]
        if append:
            if keep is not None and self.path.exists():
                os.truncate(self.path, keep)
            self.handle = open(self.path, "ab")
        elif self.path.exists() and not self.path.is_file():
            self.handle = open(self.path, "wb")
        else:
            self.temporary, descriptor = _temporary(self.path)
            self.handle = open(descriptor, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()

    def finish(self) -> None:
        self.handle.close()
        if self.temporary is not None:
            os.replace(self.temporary, self.path)

    def discard(self) -> None:
        self.handle.close()
        if self.temporary is not None:
            _remove(self.temporary)
