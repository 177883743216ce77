"""The command line under hostile conditions: every error is one line per problem with exit 1 or 2, --debug shows
the traceback, a closed pipe ends it quietly, and a failing or interrupted write leaves the old file intact."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsld
from newsld import _files
from newsld.cli import main
from _support.tally import tried

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_SOURCE = REPO / "examples" / "syria-air-missions.md"
EXAMPLE_PAGE = REPO / "examples" / "syria-air-missions.html"
INVALID = (
    "headline: 5\n"
    "url: javascript:alert(1)\n"
    "datePublished: 2024-05-01T09:30:00\n"
    "wordCount: many\n"
    "headlin: typo\n"
    "author: [nobody]\n"
)
INVALID_LINES = ["1:1: headline:", "2:1: url:", "3:1: datePublished:", "4:1: wordCount:", "5:1: headlin:",
                 "6:10: author[0]:"]


def run(capsys, *argv):
    tried("command lines run (usage errors, invalid content, hostile messages)")
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def sources(tmp_path):
    (tmp_path / "invalid.yaml").write_text(INVALID, encoding="utf-8")
    (tmp_path / "malformed.yaml").write_text("headline: [unclosed\n", encoding="utf-8")
    (tmp_path / "hostile.yaml").write_text(
        'headline: x\nurl: https://news.example.com/a\n"evil\\e]0;title\\a\\nforged: line": 1\n'
        'keywords: ["\\e[2J\\u202e"]\ndatePublished: "\\e[31m"\n', encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize("argv", [
    [], ["nonsense"], ["emit"], ["embed", "--form", "tree", "x.yaml"], ["validate", "--bogus", "x.yaml"],
    ["quotes"], ["roundtrip", "--input-format", "xml", "x.yaml"], ["schema"], ["check"],
    ["check", "--severity", "fatal", "x"], ["check", "--jobs", "many", "x"], ["batch"],
    ["batch", "in", "--out", "a", "--out-dir", "b"],
])
def test_argument_errors_exit_2_with_one_error_line(capsys, argv):
    with pytest.raises(SystemExit) as caught:
        run(capsys, *argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "error:" in line] == [err.splitlines()[-1]]
    assert "Traceback" not in err


@pytest.mark.parametrize("argv, message", [
    (["emit", "missing.yaml"], "missing.yaml: no such file"),
    (["embed", "missing.yaml"], "missing.yaml: no such file"),
    (["validate", "missing.yaml"], "missing.yaml: no such file"),
    (["roundtrip", "missing.yaml"], "missing.yaml: no such file"),
    (["quotes", "missing.yaml"], "missing.yaml: no such file"),
    (["emit", "article.txt"], "cannot tell the format of 'article.txt'"),
    (["check", "missing.html"], "missing.html: no such file or directory"),
    (["check", "https://example.com/"], "newsld never fetches pages"),
    (["check", "empty"], "no pages found"),
    (["check", "--against", "invalid.yaml", "a.html", "b.html"], "--against compares one source with one page"),
    (["schema", "--out-dir", "invalid.yaml"], "cannot write schemas to invalid.yaml"),
    (["batch", "missing"], "missing: no such file or directory"),
])
def test_usage_errors_exit_2_with_one_line(capsys, sources, monkeypatch, argv, message):
    monkeypatch.chdir(sources)
    (sources / "empty").mkdir()
    for name in ("a.html", "b.html", "article.txt"):
        (sources / name).write_text("x", encoding="utf-8")
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("newsld: error: ") and message in err


# ----------------------------------------------------------------------------------------------- invalid content


@pytest.mark.parametrize("command", ["emit", "embed", "validate", "roundtrip"])
def test_invalid_content_exits_1_with_one_line_per_problem(capsys, sources, command):
    source = sources / "invalid.yaml"
    status, out, err = run(capsys, command, source)
    assert (status, out) == (1, "")
    assert [" ".join(line[len(f"{source}:"):].split(" ", 2)[:2]) for line in err.splitlines()] == INVALID_LINES
    status, out, err = run(capsys, command, sources / "malformed.yaml")
    assert (status, out) == (1, "") and err.count("\n") == 1 and "malformed YAML" in err


def test_check_against_an_invalid_source_lists_its_problems(capsys, sources):
    status, out, err = run(capsys, "check", "--against", sources / "invalid.yaml", EXAMPLE_PAGE)
    assert (status, out) == (1, "") and len(err.splitlines()) == len(INVALID_LINES)


def test_batch_reports_each_problem_of_each_invalid_article_on_its_own_line(capsys, sources, tmp_path):
    (sources / "hostile.yaml").unlink()
    status, out, err = run(capsys, "batch", sources, "--jobs", "1", "-q", "--out", tmp_path / "out.jsonl")
    assert (status, out) == (1, "")
    assert len(err.splitlines()) == len(INVALID_LINES) + 1 and "Traceback" not in err


def test_check_of_a_broken_page_is_findings_with_exit_1(capsys, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b'<script type="application/ld+json">{"@type": "NewsArticle",</script>\xff')
    status, out, err = run(capsys, "check", broken)
    assert (status, err) == (1, "") and "syntax/invalid-json" in out


def test_page_and_source_content_never_reaches_the_terminal_raw(capsys, sources, tmp_path):
    status, out, err = run(capsys, "validate", sources / "hostile.yaml")
    assert status == 1 and len(err.splitlines()) == 2
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err and "\\u001b" in err
    page = tmp_path / "hostile.html"
    page.write_text('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Person\\u001b[2J",'
                    ' "na\\u001b]0;x\\u0007\\nme": "\\u202e"}</script>', encoding="utf-8")
    for argv in (["check", page], ["check", "--format", "json", page]):
        status, out, err = run(capsys, *argv)
        assert "\x1b" not in out and "\x07" not in out and err == ""
    status, out, _ = run(capsys, "check", page)
    assert all(line.startswith(("  ", str(page))) for line in out.splitlines())


# -------------------------------------------------------------------------------------------------------- --debug


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\x1b[2J")

    monkeypatch.setattr(newsld, "dumps", broken)
    status, out, err = run(capsys, "emit", EXAMPLE_SOURCE)
    assert (status, out) == (1, "")
    assert err == "newsld: internal error: RuntimeError: boom\\u001b[2J (run with --debug for the traceback)\n"
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "emit", str(EXAMPLE_SOURCE)])


def test_debug_prints_the_traceback_in_a_real_process():
    code = ("import sys, newsld; from newsld.cli import main\n"
            "def broken(*args, **kwargs): raise RuntimeError('boom')\n"
            "newsld.dumps = broken\n"
            "sys.exit(main(sys.argv[1:]))\n")
    for debug, expected in ((["--debug"], "Traceback (most recent call last)"), ([], "newsld: internal error")):
        result = subprocess.run([sys.executable, "-c", code, *debug, "emit", str(EXAMPLE_SOURCE)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and expected in result.stderr
        assert result.stderr.splitlines()[-1].startswith("RuntimeError: boom") == bool(debug)


# ------------------------------------------------------------------------------------------------ a closed pipe


@pytest.fixture(scope="module")
def big_source(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.md"
    path.write_text("---\nheadline: Big\nurl: https://news.example.com/big\n---\n" + "The talks went on. " * 200_000,
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("site")
    for number in range(40):
        (directory / f"page-{number:02d}.html").write_bytes(EXAMPLE_PAGE.read_bytes())
    return directory


def _first_line_then_close(*argv) -> tuple:
    """``newsld ARGV | head -1``: read one line from a real pipe, close it, and collect the exit status and stderr."""
    tried("command lines run into a closed pipe")
    process = subprocess.Popen([sys.executable, "-m", "newsld", *map(str, argv)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    try:
        status = process.wait(timeout=120)
    finally:
        process.kill()
    return first, status, process.stderr.read().decode()


@pytest.mark.parametrize("argv", [
    ["emit", "{big}"], ["embed", "--compact", "{big}"], ["check", "{site}"], ["check", "--jobs", "1", "{site}"],
    ["check", "--format", "json", "{site}"], ["batch", "{batch}", "-q"],
], ids=lambda argv: " ".join(argv))
def test_a_closed_pipe_ends_the_command_quietly(big_source, site, tmp_path, argv):
    batch = tmp_path / "articles"
    batch.mkdir()
    for number in range(60):
        (batch / f"a{number:02d}.md").write_bytes(big_source.read_bytes()[:2000])
    first, status, err = _first_line_then_close(
        *(arg.format(big=big_source, site=site, batch=batch) for arg in argv))
    assert first
    assert "BrokenPipeError" not in err and "Exception ignored" not in err and "Traceback" not in err
    assert err == "" and status == 0


# ----------------------------------------------------------------------------------------- atomic output files


class _TornWriter:
    """A file that takes half of what it is given and then fails as a full disk does."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()


