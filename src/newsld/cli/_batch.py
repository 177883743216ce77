"""``newsld batch``: many articles in, JSON-LD out, on every core, in constant memory, and never losing or mixing up
what it has written.

Inputs are a directory of article sources (walked depth-first, entries sorted by name, hidden ones skipped) or JSON
Lines, one article per line in the authoring format. Work goes to worker processes in chunks, with a bounded number of
chunks in flight, and comes back in input order: memory does not grow with the input, and every input ends as exactly
one output or one reported error, in input order.

A run that writes files keeps a progress record beside them after every chunk, and writes JSON Lines through work
files that take their final names only when every input is done (``_batch_files`` says what and why). A signal (INT,
TERM, HUP) stops the run after the chunks in flight; a file that cannot be written stops it at once with exit status 3;
either way the work done is kept, and ``--resume`` continues it after checking that the record describes the output
and the input as they are. ``docs/batch.md`` states what a crash, a signal, a full disk and a second run can and cannot
do to the output.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from .._errors import printable
from .._files import write_text_atomic
from ._batch_files import AlreadyRunning, DirectOutput, LinesFile, OutputDir, Progress, remove_temporaries
from ._parallel import Stop, WorkerLost, parallel_map
from ._progress import progress_bar
from ._status import EXIT_ENVIRONMENT, EXIT_INVALID, EXIT_OK, CannotWrite, UsageError

__all__ = ["cmd_batch", "run_batch", "walk_sources"]

SOURCE_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".md", ".markdown")
LINES_PER_CHUNK = 256  # a JSON Lines chunk: large enough to amortise the pickling, small enough to keep memory flat
FILES_PER_CHUNK = 32
DIR_PROGRESS = ".newsld-batch.progress"
DRAIN_SECONDS = 3  # after a signal, how long the chunks in flight may take to finish before the workers are killed
RUN_ENDING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


# --------------------------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class _Source:
    path: str  # as shown in messages
    out_name: str  # relative name of its file in --out-dir
    problem: str | None = None  # why it is not read (a symbolic link out of the tree, an unreadable directory)


def walk_sources(root: Path, follow_symlinks: bool = False) -> Iterator[_Source]:
    """Article sources under ``root``: depth-first, entries sorted by name, hidden entries skipped.

    Each source's --out-dir name is its relative path with ``.jsonld`` for its suffix; two sources of one directory
    with the same stem (``a.md``, ``a.yaml``) keep their suffixes (``a.md.jsonld``): neither overwrites the other.
    A symbolic link is read when it points to a file inside ``root``; one to a file outside it, to a directory or to
    nothing is a source with a problem (reported, not read) unless ``follow_symlinks`` (then directories are followed
    once each, so that a loop of links ends).
    """
    top = os.path.realpath(root)
    visited: set[tuple[int, int]] = set()

    def outside(target: str) -> bool:
        return not (target == top or target.startswith(top.rstrip(os.sep) + os.sep))

    def walk(directory: Path, relative: str) -> Iterator[_Source]:
        try:
            status = os.stat(directory)
            if (status.st_dev, status.st_ino) in visited:
                return
            visited.add((status.st_dev, status.st_ino))
            entries = sorted((entry for entry in os.scandir(directory) if not entry.name.startswith(".")),
                             key=lambda entry: entry.name)
        except OSError as exc:
            yield _Source(str(directory), relative, f"cannot read the directory: {exc.strerror or exc}")
            return
        sources = [entry for entry in entries if entry.name.lower().endswith(SOURCE_SUFFIXES)
                   and (entry.is_symlink() or entry.is_file())]
        stems = Counter(os.path.splitext(entry.name)[0] for entry in sources)
        for entry in entries:
            path = directory / entry.name
            if entry.is_symlink():
                target = os.path.realpath(path)
                if os.path.isdir(target):
                    if follow_symlinks:
                        yield from walk(path, relative + entry.name + "/")
                    else:
                        yield _Source(str(path), relative + entry.name,
                                      "a symbolic link to a directory, not followed (--follow-symlinks follows it)")
                    continue
            elif entry.is_dir(follow_symlinks=False):
                yield from walk(path, relative + entry.name + "/")
                continue
            if entry not in sources:
                continue
            stem = os.path.splitext(entry.name)[0]
            name = relative + (entry.name if stems[stem] > 1 else stem) + ".jsonld"
            if entry.is_symlink() and not os.path.exists(target):
                yield _Source(str(path), name, "a symbolic link to nothing")
            elif entry.is_symlink() and outside(target) and not follow_symlinks:
                yield _Source(str(path), name, "a symbolic link to a file outside the input directory, not read "
                                               "(--follow-symlinks reads it)")
            else:
                yield _Source(str(path), name)

    yield from walk(Path(root), "")


class _Input:
    """The articles of a directory or a JSON Lines stream, in chunks, each with the SHA-256 of the input read up to its
    end (of the sources' names, sizes and times for a directory; of the bytes for JSON Lines), so that a resumed run
    can tell whether it reads the same input as the run it continues."""

    def __init__(self, source: str, follow_symlinks: bool):
        self.source = source
        self.files = source != "-" and os.path.isdir(source)
        self.name = "<stdin>" if source == "-" else source
        self.identity = "-" if source == "-" else os.path.abspath(source)
        self.digest = hashlib.sha256()
        self.stream: IO[bytes] | None = None
        self.line = 0  # the last line number read (JSON Lines)
        if self.files:
            self._sources: Iterator[_Source] = walk_sources(Path(source), follow_symlinks)
        else:
            try:
                self.stream = sys.stdin.buffer if source == "-" else open(source, "rb", buffering=1 << 20)
            except OSError as exc:
                raise UsageError(f"{printable(source)}: cannot read it ({exc.strerror or exc})") from None

    def close(self) -> None:
        if self.stream is not None and self.stream is not sys.stdin.buffer:
            self.stream.close()

    def skip(self, count: int) -> str:
        """Read past the first ``count`` inputs; the digest of what was read (fewer inputs there: an error)."""
        for done in range(count):
            if self._next() is None:
                raise UsageError(f"cannot resume: {printable(self.name)} holds {done:,} articles, but the unfinished "
                                 f"run had done {count:,}: it is not the input that run read")
        return self.digest.hexdigest()

    def chunks(self) -> Iterator[tuple[list, str]]:
        """The remaining inputs, a chunk at a time, each with the digest of the input up to the chunk's end."""
        size = FILES_PER_CHUNK if self.files else LINES_PER_CHUNK
        chunk: list = []
        while (item := self._next()) is not None:
            chunk.append(item)
            if len(chunk) == size:
                yield chunk, self.digest.hexdigest()
                chunk = []
        if chunk:
            yield chunk, self.digest.hexdigest()

    def _next(self) -> Any:
        if self.files:
            source = next(self._sources, None)
            if source is not None:
                self.digest.update(_fingerprint(source))
            return source
        assert self.stream is not None
        for raw in self.stream:
            self.line += 1
            self.digest.update(raw)
            if raw.strip():  # a blank line is not an article
                return self.line, raw
        return None


def _fingerprint(source: _Source) -> bytes:
    try:
        status = os.stat(source.path)
        seen = f"{status.st_size} {status.st_mtime_ns}"
    except OSError as exc:
        seen = f"unreadable {exc.errno}"
    return f"{source.out_name}\0{source.problem or ''}\0{seen}\n".encode("utf-8", "surrogateescape")


def count_inputs(source: str, follow_symlinks: bool = False) -> int | None:
    """How many articles ``source`` holds (for the progress bar), or None when it cannot be known beforehand."""
    path = Path(source)
    if source == "-" or not (path.is_dir() or path.is_file()):
        return None
    if path.is_dir():
        return sum(1 for _ in walk_sources(path, follow_symlinks))
    with path.open("rb") as stream:
        return sum(1 for raw in stream if raw.strip())


# ------------------------------------------------------------------------------------------------------------- the work


@dataclass(frozen=True)
class _Task:
    kind: str  # "lines" or "files"
    source: str  # the JSON Lines input's name, for messages
    items: list
    out_dir: str | None
    site: Any = None  # the newsld.Site every article is emitted with, or None


@dataclass(frozen=True)
class _Done:
    """A chunk's outcome: the JSON Lines output of its valid articles, how many, the error records in input order; or,
    when an --out-dir file could not be written, where and why (the chunk then counts as not done)."""

    data: bytes
    written: int
    errors: list
    cannot_write: tuple[str, str] | None = None


def _problem_dicts(exc) -> list:
    return [{"path": p.path, "message": p.message, "line": p.line} for p in exc.problems]


def _parse_line(raw: bytes, number: int) -> Any:
    """One JSON Lines line → authoring data; what is not one JSON object's text is a NewsldValidationError."""
    from .._authoring import parse_json
    from .._errors import NewsldValidationError, Problem

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NewsldValidationError(
            [Problem("", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded")]
        ) from None
    if number == 1:
        text = text.lstrip("\ufeff")
    try:
        # As in a .json source: a key given twice, NaN and Infinity are errors, never silently resolved.
        return parse_json(text)
    except NewsldValidationError as exc:  # its line is the record's: the problems need none of their own
        raise NewsldValidationError([replace(problem, line=None) for problem in exc.problems]) from None


_made_dirs: set[str] = set()  # per worker process: directories of --out-dir already made


def _write_file(directory: str, name: str, text: str) -> None:
    path = os.path.join(directory, name)
    parent = os.path.dirname(path)
    if parent not in _made_dirs:
        os.makedirs(parent, exist_ok=True)
        _made_dirs.add(parent)
    # Not flushed to the disk one by one (thousands of small files); a crash leaves the progress record to resume from.
    write_text_atomic(path, text, durable=False)


def _failure(where: dict, message: str) -> dict:
    return {**where, "problems": [{"path": "", "message": message, "line": None}]}


def run_task(task: _Task) -> _Done:
    """One chunk, in a worker."""
    from .._authoring import build, load
    from .._errors import NewsldValidationError
    from .._graph import to_jsonld
    from .._serialize import json_text

    documents: list[str] = []
    written = 0
    errors: list = []
    for item in task.items:
        if task.kind == "lines":
            number, raw = item
            where = {"source": task.source, "line": number}
            name = f"{number:08d}.jsonld"
        else:
            where = {"source": item.path, "line": None}
            name = item.out_name
            if item.problem is not None:
                errors.append(_failure(where, item.problem))
                continue
        try:
            article = build(_parse_line(raw, number)) if task.kind == "lines" else load(Path(item.path))
            doc = to_jsonld(article, site=task.site)
        except NewsldValidationError as exc:
            errors.append({**where, "problems": _problem_dicts(exc)})
            continue
        except OSError as exc:  # the source cannot be read: that article's problem, not the run's
            errors.append(_failure(where, f"cannot read it: {exc.strerror or exc}"))
            continue
        except Exception as exc:  # one article's surprise must not stop an archive's worth of others
            errors.append(_failure(where, f"internal error: {type(exc).__name__}: {exc}"))
            continue
        if task.out_dir is None:
            documents.append(json_text(doc))
        else:
            try:
                _write_file(task.out_dir, name, json_text(doc, indent=2) + "\n")
            except OSError as exc:
                return _Done(b"", 0, [], (os.path.join(task.out_dir, name), exc.strerror or str(exc)))
        written += 1
    return _Done("".join(doc + "\n" for doc in documents).encode("utf-8"), written, errors)


# ------------------------------------------------------------------------------------------------------------- signals


class _Signals:
    """SIGINT, SIGTERM and SIGHUP end a run alike: the first stops it after the chunks in flight (at most
    ``DRAIN_SECONDS`` more), a second one at once.

    ``ends_process``: the run is the process's last work (the command line). Its outcome is decided when the run ends,
    its files in place: the signals are then ignored rather than given back to their defaults, so that one arriving in
    the moment before the exit cannot turn a finished run's status into a death by signal."""

    def __init__(self, ends_process: bool = False) -> None:
        self.ends_process = ends_process
        self.first: int | None = None
        self.since = 0.0
        self.again = False
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        for number in RUN_ENDING:
            self.previous[number] = signal.signal(number, self._handle)
        return self

    def _handle(self, number: int, frame: Any) -> None:
        if self.first is None:
            self.first, self.since = number, time.monotonic()
        else:
            self.again = True

    def __call__(self) -> Stop:
        if self.first is None:
            return Stop.NO
        if self.again or time.monotonic() - self.since > DRAIN_SECONDS:
            return Stop.NOW
        return Stop.AFTER_RUNNING

    def __exit__(self, *exc: Any) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, signal.SIG_IGN if self.ends_process else handler)

    @property
    def name(self) -> str:
        return signal.Signals(self.first).name if self.first is not None else ""

    @property
    def exit_status(self) -> int:
        return 128 + (self.first or 0)


# ------------------------------------------------------------------------------------------------------------- the run


@dataclass
class _Counts:
    inputs: int = 0
    written: int = 0
    invalid: int = 0


class _Run:
    """One run of ``newsld batch``: its outputs, its progress record, and what it has done."""

    def __init__(self, source: str, out: str, out_dir: str | None, errors: str | None, resume: bool, jobs: int,
                 quiet: bool, follow_symlinks: bool, site: Any, signals: _Signals):
        self.source, self.resume, self.jobs, self.quiet, self.site = source, resume, jobs, quiet, site
        self.follow_symlinks = follow_symlinks
        self.signals = signals
        self.output: LinesFile | DirectOutput | None = None
        self.out_dir = OutputDir(out_dir) if out_dir is not None else None
        self.out = None if out_dir is not None else out
        self.errors_given = errors
        self.errors: LinesFile | None = None
        self.progress: Progress | None = None
        self.counts = _Counts()
        self.before = _Counts()
        self.bar: Any = progress_bar(None, "article", False)
        self.in_flight: deque = deque()  # per chunk handed out and not yet written: (inputs, digest, out names)
        self.input: _Input | None = None
        self.recorded = False  # whether a progress record of this run has been saved
        self.began = False  # whether articles are being read

    # ---------------------------------------------------------------------------------------------------- set-up

    def check_usage(self) -> None:
        source, out = self.source, self.out
        if source != "-" and not os.path.exists(source):
            raise UsageError(f"{printable(source)}: no such file or directory")
        if self.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        out_file = out is not None and out != "-" and (not os.path.exists(out) or os.path.isfile(out))
        if self.resume and not (out_file or self.out_dir is not None):
            raise UsageError("--resume needs --out FILE or --out-dir DIR (standard output, a device or a pipe cannot "
                             "be resumed)")
        if out not in (None, "-") and os.path.isdir(out):
            raise UsageError(f"{printable(out)}: is a directory (use --out-dir to write one file per article)")
        if self.out_dir is not None and os.path.exists(self.out_dir.given) and not os.path.isdir(self.out_dir.given):
            raise UsageError(f"{printable(self.out_dir.given)}: not a directory")
        same = _same_file
        if self.errors_given is not None and (same(self.errors_given, out) or same(self.errors_given, source)):
            raise UsageError("--errors must name a file of its own")
        if out not in (None, "-") and same(out, source):
            raise UsageError("--out must not be the input")

    def open(self) -> None:
        """Take the locks, then continue the unfinished run (--resume) or start a new one."""
        if self.out is not None and self.out != "-" and (not os.path.exists(self.out) or os.path.isfile(self.out)):
            self.output = LinesFile(self.out, "the output")
            self.progress = Progress(self.output.path + ".progress")
        elif self.out is not None:
            self.output = DirectOutput(self.out)
        if self.errors_given is not None:
            self.errors = LinesFile(self.errors_given, "the errors file")
        for target in (self.output, self.out_dir, self.errors):
            if getattr(target, "link", False):
                self.note(f"{printable(target.given)} is a symbolic link: writing to {printable(target.path)}")
        if self.out_dir is not None:
            self.out_dir.make()
            self.progress = Progress(os.path.join(self.out_dir.path, DIR_PROGRESS))
            self.out_dir.take_lock()
        if isinstance(self.output, LinesFile):
            self.output.take_lock()
        if self.errors is not None:
            self.errors.take_lock()
        if self.progress is not None:
            self.progress.clean()
        self.input = _Input(self.source, self.follow_symlinks)
        if self.resume:
            self._continue()
        else:
            self._start()

    def _start(self) -> None:
        if self.progress is not None and self.progress.exists():
            self.note(f"starting over: the unfinished run recorded in {printable(self.progress.path)} is discarded "
                      "(--resume would have continued it)")
            self._discard_unfinished()
            self.progress.remove()
        for target in (self.output, self.errors):
            if isinstance(target, LinesFile):
                target.discard()
                target.open()
        self.save()

    def _discard_unfinished(self) -> None:
        assert self.progress is not None
        try:
            record = self.progress.load()
        except UsageError:
            return
        self._remove_temporaries(record)

    def _continue(self) -> None:
        assert self.progress is not None and self.input is not None
        shown = printable(self.progress.path)
        if not self.progress.exists():
            finished = isinstance(self.output, LinesFile) and os.path.exists(self.output.path)
            raise UsageError(f"cannot resume: there is no unfinished run to continue ({shown} does not exist"
                             + (f"; {printable(self.output.given)} is the output of a run that finished"
                                if finished else "") + "); run without --resume to start over")
        record = self.progress.load()
        saved_input = record.get("input") or {}
        if saved_input.get("path") != self.input.identity or saved_input.get("kind") != self._kind():
            raise UsageError(f"cannot resume: the unfinished run read {printable(str(saved_input.get('path')))}, not "
                             f"{printable(self.input.name)}; run without --resume to start over")
        if record.get("site") != self._site_digest():
            raise UsageError("cannot resume: the unfinished run emitted the articles with "
                             + ("another --site" if record.get("site") else "no --site")
                             + "; give the same options, or run without --resume to start over")
        where = self._where(record)
        if where is not None:
            raise UsageError(f"cannot resume: the unfinished run wrote {where}; give the same options, or run "
                             "without --resume to start over")
        counts = record.get("counts") or {}
        self.counts = _Counts(**{name: int(counts.get(name, 0)) for name in ("inputs", "written", "invalid")})
        self.before = replace(self.counts)
        if self.input.skip(self.counts.inputs) != saved_input.get("digest"):
            raise UsageError(f"cannot resume: the first {self.counts.inputs:,} articles of {printable(self.input.name)}"
                             " are not those the unfinished run read (the input changed); run without --resume to "
                             "start over")
        for target, saved in ((self.output, record.get("output")), (self.errors, record.get("errors"))):
            if isinstance(target, LinesFile):
                target.open(keep=int(saved["bytes"]), expect=saved)
        self._remove_temporaries(record)

    def _where(self, record: dict) -> str | None:
        """What the record says was written, when it is not what this run would write; else None."""
        saved_output, saved_errors = record.get("output") or {}, record.get("errors")
        if self.out_dir is not None:
            now = self.out_dir.record()
            if (saved_output.get("device"), saved_output.get("inode")) != (now["device"], now["inode"]):
                return f"another directory ({printable(str(saved_output.get('path')))})"
        elif isinstance(self.output, LinesFile) and saved_output.get("path") != os.path.abspath(self.output.path):
            return f"its output to {printable(str(saved_output.get('path')))}"
        errors_now = os.path.abspath(self.errors.path) if self.errors is not None else None
        errors_then = saved_errors.get("path") if saved_errors else None
        if errors_now != errors_then:
            return f"its errors to {printable(errors_then)}" if errors_then else "no errors file"
        return None

    def _remove_temporaries(self, record: dict) -> None:
        """Files of --out-dir that workers of a killed run may have left half-written (as temporary files)."""
        if self.out_dir is None:
            return
        for directory in record.get("writing") or ():
            remove_temporaries(os.path.join(self.out_dir.path, directory))

    def _site_digest(self) -> str | None:
        """What --site says, as a SHA-256: output emitted with one site must not be continued with another."""
        if self.site is None:
            return None
        return hashlib.sha256(self.site.model_dump_json().encode("utf-8")).hexdigest()

    def _kind(self) -> str:
        assert self.input is not None
        return "files" if self.input.files else "lines"

    # --------------------------------------------------------------------------------------------------- running

    def go(self) -> int:
        assert self.input is not None
        if not self.quiet and sys.stderr.isatty():
            self.bar = progress_bar(count_inputs(self.source, self.follow_symlinks), "article", True,
                                    initial=self.counts.inputs)
        started = time.perf_counter()
        self.began = True
        locks = [target.lock.descriptor for target in (self.output, self.errors, self.out_dir)
                 if getattr(target, "lock", None) is not None]
        results = parallel_map(run_task, self._tasks(), self.jobs, self.signals, close_in_workers=locks)
        try:
            for done in results:
                inputs, digest, _ = self.in_flight.popleft()
                if done.cannot_write is not None:
                    raise CannotWrite(*done.cannot_write)
                self._take(done, inputs)
                self.save(digest)
        except (CannotWrite, WorkerLost):
            results.close()  # the workers end here (the ones still at work are killed)...
            self._clean_in_flight()  # ...and what they were writing is removed
            raise
        finally:
            results.close()
            self.bar.close()
        if self.signals.first is not None:
            self._clean_in_flight()
            return self._interrupted()
        return self._complete(time.perf_counter() - started)

    def _tasks(self) -> Iterator[_Task]:
        assert self.input is not None
        kind = self._kind()
        out_dir = self.out_dir.path if self.out_dir is not None else None
        for chunk, digest in self.input.chunks():
            names = [f"{number:08d}.jsonld" for number, _ in chunk] if kind == "lines" else [s.out_name for s in chunk]
            self.in_flight.append((len(chunk), digest, names))
            yield _Task(kind, self.input.name, chunk, out_dir, self.site)

    def _take(self, done: _Done, inputs: int) -> None:
        """One finished chunk, in input order: its documents, its errors (stderr and --errors), the counts."""
        if self.output is not None and done.data:
            self.output.write(done.data)
        for record in done.errors:
            for line in _report(record):
                _quietly(self.bar.write, line, sys.stderr)
            if self.errors is not None:
                self.errors.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.counts.inputs += inputs
        self.counts.written += done.written
        self.counts.invalid += len(done.errors)
        self.bar.update(inputs)

    def save(self, digest: str | None = None) -> None:
        """Flush what is written, then record it (the record never says more than the files hold)."""
        for target in (self.output, self.errors):
            if target is not None:
                target.flush()
        if self.progress is None:
            return
        assert self.input is not None
        output = self.out_dir.record() if self.out_dir is not None else self.output.record()  # type: ignore[union-attr]
        writing = sorted({os.path.dirname(name) or "." for _, _, names in self.in_flight for name in names})
        self.progress.save({
            "pid": os.getpid(),
            "input": {"path": self.input.identity, "kind": self._kind(),
                      "digest": digest or hashlib.sha256().hexdigest()},
            "site": self._site_digest(),
            "output": output,
            "errors": self.errors.record() if self.errors is not None else None,
            "counts": self.counts.__dict__,
            "writing": writing if self.out_dir is not None else [],
        })
        self.recorded = True

    def _clean_in_flight(self) -> None:
        if self.out_dir is not None:
            names = [name for _, _, chunk in self.in_flight for name in chunk]
            for directory in {os.path.dirname(name) for name in names}:
                remove_temporaries(os.path.join(self.out_dir.path, directory),
                                   {os.path.basename(name) for name in names if os.path.dirname(name) == directory})

    def _interrupted(self) -> int:
        self.save_final()
        self.note(f"interrupted by {self.signals.name} after {self.counts.inputs:,} articles ({self.counts.written:,} "
                  f"written, {self.counts.invalid:,} invalid)" + self._resume_hint(), always=True)
        return self.signals.exit_status

    def save_final(self) -> None:
        """Keep the work done for --resume: the work files closed where they are, the record of them. Without a
        record (the output went to standard output) there is nothing to resume: the errors file is completed."""
        for target in (self.output, self.errors):
            if isinstance(target, LinesFile):
                target.close() if self.progress is not None else target.complete()
            elif target is not None:
                target.flush()

    def _resume_hint(self) -> str:
        if self.progress is None or not self.recorded:
            return ""
        kept = [printable(target.work) for target in (self.output, self.errors) if isinstance(target, LinesFile)]
        where = f" in {' and '.join(kept)}" if kept else ""
        return f"; the work done is kept{where}: run the same command with --resume to continue"

    def _complete(self, seconds: float) -> int:
        if self.errors is not None:
            self.errors.complete()
        if isinstance(self.output, LinesFile):
            self.output.complete()
        elif self.output is not None:
            self.output.close()
        if self.progress is not None:
            self.progress.remove()
        if not self.quiet:
            _quietly(print, _summary(self.counts, self.before, seconds), file=sys.stderr)
        return EXIT_INVALID if self.counts.invalid else EXIT_OK

    def stopped_by(self, problem: str) -> int:
        """The run cannot go on (a file cannot be written, a worker was killed): say so, keep what is done."""
        try:
            self.save_final()
        except CannotWrite:
            pass  # the record saved after the last chunk still describes what was written before it
        if not self.began:  # it stopped before it began: nothing was written
            self.note(problem, always=True)
            return EXIT_ENVIRONMENT
        self.note(f"{problem}; stopped after {self.counts.inputs:,} articles ({self.counts.written:,} written, "
                  f"{self.counts.invalid:,} invalid)" + self._resume_hint().replace(
                      "run the same command", "once the cause is fixed, run the same command"), always=True)
        return EXIT_ENVIRONMENT

    def release(self) -> None:
        for target in (self.output, self.errors, self.out_dir):
            if isinstance(target, (LinesFile, OutputDir)):
                target.release()
        if self.input is not None:
            self.input.close()

    def note(self, text: str, always: bool = False) -> None:
        if always or not self.quiet:
            _quietly(print, printable(f"newsld batch: {text}"), file=sys.stderr)


def _quietly(write: Any, *args: Any, **kwargs: Any) -> None:
    """Write to standard error; one that is gone (a terminal hung up: SIGHUP) must not stop the run or its clean end."""
    try:
        write(*args, **kwargs)
    except OSError:
        pass


def _same_file(one: str | None, other: str | None) -> bool:
    if one is None or other is None or "-" in (one, other):
        return False
    return os.path.realpath(one) == os.path.realpath(other)


def _report(record: dict) -> Iterator[str]:
    for problem in record["problems"]:
        line = record["line"] if record["line"] is not None else problem["line"]
        where = f"{record['source']}:{line}" if line is not None else record["source"]
        yield printable(f"{where}: {problem['path'] or '(document)'}: {problem['message']}")


def _summary(counts: _Counts, before: _Counts, seconds: float) -> str:
    read = counts.inputs - before.inputs
    rate = read / seconds if seconds > 0 else 0.0
    text = (f"newsld batch: {read:,} articles read, {counts.written - before.written:,} written, "
            f"{counts.invalid - before.invalid:,} invalid in {seconds:.1f} s ({rate:,.0f} articles/s)")
    if before.inputs:
        text += (f"; resumed after {before.inputs:,} done earlier ({counts.written:,} written, {counts.invalid:,} "
                 "invalid in all)")
    return text


def run_batch(
    source: str,
    *,
    out: str | None = None,
    out_dir: str | None = None,
    errors: str | None = None,
    resume: bool = False,
    jobs: int | None = None,
    quiet: bool = False,
    follow_symlinks: bool = False,
    site: Any = None,
    ends_process: bool = False,
) -> int:
    """Convert every article of ``source``. Exit status 0 all valid, 1 some invalid, 2 usage, 3 a file could not be
    written (or the output is another run's), 128 + N ended by signal N (130, 143, 129). ``ends_process``: the caller
    exits with that status at once (see ``_Signals``)."""
    with _Signals(ends_process) as signals:
        run = _Run(source, out if out is not None or out_dir is not None else "-", out_dir, errors, resume,
                   jobs if jobs is not None else (os.cpu_count() or 1), quiet, follow_symlinks, site, signals)
        run.check_usage()
        try:
            run.open()
            if signals.first is not None:  # a signal while it was getting ready: nothing was done
                return run._interrupted()
            return run.go()
        except AlreadyRunning as exc:
            run.note(f"cannot start: {exc}", always=True)
            return EXIT_ENVIRONMENT
        except CannotWrite as exc:
            return run.stopped_by(str(exc))
        except WorkerLost as exc:
            return run.stopped_by(str(exc))
        finally:
            run.release()


def cmd_batch(args) -> int:
    from ._article import read_site

    return run_batch(args.input, out=args.out, out_dir=args.out_dir, errors=args.errors, resume=args.resume,
                     jobs=args.jobs, quiet=args.quiet, follow_symlinks=args.follow_symlinks, site=read_site(args.site),
                     ends_process=getattr(args, "owns_process", False))
