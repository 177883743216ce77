"""Write every user-visible output newsld produces on a fixed set of inputs, one file each, so two commits compare.

A refactoring that promises "behaviour unchanged" proves it with this script: run it once on each commit and diff the
two directories (``diff -r``; no output means byte-identical)::

    git worktree add /tmp/before 4aa36ce
    python tools/snapshot_outputs.py --src /tmp/before/src /tmp/out-before
    python tools/snapshot_outputs.py --src src /tmp/out-after
    diff -r /tmp/out-before /tmp/out-after && echo identical

What it writes (through the command line's ``main`` and the public API only, which both commits share):

* ``check/<page>.json`` and ``check/<page>.txt``: ``newsld check --format json`` and ``newsld check`` of every page in
  ``../shared/corpora/real-pages`` and of the schema.org and Google example pages;
* ``lift/<page>.json``: ``newsld.lift`` of every such page (article, leftovers, findings);
* ``emit/<source>.<command>.txt``: ``emit`` (graph, nested, compact), ``embed``, ``validate``, ``quotes`` of the
  examples and test fixtures, with exit status and standard error (invalid fixtures report there);
* ``schema/<file>``: what ``newsld schema`` writes.

Needs the packages of ``pip install '.[test]'``; ``--src`` is put first on ``sys.path``, so one virtual environment
serves both commits as long as their dependencies agree.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

__all__ = ["main"]


def _run_cli(main, argv: list[str]) -> str:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(argv)
    return f"exit {status}\n--- stdout\n{stdout.getvalue()}--- stderr\n{stderr.getvalue()}"


def _pages(shared: Path) -> list[Path]:
    corpora = shared / "corpora"
    pages = sorted((corpora / "real-pages").glob("*.html.gz"))
    pages += sorted((corpora / "google-examples").glob("*.html"))
    pages += sorted((corpora / "schemaorg-examples").rglob("*.html"))
    return pages


def _lift_record(newsld, html: bytes) -> str:
    result = newsld.lift(html)
    record = {
        "article": json.loads(newsld.dumps(result.article)) if result.article is not None else None,
        "leftovers": [{"path": left.path, "value": repr(left.value), "reason": left.reason}
                      for left in result.leftovers],
        "findings": [[f.severity, f.code, f.message, f.path, f.block, f.line] for f in result.findings],
    }
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def snapshot(out: Path, shared: Path) -> int:
    import newsld
    from newsld.cli import main

    written = 0

    def put(relative: str, text: str) -> None:
        nonlocal written
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1

    for page in _pages(shared):
        name = str(page.relative_to(shared / "corpora")).replace("/", "__")
        put(f"check/{name}.json", _run_cli(main, ["check", "--format", "json", str(page)]))
        put(f"check/{name}.txt", _run_cli(main, ["check", str(page)]))
        data = page.read_bytes()
        put(f"lift/{name}.json", _lift_record(newsld, gzip.decompress(data) if page.suffix == ".gz" else data))

    sources = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "tests" / "fixtures").glob("*.*"))
    commands = {
        "emit": ["emit"],
        "emit-nested": ["emit", "--form", "nested"],
        "emit-compact": ["emit", "--compact"],
        "embed": ["embed"],
        "validate": ["validate"],
        "quotes": ["quotes"],
    }
    for source in sources:
        for label, argv in commands.items():
            put(f"emit/{source.parent.name}__{source.name}.{label}.txt", _run_cli(main, [*argv, str(source)]))

    with tempfile.TemporaryDirectory() as directory:
        status = _run_cli(main, ["schema", "--out", directory])
        put("schema/_status.txt", status.replace(directory, "DIR"))
        for path in sorted(Path(directory).iterdir()):
            put(f"schema/{path.name}", path.read_text(encoding="utf-8"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="directory to write into (created)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the checkout's src directory (default: ours)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared corpora (default: ../shared)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    import newsld

    if not Path(newsld.__file__).resolve().is_relative_to(args.src.resolve()):
        parser.error(f"newsld was imported from {newsld.__file__}, not from {args.src}")
    count = snapshot(args.out, args.shared)
    print(f"{count} files written to {args.out} (newsld from {Path(newsld.__file__).parent})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
