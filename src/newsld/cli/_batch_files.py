"""What ``newsld batch`` writes beside its outputs so that a run can stop anywhere and be continued exactly.

* A **work file** ``NAME.partial`` for each JSON Lines output (``--out``, ``--errors``): the run appends to it and,
  when every input is done, moves it to ``NAME`` in one rename. ``NAME`` holds only ever complete output: an earlier
  run's until this one completes.
* A **lock** ``NAME.lock`` (``DIR/.newsld-batch.lock`` for ``--out-dir``) holding the writer's PID, locked with
  ``flock`` while the run lasts: a second run on the same output stops at once, naming the first.
* A **progress record** ``OUT.progress`` (``DIR/.newsld-batch.progress``), replaced after every chunk of inputs: how
  many inputs are done, what they were (a SHA-256 of the input read so far), and what was written for them (each work
  file's path, device and inode, length, and a SHA-256 of its first 64 KiB). ``--resume`` continues only output
  that its record describes exactly, after checking that the input starts with the same inputs.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .._errors import printable
from .._files import ReplacingFile, write_text_atomic
from ._status import CannotWrite, UsageError

__all__ = [
    "PROGRESS_VERSION",
    "AlreadyRunning",
    "DirectOutput",
    "Lock",
    "LinesFile",
    "OutputDir",
    "Progress",
    "remove_temporaries",
]

PROGRESS_VERSION = 2
HEAD_BYTES = 64 * 1024  # of a work file, hashed into the progress record
# The name write_text_atomic gives a temporary file: .NAME.PID-8HEX.tmp
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.\d+-[0-9a-f]{8}\.tmp$")


class AlreadyRunning(Exception):
    """The output is locked by another run."""


def _write_error(path: str | Path, exc: OSError) -> CannotWrite:
    return CannotWrite.from_os_error(str(path), exc)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise _write_error(path, exc) from None


# ------------------------------------------------------------------------------------------------------------- locks


class Lock:
    """An exclusive ``flock`` on ``path``, a small file holding the PID of the run that holds it.

    A second run fails at once with ``AlreadyRunning``. The file is removed when the lock is released; one left by a
    run that was killed outright is unlocked (the kernel releases a lock with its process) and taken over.
    """

    def __init__(self, path: str, what: str):
        self.path = path
        while True:
            try:
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o644)
            except OSError as exc:
                raise _write_error(path, exc) from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.read(descriptor, 32).decode("ascii", "replace").strip()
                os.close(descriptor)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    by = f"PID {holder}" if holder.isdigit() else "another process"
                    raise AlreadyRunning(f"{what} is already being written by {by} (another newsld batch; its lock is "
                                         f"{printable(path)})") from None
                raise _write_error(path, exc) from None
            # The run that held it may have removed the file after we opened it: the lock must be on the file there.
            try:
                if os.path.samestat(os.fstat(descriptor), os.stat(path, follow_symlinks=False)):
                    break
            except FileNotFoundError:
                pass
            os.close(descriptor)
        self.descriptor = descriptor
        try:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
        except OSError as exc:
            self.release()
            raise _write_error(path, exc) from None

    def release(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.descriptor)


# ------------------------------------------------------------------------------------------------------------ outputs


def _hash_head(handle: IO[bytes], length: int) -> str:
    handle.seek(0)
    return hashlib.sha256(handle.read(min(length, HEAD_BYTES))).hexdigest()


class LinesFile:
    """A JSON Lines output (``--out`` or ``--errors``) written through its work file, locked while written."""

    def __init__(self, given: str, what: str):
        self.given = given
        self.what = what  # "the output", "the errors file": for messages
        # A symbolic link is resolved once, here, and everything is written beside its target: fresh and resumed runs
        # alike, so that the final rename replaces the target and never the link.
        self.link = os.path.islink(given)
        self.path = os.path.realpath(given) if self.link else given
        self.work = self.path + ".partial"
        self.lock: Lock | None = None
        self.file: ReplacingFile | None = None
        self.written = 0  # bytes in the work file
        self.head = bytearray()  # its first HEAD_BYTES bytes

    def take_lock(self) -> None:
        self.lock = Lock(self.path + ".lock", f"{printable(self.given)} ({self.what})")

    def discard(self) -> None:
        """Remove the work file of an earlier, unfinished run (this run starts over)."""
        _remove(self.work)

    def open(self, keep: int | None = None, expect: dict | None = None) -> None:
        """Open the work file: new (``keep`` None), or continued from its first ``keep`` bytes after checking that it
        is the file the progress record ``expect`` describes."""
        if keep is not None:
            self._check(keep, expect or {})
        try:
            self.file = ReplacingFile(self.work, append=True, keep=keep if keep is not None else 0)
            if keep:
                with open(self.work, "rb") as handle:
                    self.head = bytearray(handle.read(min(keep, HEAD_BYTES)))
        except OSError as exc:
            raise _write_error(self.work, exc) from None
        self.written = keep or 0

    def _check(self, keep: int, expect: dict) -> None:
        work = printable(self.work)
        try:
            status = os.stat(self.work, follow_symlinks=False)
        except FileNotFoundError:
            raise UsageError(f"cannot resume: the work file {work} of the unfinished run is gone; run without "
                             "--resume to start over") from None
        if (status.st_dev, status.st_ino) != (expect.get("device"), expect.get("inode")):
            raise UsageError(f"cannot resume: {work} is not the file the unfinished run wrote (it was replaced); "
                             "run without --resume to start over")
        if status.st_size < keep:
            raise UsageError(f"cannot resume: {work} is shorter than the unfinished run left it ({status.st_size:,} "
                             f"of {keep:,} bytes: was the machine restarted?); run without --resume to start over")
        with open(self.work, "rb") as handle:
            if _hash_head(handle, keep) != expect.get("head"):
                raise UsageError(f"cannot resume: {work} does not hold what the unfinished run wrote (its start "
                                 "differs); run without --resume to start over")

    def write(self, data: bytes) -> None:
        assert self.file is not None
        try:
            self.file.write(data)
        except OSError as exc:
            raise _write_error(self.work, exc) from None
        if len(self.head) < HEAD_BYTES:
            self.head += data[: HEAD_BYTES - len(self.head)]
        self.written += len(data)

    def flush(self) -> None:
        assert self.file is not None
        try:
            self.file.flush()
        except OSError as exc:
            raise _write_error(self.work, exc) from None

    def record(self) -> dict:
        """This file as the progress record describes it."""
        assert self.file is not None
        status = os.fstat(self.file.handle.fileno())
        return {"path": os.path.abspath(self.path), "work": os.path.abspath(self.work), "device": status.st_dev,
                "inode": status.st_ino, "bytes": self.written,
                "head": hashlib.sha256(bytes(self.head[: min(self.written, HEAD_BYTES)])).hexdigest()}

    def close(self) -> None:
        """Close the work file, keeping it (for --resume)."""
        if self.file is not None:
            file, self.file = self.file, None
            try:
                file.finish()  # opened for appending: finishing closes it where it is
            except OSError as exc:
                raise _write_error(self.work, exc) from None

    def complete(self) -> None:
        """The run is complete: the work file takes the place of the output, in one rename."""
        self.close()
        try:
            os.replace(self.work, self.path)
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def release(self) -> None:
        if self.file is not None:
            try:
                self.file.handle.close()
            except OSError:
                pass
            self.file = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class DirectOutput:
    """Standard output, or a file that is not a regular one (a device, a pipe): written as it comes, nothing to resume."""

    def __init__(self, given: str):
        self.given = given
        self.name = "standard output" if given == "-" else given
        try:
            self.handle: IO[bytes] = sys.stdout.buffer if given == "-" else open(given, "wb")
        except OSError as exc:
            raise _write_error(given, exc) from None

    def write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(self.name, exc) from None

    def flush(self) -> None:
        try:
            self.handle.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _write_error(self.name, exc) from None

    def close(self) -> None:
        self.flush()
        if self.given != "-":
            self.handle.close()


class OutputDir:
    """``--out-dir``: one file per article, written by the workers; its lock and progress record live inside it."""

    def __init__(self, given: str):
        self.given = given
        self.link = os.path.islink(given)
        self.path = os.path.realpath(given) if self.link else given
        self.lock: Lock | None = None

    def make(self) -> None:
        try:
            os.makedirs(self.path, exist_ok=True)
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def take_lock(self) -> None:
        self.lock = Lock(os.path.join(self.path, ".newsld-batch.lock"), f"{printable(self.given)} (the output)")

    def record(self) -> dict:
        status = os.stat(self.path)
        return {"path": os.path.abspath(self.path), "device": status.st_dev, "inode": status.st_ino}

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def remove_temporaries(directory: str, names: Iterable[str] | None = None) -> None:
    """Remove the temporary files ``write_text_atomic`` leaves in ``directory`` when its process is killed (of the
    files ``names`` only, when given). Only for a directory whose writers are known to be gone (its lock is held)."""
    wanted = set(names) if names is not None else None
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and (wanted is None or match.group("name") in wanted):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


# ------------------------------------------------------------------------------------------------------ the record


class Progress:
    """The progress record of a run that writes files (nothing is recorded for standard output)."""

    def __init__(self, path: str):
        self.path = path

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    def clean(self) -> None:
        """Remove a temporary copy of the record that a run killed while saving it left (the lock is held)."""
        remove_temporaries(os.path.dirname(os.path.abspath(self.path)), [os.path.basename(self.path)])

    def load(self) -> dict[str, Any]:
        shown = printable(self.path)
        try:
            with open(self.path, encoding="utf-8") as handle:
                record = json.load(handle)
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot resume: {shown} is not a readable progress record ({exc}); run without "
                             "--resume to start over") from None
        if not isinstance(record, dict) or record.get("version") != PROGRESS_VERSION:
            raise UsageError(f"cannot resume: {shown} was not written by this version of newsld batch; run "
                             "without --resume to start over")
        return record

    def save(self, record: dict[str, Any]) -> None:
        try:
            write_text_atomic(self.path, json.dumps({"version": PROGRESS_VERSION, **record}) + "\n", durable=False)
        except OSError as exc:
            raise _write_error(self.path, exc) from None

    def remove(self) -> None:
        _remove(self.path)