def _leftovers(directory: Path) -> list:
    return sorted(path.name for path in directory.iterdir() if path.name.endswith(".tmp"))


def test_schema_output_is_replaced_whole_or_not_at_all(capsys, tmp_path, monkeypatch):
    assert main(["schema", "--out-dir", str(tmp_path)]) == 0
    good = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    for path in tmp_path.iterdir():
        path.write_text("OLD", encoding="utf-8")
    real_open = open
    monkeypatch.setattr(_files, "open", lambda *args, **kwargs: _TornWriter(real_open(*args, **kwargs)), raising=False)
    status, out, err = run(capsys, "schema", "--out-dir", tmp_path)
    assert status == 3 and err.count("\n") == 1 and "No space left on device" in err and "cannot write " in err
    assert {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == dict.fromkeys(good, "OLD")
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()

    def interrupted(descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(_files.os, "fsync", interrupted)
    status, _, _ = run(capsys, "schema", "--out-dir", tmp_path)
    assert status == 130
    assert {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == dict.fromkeys(good, "OLD")
    monkeypatch.undo()
    assert main(["schema", "--out-dir", str(tmp_path)]) == 0
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == good


def test_write_text_atomic_keeps_the_file_mode_a_new_file_gets(tmp_path):
    target = tmp_path / "out.json"
    _files.write_text_atomic(target, "one\n")
    _files.write_text_atomic(target, "two\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text(encoding="utf-8") == "two\n" and target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_batch_output_that_fails_midway_leaves_the_old_file(capsys, tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(30):
        (articles / f"a{number:02d}.md").write_bytes(EXAMPLE_SOURCE.read_bytes())
    out = tmp_path / "out.jsonl"
    out.write_text("OLD\n", encoding="utf-8")
    real_write = _files.ReplacingFile.write
    calls = []

    def torn(self, data):
        calls.append(len(data))
        if len(calls) == 1:
            real_write(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, data)

    monkeypatch.setattr(_files.ReplacingFile, "write", torn)
    status, _, err = run(capsys, "batch", articles, "--out", out, "--jobs", "1", "-q")
    assert status == 3 and err.count("\n") == 1 and "cannot write " in err and "No space left on device" in err
    assert out.read_text(encoding="utf-8") == "OLD\n" and _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert main(["batch", str(articles), "--out", str(out), "--jobs", "1", "-q"]) == 0
    assert out.read_text(encoding="utf-8").count("\n") == 30


# A page's JSON may spell a lone surrogate ("\ud800"): Python reads it as one, and UTF-8 cannot carry it.
SURROGATE_PAGE = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
                  '"@type": "NewsArticle", "headline": "<b>a\\ud800b</b>", "x\\udfff": "y", '
                  '"datePublished": "\\ud800"}</script></head></html>')


@pytest.mark.parametrize("argv", [
    ["--format", "text"], ["--format", "json"], ["--format", "jsonl"], ["--format", "sarif"], ["--format", "html"],
    ["--summary"], ["--summary", "--format", "json"], ["--summary", "--format", "jsonl"],
])
def test_lone_surrogates_in_a_page_are_printed_as_escapes_in_every_format(tmp_path, argv):
    page = tmp_path / "page.html"
    page.write_text(SURROGATE_PAGE, encoding="ascii")
    done = subprocess.run([sys.executable, "-m", "newsld", "check", str(page), *argv], capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr  # the date is invalid: an error, reported, not an internal error
    assert b"internal error" not in done.stderr
    out = done.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    if argv[-1] in ("json", "sarif"):
        document = json.loads(out)
        if argv == ["--format", "json"]:
            paths = [f["path"] for block in document["pages"][0]["blocks"] for f in block["findings"]]
            assert "$.x\udfff" in paths  # the value a reader gets back is the page's own
    elif argv[-1] == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    elif argv[-1] == "text":
        assert "$.x\\udfff" in out  # the path shows the page's key, its surrogate as a visible escape
