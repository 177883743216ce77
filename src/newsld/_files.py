"""Writing output files so that an interrupted or failing run never leaves a truncated file where a good one was."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Union


def write_text_atomic(path: Union[str, Path], text: str) -> None:
    """Write ``text`` (UTF-8, "\\n" line ends) to ``path``, which holds either its old content or all of the new.

    The text goes to a temporary file beside ``path`` first (the same file system, so that ``os.replace`` is atomic),
    is flushed to the disk, and only then takes the place of ``path``.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file (or a link) that someone else put there; 0o666 lets the umask decide, as for
    # any new file.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
