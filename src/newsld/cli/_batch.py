"""``newsld batch``: many articles in, JSON-LD out, on every core, in constant memory, resumable.

Inputs are a directory of article sources (walked depth-first, entries sorted by name, hidden ones skipped) or JSON
Lines, one article per line in the authoring format. Work goes to a process pool in chunks, with a bounded number of
chunks in flight, and comes back in input order: memory does not grow with the input, and every input ends as exactly
one output or one reported error, in input order.

Resuming: a run that is interrupted leaves a progress file next to its output (``OUT.progress``, or
``DIR/.newsld-batch.progress``) saying how many inputs are done and how long the output and errors files were then;
``--resume`` truncates both to those lengths and continues after those inputs. Without a progress file (the run was
killed outright), ``--resume`` counts the complete lines of the output and the errors file instead, dropping a torn
last line.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .._files import ReplacingFile, write_text_atomic
from ._parallel import parallel_map
from ._progress import progress_bar
from ._status import UsageError

__all__ = ["cmd_batch", "run_batch", "walk_sources"]

SOURCE_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".md", ".markdown")
LINES_PER_CHUNK = 256  # a JSON Lines chunk: large enough to amortise the pickling, small enough to keep memory flat
FILES_PER_CHUNK = 32
PROGRESS_DIR_NAME = ".newsld-batch.progress"
EXIT_INTERRUPTED = {signal.SIGINT: 130, signal.SIGTERM: 143}


# --------------------------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class _Source:
    path: str  # as shown in messages
    out_name: str  # relative name of its file in --out-dir


def walk_sources(root: Path) -> Iterator[_Source]:
    """Article sources under ``root``: depth-first, entries sorted by name, hidden entries and symlinked dirs skipped.

    Each source's --out-dir name is its relative path with ``.jsonld`` for its suffix; two sources of one directory
    with the same stem (``a.md``, ``a.yaml``) keep their suffixes (``a.md.jsonld``): neither overwrites the other.
    """

    def walk(directory: Path, relative: str) -> Iterator[_Source]:
        try:
            entries = sorted(
                (entry for entry in os.scandir(directory) if not entry.name.startswith(".")), key=lambda e: e.name
            )
        except OSError as exc:
            raise UsageError(f"{directory}: cannot read the directory ({exc.strerror or exc})") from None
        files = [entry for entry in entries if entry.name.lower().endswith(SOURCE_SUFFIXES) and entry.is_file()]
        stems = Counter(os.path.splitext(entry.name)[0] for entry in files)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(directory / entry.name, relative + entry.name + "/")
            elif entry in files:
                stem = os.path.splitext(entry.name)[0]
                name = entry.name if stems[stem] > 1 else stem
                yield _Source(str(directory / entry.name), relative + name + ".jsonld")

    yield from walk(root, "")


def _source_chunks(sources: Iterator[_Source], skip: int) -> Iterator[list]:
    chunk: list = []
    for index, source in enumerate(sources):
        if index < skip:
            continue
        chunk.append(source)
        if len(chunk) == FILES_PER_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _line_chunks(stream: IO[bytes], skip: int) -> Iterator[list]:
    """(line number, raw line) of every non-blank line after the first ``skip`` of them, in chunks."""
    chunk: list = []
    seen = 0
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue  # a blank line is not an article
        seen += 1
        if seen <= skip:
            continue
        chunk.append((number, raw))
        if len(chunk) == LINES_PER_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def count_inputs(source: str) -> int | None:
    """How many articles ``source`` holds (for the progress bar), or None when it cannot be known beforehand."""
    path = Path(source)
    if source == "-" or not (path.is_dir() or path.is_file()):
        return None
    if path.is_dir():
        return sum(1 for _ in walk_sources(path))
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
    # Not flushed to the disk one by one (thousands of small files); a crash leaves the progress file to resume from.
    write_text_atomic(path, text, durable=False)


def _failure(where: dict, message: str) -> dict:
    return {**where, "problems": [{"path": "", "message": message, "line": None}]}


def run_task(task: _Task) -> tuple[bytes, int, list]:
    """One chunk: (the JSON Lines output of its valid articles, how many are valid, the error records in order)."""
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
        else:
            where = {"source": item.path, "line": None}
        try:
            article = build(_parse_line(raw, number)) if task.kind == "lines" else load(Path(item.path))
            doc = to_jsonld(article, site=task.site)
            if task.out_dir is None:
                documents.append(json_text(doc))
            else:
                name = f"{number:08d}.jsonld" if task.kind == "lines" else item.out_name
                _write_file(task.out_dir, name, json_text(doc, indent=2) + "\n")
            written += 1
        except NewsldValidationError as exc:
            errors.append({**where, "problems": _problem_dicts(exc)})
        except OSError as exc:
            errors.append(_failure(where, f"cannot read or write: {exc.strerror or exc}"))
        except Exception as exc:  # one article's surprise must not stop an archive's worth of others
            errors.append(_failure(where, f"internal error: {type(exc).__name__}: {exc}"))
    return "".join(doc + "\n" for doc in documents).encode("utf-8"), written, errors


# -------------------------------------------------------------------------------------------------------------- outputs


@dataclass
class _State:
    """What is done, as saved in the progress file: counts, and the output and errors files' lengths then."""

    inputs: int = 0
    written: int = 0
    invalid: int = 0
    output_bytes: int = 0
    errors_bytes: int = 0

    def save(self, path: str) -> None:
        write_text_atomic(path, json.dumps({"version": 1, **self.__dict__}), durable=False)

    @classmethod
    def load(cls, path: str) -> _State:
        try:
            with open(path, encoding="utf-8") as handle:
                saved = json.load(handle)
            return cls(**{name: int(saved[name]) for name in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}: not a readable progress file ({exc}); remove it to start over") from None


class _LineSink:
    """A JSON Lines output: standard output, or a file replaced whole at the end (also when interrupted, so that what
    was done is there to resume), or on resume continued from a known length."""

    def __init__(self, path: str, append: bool, keep_bytes: int | None = None):
        self.path = path
        self.file: ReplacingFile | None = None
        if path == "-":
            self.handle = sys.stdout.buffer
            return
        try:
            if append and keep_bytes is not None and os.path.exists(path) and os.path.getsize(path) < keep_bytes:
                raise UsageError(f"cannot resume: {path} is shorter than its progress file says")
            self.file = ReplacingFile(path, append=append, keep=keep_bytes)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.handle = self.file.handle

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()

    def finish(self) -> None:
        if self.file is None:
            self.handle.flush()
        else:
            self.file.finish()

    def discard(self) -> None:
        """After a failure: the file it would have replaced stays as it was."""
        if self.file is not None:
            self.file.discard()


def _complete_lines(path: str) -> int:
    """Complete lines in a JSON Lines file, dropping a torn last line (from a run that was killed outright)."""
    if not os.path.exists(path):
        return 0
    count, end, offset = 0, 0, 0
    with open(path, "rb") as handle:
        while True:
            block = handle.read(1 << 20)
            if not block:
                break
            count += block.count(b"\n")
            last = block.rfind(b"\n")
            if last >= 0:
                end = offset + last + 1
            offset += len(block)
    if end != offset:
        os.truncate(path, end)
    return count


# ---------------------------------------------------------------------------------------------------------- the command


@dataclass
class _Options:
    source: str
    out: str | None
    out_dir: str | None
    errors: str | None
    resume: bool
    jobs: int
    quiet: bool
    site: Any = None
    progress_file: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.out_dir is not None:
            self.progress_file = os.path.join(self.out_dir, PROGRESS_DIR_NAME)
        elif self.out != "-":
            self.progress_file = f"{self.out}.progress"


def _check_options(options: _Options) -> None:
    if options.source != "-" and not os.path.exists(options.source):
        raise UsageError(f"{options.source}: no such file or directory")
    if options.resume and options.progress_file is None:
        raise UsageError("--resume needs --out FILE or --out-dir DIR (standard output cannot be resumed)")
    if options.errors is not None and options.errors in (options.out, options.source):
        raise UsageError("--errors must name a file of its own")
    if options.out not in (None, "-") and os.path.isdir(options.out):
        raise UsageError(f"{options.out}: is a directory (use --out-dir to write one file per article)")
    if options.out_dir is not None:
        if os.path.exists(options.out_dir) and not os.path.isdir(options.out_dir):
            raise UsageError(f"{options.out_dir}: not a directory")
        os.makedirs(options.out_dir, exist_ok=True)
    if options.jobs < 1:
        raise UsageError("--jobs must be at least 1")


def _resumed_state(options: _Options) -> _State:
    """Where an earlier run stopped: its progress file, or else the complete lines of its output and errors files."""
    assert options.progress_file is not None
    if os.path.exists(options.progress_file):
        return _State.load(options.progress_file)
    if options.out_dir is not None:
        return _State()  # nothing says what was done: redo it all (the files are rewritten, never duplicated)
    written = _complete_lines(options.out)
    if written and options.errors is None:
        raise UsageError(
            f"cannot resume: no progress file {options.progress_file}, and without --errors FILE the invalid "
            "articles of the earlier run cannot be counted; run again without --resume"
        )
    invalid = _complete_lines(options.errors) if options.errors is not None else 0
    return _State(
        inputs=written + invalid,
        written=written,
        invalid=invalid,
        output_bytes=os.path.getsize(options.out) if os.path.exists(options.out) else 0,
        errors_bytes=os.path.getsize(options.errors) if options.errors and os.path.exists(options.errors) else 0,
    )


def _tasks(options: _Options, skip: int) -> Iterator[_Task]:
    if os.path.isdir(options.source):
        for chunk in _source_chunks(walk_sources(Path(options.source)), skip):
            yield _Task("files", options.source, chunk, options.out_dir, options.site)
        return
    name = "<stdin>" if options.source == "-" else options.source
    stream = sys.stdin.buffer if options.source == "-" else open(options.source, "rb", buffering=1 << 20)
    try:
        for chunk in _line_chunks(stream, skip):
            yield _Task("lines", name, chunk, options.out_dir, options.site)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _report(record: dict) -> Iterator[str]:
    for problem in record["problems"]:
        line = record["line"] if record["line"] is not None else problem["line"]
        where = f"{record['source']}:{line}" if line is not None else record["source"]
        yield f"{where}: {problem['path'] or '(document)'}: {problem['message']}"


class _Stop:
    """The first Ctrl-C (or SIGTERM) asks for a clean stop after the chunk being written; a second one aborts."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self.previous = {}

    def __enter__(self) -> _Stop:
        for number in EXIT_INTERRUPTED:
            self.previous[number] = signal.signal(number, self._handle)
        return self

    def _handle(self, number, frame) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt
        self.signal = number

    def __call__(self) -> bool:
        return self.signal is not None

    def __exit__(self, *exc) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)


def run_batch(
    source: str,
    *,
    out: str | None = None,
    out_dir: str | None = None,
    errors: str | None = None,
    resume: bool = False,
    jobs: int | None = None,
    quiet: bool = False,
    site: Any = None,
) -> int:
    """Convert every article of ``source``; exit status 0 all valid, 1 some invalid, 130/143 interrupted."""
    options = _Options(source, out if out is not None or out_dir is not None else "-", out_dir, errors, resume,
                       jobs if jobs is not None else (os.cpu_count() or 1), quiet, site)
    _check_options(options)
    if options.resume:
        state = _resumed_state(options)
    else:
        state = _State()
        if options.progress_file is not None and os.path.exists(options.progress_file):
            os.unlink(options.progress_file)  # from an earlier run this one starts over from
    done_before = _State(**state.__dict__)
    sinks: list[_LineSink] = []
    try:
        output = _LineSink(options.out, options.resume, state.output_bytes) if options.out_dir is None else None
        sinks += [output] if output else []
        errors_sink = _LineSink(options.errors, options.resume, state.errors_bytes) if options.errors else None
        sinks += [errors_sink] if errors_sink else []
    except UsageError:
        for sink in sinks:
            sink.discard()
        raise
    bar = progress_bar(None, "article", False)
    started = time.perf_counter()
    stopped: int | None = None
    try:
        with _Stop() as stop:
            if not quiet and sys.stderr.isatty():
                total = count_inputs(options.source)
                bar = progress_bar(total, "article", True, initial=state.inputs)
            try:
                results = parallel_map(run_task, _tasks(options, state.inputs), options.jobs, stop)
                for data, written, failures in results:
                    before = dict(state.__dict__)
                    try:
                        _take(data, written, failures, state, output, errors_sink, bar)
                    except KeyboardInterrupt:
                        # An abort half-way through a chunk: the progress file keeps the state before it, and
                        # resuming truncates what of it was written.
                        state.__dict__.update(before)
                        raise
                    if options.resume:
                        for sink in sinks:
                            sink.flush()
                        state.save(options.progress_file)
            except KeyboardInterrupt:
                stop.signal = signal.SIGINT
            stopped = stop.signal
    except BaseException:
        bar.close()
        for sink in sinks:
            sink.discard() if stopped is None and not options.resume else sink.finish()
        raise
    bar.close()
    for sink in sinks:
        sink.finish()
    seconds = time.perf_counter() - started
    if stopped is not None:
        if options.progress_file is not None:
            state.save(options.progress_file)
        if not quiet:
            hint = "; run the same command with --resume to continue" if options.progress_file else ""
            print(f"newsld batch: interrupted after {state.inputs} articles ({state.written} written, "
                  f"{state.invalid} invalid){hint}", file=sys.stderr)
        return EXIT_INTERRUPTED[stopped]
    if options.progress_file is not None and os.path.exists(options.progress_file):
        os.unlink(options.progress_file)
    if not quiet:
        print(_summary(state, done_before, seconds), file=sys.stderr)
    return 1 if state.invalid else 0


def _take(data: bytes, written: int, failures: list, state: _State, output: _LineSink | None,
          errors_sink: _LineSink | None, bar) -> None:
    """One finished chunk, in input order: its documents, its errors (stderr and --errors), the counts."""
    if output is not None and data:
        output.write(data)
        state.output_bytes += len(data)
    for record in failures:
        for line in _report(record):
            bar.write(line, sys.stderr)
        if errors_sink is not None:
            encoded = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            errors_sink.write(encoded)
            state.errors_bytes += len(encoded)
    state.inputs += written + len(failures)
    state.written += written
    state.invalid += len(failures)
    bar.update(written + len(failures))


def _summary(state: _State, before: _State, seconds: float) -> str:
    read = state.inputs - before.inputs
    rate = read / seconds if seconds > 0 else 0.0
    text = (f"newsld batch: {read} articles read, {state.written - before.written} written, "
            f"{state.invalid - before.invalid} invalid in {seconds:.1f} s ({rate:,.0f} articles/s)")
    if before.inputs:
        text += (f"; resumed after {before.inputs} done earlier ({state.written} written, {state.invalid} invalid "
                 "in all)")
    return text


def cmd_batch(args) -> int:
    from ._article import read_site

    return run_batch(args.input, out=args.out, out_dir=args.out_dir, errors=args.errors, resume=args.resume,
                     jobs=args.jobs, quiet=args.quiet, site=read_site(args.site))
