"""``newsld batch`` (JSON Lines and directories in, JSON Lines or files out, resumable), parallel ``check``, start-up.

Every run is a subprocess: that is how the pool, Ctrl-C and the terminal behave for real.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsld import dumps, load, to_script_tag
from newsld._authoring import build
from newsld._serialize import json_text
from newsld._graph import to_jsonld

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "syria-air-missions.md"
FIXTURES = REPO / "tests" / "fixtures"


def newsld(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsld", *args], cwd=cwd, input=stdin, capture_output=True, timeout=300
    )


def article(number: int) -> dict:
    """A small valid article in the authoring format, different for every number."""
    return {
        "headline": f"Council meets for the {number}th time & <votes>",
        "url": f"https://news.example.com/2024/05/council-{number}",
        "datePublished": "2024-05-06T09:30:00+00:00",
        "author": ["reporter"],
        "publisher": {"name": "Example News"},
        "keywords": ["council", f"meeting {number % 7}"],
        "entities": {"reporter": {"@type": "Person", "name": f"Reporter {number % 13}"}},
    }


def expected_line(data: dict) -> str:
    """What one valid article becomes in the JSON Lines output: ``newsld emit --compact``."""
    return json_text(to_jsonld(build(data)))


def write_jsonl(path: Path, count: int, invalid_every: int = 0) -> list:
    """``count`` articles, every ``invalid_every``-th without its required url; returns the lines' data."""
    rows = []
    for number in range(1, count + 1):
        data = article(number)
        if invalid_every and number % invalid_every == 0:
            del data["url"]
        rows.append(data)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return rows


# ------------------------------------------------------------------------------------------------ JSON Lines


MIXED = [
    json.dumps(article(1)),
    json.dumps({"headline": "No address"}),  # line 2: invalid
    "{not json",  # line 3: malformed
    "",  # line 4: blank, not an article
    json.dumps(article(5)),
    "[1, 2]",  # line 6: not an object
    '{"headline": "a", "headline": "b", "url": "https://news.example.com/x"}',  # line 7: a key twice
    json.dumps(article(8)),
    '{"headline": "deep", "about": ' + "[" * 100_000 + "]" * 100_000 + "}",  # line 9: too deep for any parser
]


def test_invalid_lines_are_reported_with_line_numbers_and_do_not_stop_the_batch(tmp_path):
    (tmp_path / "in.jsonl").write_text("\n".join(MIXED) + "\n", encoding="utf-8")
    result = newsld("batch", "in.jsonl", "--out", "out.jsonl", "--errors", "errors.jsonl", "--jobs", "2",
                    cwd=tmp_path)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "in.jsonl:2: url: required property is missing" in stderr
    assert 'in.jsonl:3: (document): malformed JSON: a key in JSON is in double quotes ("headline": ...)' in stderr
    assert "in.jsonl:6: (document): an article source is a mapping of properties, not list" in stderr
    assert "in.jsonl:7: headline: key given twice\n" in stderr
    assert "in.jsonl:9: (document): lists or mappings nested 100,001 levels deep: too deep to be an article source" in (
        stderr)
    assert "Traceback" not in stderr
    outputs = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert outputs == [expected_line(article(n)) for n in (1, 5, 8)]
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["source"], e["line"]) for e in errors] == [("in.jsonl", n) for n in (2, 3, 6, 7, 9)]
    assert errors[0]["problems"] == [{"path": "url", "message": "required property is missing", "line": None}]
    # Nothing is lost: every non-blank line is an output or an error.
    assert len(outputs) + len(errors) == sum(1 for line in MIXED if line.strip())
    assert "newsld batch: 8 articles read, 3 written, 5 invalid" in stderr


def test_output_keeps_input_order_across_chunks_and_workers(tmp_path):
    rows = write_jsonl(tmp_path / "in.jsonl", 700, invalid_every=97)  # several chunks of 256 lines
    parallel = newsld("batch", "in.jsonl", "--out", "parallel.jsonl", "--errors", "e2.jsonl", "--jobs", "2",
                      cwd=tmp_path)
    serial = newsld("batch", "in.jsonl", "--out", "serial.jsonl", "--errors", "e1.jsonl", "--jobs", "1",
                    cwd=tmp_path)
    assert parallel.returncode == serial.returncode == 1
    produced = (tmp_path / "parallel.jsonl").read_text(encoding="utf-8").splitlines()
    assert produced == [expected_line(row) for row in rows if "url" in row]
    assert (tmp_path / "serial.jsonl").read_bytes() == (tmp_path / "parallel.jsonl").read_bytes()
    errors = (tmp_path / "e2.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["line"] for line in errors] == list(range(97, 701, 97))
    assert len(produced) + len(errors) == len(rows)
    assert (tmp_path / "e1.jsonl").read_bytes() == (tmp_path / "e2.jsonl").read_bytes()


def test_json_lines_from_stdin_to_stdout(tmp_path):
    rows = write_jsonl(tmp_path / "in.jsonl", 40)
    result = newsld("batch", "-", "--jobs", "2", cwd=tmp_path, stdin=(tmp_path / "in.jsonl").read_bytes())
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [expected_line(row) for row in rows]
    assert "newsld batch: 40 articles read, 40 written, 0 invalid" in result.stderr.decode()

    broken = newsld("batch", "-", cwd=tmp_path, stdin=b'{"headline": "x"}\n')
    assert broken.returncode == 1 and broken.stdout == b""
    assert "<stdin>:1: url: required property is missing" in broken.stderr.decode()


def test_out_dir_writes_one_file_per_line(tmp_path):
    rows = write_jsonl(tmp_path / "in.jsonl", 12, invalid_every=5)
    result = newsld("batch", "in.jsonl", "--out-dir", "docs", "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 1
    files = sorted(path.name for path in (tmp_path / "docs").iterdir())
    assert files == [f"{n:08d}.jsonld" for n in range(1, 13) if n % 5]
    for number in (1, 12):
        expected = dumps(build(rows[number - 1]), indent=2) + "\n"  # what `newsld emit` prints
        assert (tmp_path / "docs" / f"{number:08d}.jsonld").read_text(encoding="utf-8") == expected


# ------------------------------------------------------------------------------------------------ directories


def make_tree(root: Path) -> None:
    (root / "2015" / "10").mkdir(parents=True)
    (root / "b").mkdir()
    shutil.copy(EXAMPLE, root / "2015" / "10" / EXAMPLE.name)
    shutil.copy(FIXTURES / "article.yaml", root / "b" / "a.yaml")
    shutil.copy(FIXTURES / "article.json", root / "b" / "a.json")  # same stem: both keep their suffix
    shutil.copy(FIXTURES / "article.toml", root / "b" / "c.toml")
    shutil.copy(FIXTURES / "relative-url.yaml", root / "b" / "relative-url.yaml")
    (root / "b" / "notes.txt").write_text("not an article source")
    (root / ".hidden.yaml").write_text("headline: skipped")


def test_directory_input_to_json_lines_and_to_files(tmp_path):
    make_tree(tmp_path / "src")
    result = newsld("batch", "src", "--out", "out.jsonl", "--errors", "errors.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "src/b/relative-url.yaml:2: url: relative URL" in stderr
    # Depth-first, entries sorted by name within each directory.
    order = ["2015/10/" + EXAMPLE.name, "b/a.json", "b/a.yaml", "b/c.toml"]
    expected = [dumps(load(tmp_path / "src" / name)) for name in order]
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines() == expected
    errors = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["source"] for e in errors] == ["src/b/relative-url.yaml"]
    assert errors[0]["problems"][0]["line"] == 2

    to_files = newsld("batch", "src", "--out-dir", "docs", "--jobs", "2", cwd=tmp_path)
    assert to_files.returncode == 1
    written = sorted(str(path.relative_to(tmp_path / "docs")) for path in (tmp_path / "docs").rglob("*.jsonld"))
    assert written == ["2015/10/syria-air-missions.jsonld", "b/a.json.jsonld", "b/a.yaml.jsonld", "b/c.jsonld"]
    assert (tmp_path / "docs" / "2015/10/syria-air-missions.jsonld").read_text(encoding="utf-8") == (
        EXAMPLE.with_suffix(".jsonld").read_text(encoding="utf-8")
    )


# ------------------------------------------------------------------------------------------------ exit status


def test_exit_status(tmp_path):
    write_jsonl(tmp_path / "good.jsonl", 3)
    assert newsld("batch", "good.jsonl", "--out", "out.jsonl", "-q", cwd=tmp_path).returncode == 0
    assert newsld("batch", "good.jsonl", "--out", "out.jsonl", "-q", cwd=tmp_path).stderr == b""
    usage = [
        ("batch", "missing.jsonl"),
        ("batch", "good.jsonl", "--resume"),  # standard output cannot be resumed
        ("batch", "good.jsonl", "--out", "a", "--out-dir", "b"),
        ("batch", "good.jsonl", "--out", "out.jsonl", "--errors", "out.jsonl"),
        ("batch", "good.jsonl", "--jobs", "0"),
    ]
    for args in usage:
        result = newsld(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert b"Traceback" not in result.stderr


def test_a_replaced_output_stays_intact_when_the_run_fails(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 3)
    (tmp_path / "out.jsonl").write_text("earlier output\n")
    result = newsld("batch", "in.jsonl", "--out", "out.jsonl", "--errors", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "out.jsonl").read_text() == "earlier output\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # no temporary left


# ------------------------------------------------------------------------------------------------ interrupt, resume


def test_ctrl_c_stops_cleanly_and_resume_completes_the_same_output(tmp_path):
    rows = write_jsonl(tmp_path / "in.jsonl", 20_000, invalid_every=1000)
    reference = newsld("batch", "in.jsonl", "--out", "reference.jsonl", "--errors", "reference-errors.jsonl", "-q",
                       cwd=tmp_path)
    assert reference.returncode == 1
    command = [sys.executable, "-m", "newsld", "batch", "in.jsonl", "--out", "out.jsonl", "--errors", "errors.jsonl"]
    # A session of its own, so that Ctrl-C can be sent as a terminal sends it: to the whole process group.
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (tmp_path / "out.jsonl.partial").exists() or not (tmp_path / "out.jsonl.partial").stat().st_size:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "interrupted by SIGINT after" in stderr and "--resume" in stderr
    partial = (tmp_path / "out.jsonl.partial").read_bytes()
    assert partial.endswith(b"\n")
    done = partial.count(b"\n")
    assert 0 < done < len(rows) * 0.999
    for line in partial.splitlines()[-3:]:
        json.loads(line)
    assert not (tmp_path / "out.jsonl").exists()  # the output appears whole, or not at all
    assert (tmp_path / "out.jsonl.progress").exists()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.lock"))

    resumed = newsld("batch", "in.jsonl", "--out", "out.jsonl", "--errors", "errors.jsonl", "--resume", "--jobs", "2",
                     cwd=tmp_path)
    assert resumed.returncode == 1
    assert "resumed after" in resumed.stderr.decode()
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "reference.jsonl").read_bytes()
    assert (tmp_path / "errors.jsonl").read_bytes() == (tmp_path / "reference-errors.jsonl").read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "errors.jsonl", "in.jsonl", "out.jsonl", "reference-errors.jsonl", "reference.jsonl"]


def test_resume_without_an_unfinished_run_is_refused(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 5)
    (tmp_path / "out.jsonl").write_text(expected_line(article(1)) + "\n", encoding="utf-8")
    result = newsld("batch", "in.jsonl", "--out", "out.jsonl", "--resume", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot resume: there is no unfinished run to continue (out.jsonl.progress does not exist" in (
        result.stderr.decode())


# ------------------------------------------------------------------------------------------------ progress display


def test_progress_bar_only_on_a_terminal(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 30)
    quiet = newsld("batch", "in.jsonl", "--out", "out.jsonl", cwd=tmp_path)
    assert quiet.stderr.decode().count("\n") == 1 and "\r" not in quiet.stderr.decode()  # the summary only

    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty has no width
    process = subprocess.Popen([sys.executable, "-m", "newsld", "batch", "in.jsonl", "--out", "tty.jsonl"],
                               cwd=tmp_path, stderr=follower, stdout=subprocess.DEVNULL)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes with the process
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    assert b"30/30" in shown and b"article" in shown
    assert (tmp_path / "tty.jsonl").read_bytes() == (tmp_path / "out.jsonl").read_bytes()


# ------------------------------------------------------------------------------------------------ parallel check


def test_parallel_check_prints_what_the_sequential_one_does(tmp_path):
    pages = tmp_path / "site"
    pages.mkdir()
    for number in range(1, 15):
        tag = to_script_tag(build(article(number)))
        if number == 9:
            tag = tag.replace('"@type":"NewsArticle"', '"@type":"NewsArticle",')  # a block that is not JSON
        (pages / f"page-{number:02d}.html").write_text(
            f"<!DOCTYPE html><html><head><title>{number}</title>{tag}</head><body></body></html>", encoding="utf-8"
        )
    for form in ("text", "json"):
        serial = newsld("check", "site", "--format", form, "--jobs", "1", cwd=tmp_path)
        parallel = newsld("check", "site", "--format", form, "--jobs", "2", cwd=tmp_path)
        assert serial.returncode == parallel.returncode == 1
        assert parallel.stdout == serial.stdout
        assert parallel.stderr == serial.stderr == b""
    text = newsld("check", "site", "--jobs", "2", cwd=tmp_path).stdout.decode()
    assert text.endswith("14 pages checked, 1 with errors\n")
    assert text.index("page-01.html") < text.index("page-09.html") < text.index("page-14.html")


def test_parallel_check_reports_an_unreadable_page_in_order(tmp_path):
    pages = tmp_path / "site"
    pages.mkdir()
    for number in range(1, 11):
        (pages / f"page-{number:02d}.html").write_text(
            f"<html><head>{to_script_tag(build(article(number)))}</head></html>", encoding="utf-8"
        )
    (pages / "page-05.html.gz").write_bytes(b"\x1f\x8b not really gzip")
    serial = newsld("check", "site", "--jobs", "1", cwd=tmp_path)
    parallel = newsld("check", "site", "--jobs", "2", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1  # a finding about that page; the others are still checked
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr == b""
    text = parallel.stdout.decode()
    assert "page-05.html.gz: 0 JSON-LD blocks; 1 error" in text and "page/unreadable" in text
    assert text.index("page-04.html") < text.index("page-05.html.gz") < text.index("page-06.html")
    assert text.endswith("11 pages checked, 1 with errors\n")


# ------------------------------------------------------------------------------------------------ start-up


HEAVY = ("extruct", "pyld", "rdflib", "lxml", "jsonschema", "jinja2", "django", "rich", "tqdm",
         "fastwarc", "warcio", "brotli", "pyspark", "py4j", "newsld.spark",
         "newsld.check", "newsld.check.rules", "newsld.check._extract", "newsld.integrity", "newsld._roundtrip",
         # a site, and the page and batch commands' modules (worker pools, progress bars), load when asked for
         "newsld._site", "newsld.cli._batch", "newsld.cli._check", "newsld.cli._lift", "newsld.cli._parallel",
         "newsld.cli._progress")


def test_emit_imports_only_what_it_needs(tmp_path):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsld", "emit", str(EXAMPLE)],
                            capture_output=True, timeout=120)
    assert result.returncode == 0
    assert result.stdout.decode() == EXAMPLE.with_suffix(".jsonld").read_text(encoding="utf-8")
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.decode().splitlines()
                if line.startswith("import time:")}
    assert "newsld.models" in imported  # the listing is real
    heavy = sorted(name for name in imported if name.split(".")[0] in HEAVY or name.startswith(HEAVY))
    assert heavy == []
