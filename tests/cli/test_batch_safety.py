"""``newsld batch`` as an operator's machine treats it: signals from ``timeout``, systemd and the terminal, runs killed
outright, yesterday's output in place, two runs at once, a full disk, links and hostile names.

What docs/batch.md promises, one test (or more) each. Every run is a subprocess in a session of its own, so that a
signal can be sent to the whole process group as ``timeout`` and ``kill -TERM -PGID`` send it.
"""

from __future__ import annotations

import errno
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsld.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch import article, write_jsonl  # noqa: E402  (the articles the batch tests share)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc: Linux")

COMMAND = [sys.executable, "-m", "newsld", "batch"]
WAIT = 60  # seconds any run may take at most here: a run that takes longer is hung


def start(args, cwd: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([*COMMAND, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, **kwargs)


def run(args, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, timeout=WAIT, **kwargs)


def group_members(group: int) -> list[int]:
    """Live processes (zombies waiting for a reaper are not) of a process group."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(entry.name))
    return members


def assert_group_ends(group: int) -> None:
    deadline = time.monotonic() + 10
    while group_members(group):
        assert time.monotonic() < deadline, f"processes outlived the run: {group_members(group)}"
        time.sleep(0.05)


def wait_for_work(process: subprocess.Popen, path: Path, least: int = 1) -> None:
    """Until ``path`` holds ``least`` bytes: the run is under way."""
    deadline = time.monotonic() + WAIT
    while not (path.exists() and path.stat().st_size >= least):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.01)


def listing(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """3,000 articles (every 97th invalid), and the output and errors of one uninterrupted run of them."""
    directory = tmp_path_factory.mktemp("archive")
    write_jsonl(directory / "in.jsonl", 3_000, invalid_every=97)
    result = run(["in.jsonl", "--out", "reference.jsonl", "--errors", "reference-errors.jsonl", "-q"], directory)
    assert result.returncode == 1, result.stderr.decode()
    return directory


@pytest.fixture
def workdir(tmp_path, archive) -> Path:
    (tmp_path / "in.jsonl").write_bytes((archive / "in.jsonl").read_bytes())
    return tmp_path


def assert_same_as_reference(workdir: Path, archive: Path) -> None:
    assert (workdir / "out.jsonl").read_bytes() == (archive / "reference.jsonl").read_bytes()
    assert (workdir / "errors.jsonl").read_bytes() == (archive / "reference-errors.jsonl").read_bytes()


ARGS = ["in.jsonl", "--out", "out.jsonl", "--errors", "errors.jsonl", "--jobs", "2"]


def killed_mid_run(workdir: Path, least: int = 400_000, number: int = signal.SIGKILL) -> subprocess.Popen:
    """A run ended by ``number`` to its process group once its output holds ``least`` bytes (400 KB: past the first
    chunks' records)."""
    process = start(ARGS, workdir)
    wait_for_work(process, workdir / "out.jsonl.partial", least=least)
    os.killpg(process.pid, number)
    process.communicate(timeout=WAIT)
    return process
DONE = ["errors.jsonl", "in.jsonl", "out.jsonl"]
KEPT = ["errors.jsonl.partial", "in.jsonl", "out.jsonl.partial", "out.jsonl.progress"]


# ------------------------------------------------------------------------------------------------------------ signals


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda n: signal.Signals(n).name)
@pytest.mark.parametrize("to", ["group", "parent"])
def test_a_signal_at_any_moment_ends_the_run_cleanly_and_resume_completes_it(workdir, archive, number, to):
    generator = random.Random(f"{number}-{to}")
    for attempt in range(3):
        for name in listing(workdir):
            if name != "in.jsonl":
                (workdir / name).unlink()
        process = start(ARGS, workdir)
        wait_for_work(process, workdir / "out.jsonl.partial")
        time.sleep(generator.uniform(0, 0.6))  # somewhere in the run: in a chunk, between chunks, near its end
        if to == "group":
            os.killpg(process.pid, number)  # what timeout, systemd and kill -TERM -PGID do
        else:
            os.kill(process.pid, number)
        started = time.monotonic()
        _, stderr = process.communicate(timeout=WAIT)
        assert time.monotonic() - started < 15, "the run took too long to stop"  # 3 s of draining, then at once
        assert_group_ends(process.pid)
        stderr = stderr.decode()
        assert "Traceback" not in stderr and "internal error" not in stderr
        if listing(workdir) == DONE:
            # The signal came as the run completed, or after it (test_a_signal_after_the_run_completed_...): the run
            # keeps its own status.
            assert process.returncode in (0, 1), stderr
        else:
            assert process.returncode == 128 + number, stderr
            assert f"interrupted by {signal.Signals(number).name} after" in stderr and "--resume" in stderr
            assert listing(workdir) == KEPT
            resumed = run([*ARGS, "--resume"], workdir)
            assert resumed.returncode == 1, resumed.stderr.decode()
            assert listing(workdir) == DONE
        assert_same_as_reference(workdir, archive)


def test_a_second_signal_stops_at_once(workdir, archive):
    process = start(ARGS, workdir)
    wait_for_work(process, workdir / "out.jsonl.partial")
    os.killpg(process.pid, signal.SIGTERM)
    os.killpg(process.pid, signal.SIGTERM)
    process.communicate(timeout=WAIT)
    assert process.returncode == 143
    assert_group_ends(process.pid)
    if listing(workdir) != DONE:
        assert listing(workdir) == KEPT
        assert run([*ARGS, "--resume"], workdir).returncode == 1
    assert_same_as_reference(workdir, archive)


SIGNALLED_AS_IT_COMPLETES = """
import os, signal, sys
from newsld.cli import _batch, main

run_batch = _batch.run_batch


def run_then_signalled(*args, **kwargs):
    status = run_batch(*args, **kwargs)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # the run is done; the process has not exited yet
        os.kill(os.getpid(), number)
    return status


_batch.run_batch = run_then_signalled
sys.argv = ["newsld", "batch", *sys.argv[1:]]
raise SystemExit(main())
"""


def test_a_signal_after_the_run_completed_leaves_its_status(workdir, archive):
    """Found by CI on a fast machine: a signal between the end of the run and the process's exit killed a finished run
    (SIGHUP's default) or made it exit 130 (SIGINT), its output complete but its status a lie."""
    process = subprocess.run([sys.executable, "-c", SIGNALLED_AS_IT_COMPLETES, *ARGS], cwd=workdir,
                             capture_output=True, timeout=WAIT)
    assert process.returncode == 1, process.stderr.decode()[-500:]  # 1: the input has invalid articles
    assert listing(workdir) == DONE
    assert_same_as_reference(workdir, archive)


@pytest.mark.parametrize("to", ["group", "parent"])
def test_killed_outright_the_run_leaves_no_worker_and_resume_completes_it(workdir, archive, to):
    process = start(ARGS, workdir)
    wait_for_work(process, workdir / "out.jsonl.partial", least=400_000)  # past the first chunks' records
    (os.killpg if to == "group" else os.kill)(process.pid, signal.SIGKILL)
    process.communicate(timeout=WAIT)
    assert process.returncode == -signal.SIGKILL
    assert_group_ends(process.pid)  # the workers die with their parent, even when only the parent was killed
    left = listing(workdir)
    assert {"out.jsonl.partial", "out.jsonl.progress"} <= set(left) and "out.jsonl" not in left
    resumed = run([*ARGS, "--resume"], workdir)
    assert resumed.returncode == 1, resumed.stderr.decode()
    assert "resumed after" in resumed.stderr.decode()
    assert listing(workdir) == DONE  # the stale locks of the killed run are gone too
    assert_same_as_reference(workdir, archive)


# ------------------------------------------------------------------------------------------------------------- resume


def test_resume_never_continues_output_it_did_not_write(workdir, archive):
    yesterday = (archive / "reference.jsonl").read_bytes()[:50_000].rsplit(b"\n", 1)[0] + b"\n"
    (workdir / "out.jsonl").write_bytes(yesterday)
    (workdir / "errors.jsonl").write_bytes(b"")
    refused = run([*ARGS, "--resume"], workdir)
    assert refused.returncode == 2
    assert "no unfinished run to continue" in refused.stderr.decode()
    assert "out.jsonl is the output of a run that finished" in refused.stderr.decode()
    assert (workdir / "out.jsonl").read_bytes() == yesterday


def test_yesterdays_output_stays_whole_until_todays_run_completes(workdir, archive):
    yesterday = b'{"yesterday": 1}\n' * 1000
    (workdir / "out.jsonl").write_bytes(yesterday)
    killed_mid_run(workdir, least=50_000)
    assert (workdir / "out.jsonl").read_bytes() == yesterday  # readers never see a half-written output
    resumed = run([*ARGS, "--resume"], workdir)
    assert resumed.returncode == 1, resumed.stderr.decode()
    assert_same_as_reference(workdir, archive)


def test_resume_refuses_an_input_that_changed(workdir):
    process = killed_mid_run(workdir, least=50_000, number=signal.SIGTERM)
    if process.returncode != 143:
        pytest.skip("the run completed before the signal")
    lines = (workdir / "in.jsonl").read_bytes().splitlines(keepends=True)
    lines[3] = json.dumps(article(99_999)).encode() + b"\n"
    (workdir / "in.jsonl").write_bytes(b"".join(lines))
    kept = (workdir / "out.jsonl.partial").read_bytes()
    refused = run([*ARGS, "--resume"], workdir)
    assert refused.returncode == 2
    assert "are not those the unfinished run read (the input changed)" in refused.stderr.decode()
    assert (workdir / "out.jsonl.partial").read_bytes() == kept


def test_resume_refuses_a_work_file_that_was_replaced(workdir):
    killed_mid_run(workdir)
    partial = workdir / "out.jsonl.partial"
    partial.rename(workdir / "kept")  # still there, so the new file cannot get its inode
    partial.write_bytes((workdir / "kept").read_bytes())
    refused = run([*ARGS, "--resume"], workdir)
    assert refused.returncode == 2 and "is not the file the unfinished run wrote" in refused.stderr.decode()


def test_resume_refuses_a_work_file_that_was_changed(workdir):
    killed_mid_run(workdir)
    partial = workdir / "out.jsonl.partial"
    with open(partial, "r+b") as handle:
        handle.write(b"[")
    refused = run([*ARGS, "--resume"], workdir)
    assert refused.returncode == 2 and "does not hold what the unfinished run wrote" in refused.stderr.decode()


def test_resume_truncates_what_came_after_the_record(workdir, archive):
    killed_mid_run(workdir, least=50_000)
    with open(workdir / "out.jsonl.partial", "ab") as handle:
        handle.write(b'{"written after the last record, then torn')  # as a kill in the middle of a chunk leaves it
    resumed = run([*ARGS, "--resume"], workdir)
    assert resumed.returncode == 1, resumed.stderr.decode()
    assert_same_as_reference(workdir, archive)


def test_a_fresh_run_starts_over_and_says_so(workdir, archive):
    killed_mid_run(workdir, least=50_000)
    again = run(ARGS, workdir)
    assert again.returncode == 1
    assert "starting over: the unfinished run recorded in out.jsonl.progress is discarded" in again.stderr.decode()
    assert listing(workdir) == DONE
    assert_same_as_reference(workdir, archive)


def test_resume_with_other_options_is_refused(workdir):
    killed_mid_run(workdir, least=50_000)
    other = run(["in.jsonl", "--out", "out.jsonl", "--resume"], workdir)  # without the errors file
    assert other.returncode == 2 and "the unfinished run wrote its errors to" in other.stderr.decode()


# ------------------------------------------------------------------------------------------------- two runs at once


def test_a_second_run_on_the_same_output_fails_fast_naming_the_first(workdir, archive):
    first = start(ARGS, workdir)
    wait_for_work(first, workdir / "out.jsonl.partial")
    os.kill(first.pid, signal.SIGSTOP)  # held still, so that it is surely running while the others try
    try:
        for args in (ARGS, [*ARGS, "--resume"], ["in.jsonl", "--out", "other.jsonl", "--errors", "errors.jsonl"]):
            second = run(args, workdir)
            assert second.returncode == 3, second.stderr.decode()
            assert f"is already being written by PID {first.pid}" in second.stderr.decode()
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first.communicate(timeout=WAIT)
    assert first.returncode == 1
    assert_same_as_reference(workdir, archive)  # nothing written twice, nothing lost
    assert not (workdir / "other.jsonl").exists()


# --------------------------------------------------------------------------------------------------- symbolic links


def test_a_symlinked_out_is_resolved_once_in_fresh_and_resumed_runs(workdir, archive):
    (workdir / "real").mkdir()
    (workdir / "out.jsonl").symlink_to("real/today.jsonl")
    (workdir / "errors.jsonl").symlink_to("real/today-errors.jsonl")
    process = start(ARGS, workdir)
    wait_for_work(process, workdir / "real" / "today.jsonl.partial", least=50_000)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=WAIT)
    # Killed outright, it may leave a temporary file of its record beside them (".today.jsonl.progress.PID-….tmp"),
    # which --resume removes.
    written = sorted(name for name in listing(workdir / "real") if not name.startswith("."))
    assert written[:2] == ["today-errors.jsonl.lock", "today-errors.jsonl.partial"]
    resumed = run([*ARGS, "--resume"], workdir)
    assert resumed.returncode == 1, resumed.stderr.decode()
    assert "out.jsonl is a symbolic link: writing to " in resumed.stderr.decode()
    assert (workdir / "out.jsonl").is_symlink() and (workdir / "errors.jsonl").is_symlink()
    assert listing(workdir / "real") == ["today-errors.jsonl", "today.jsonl"]
    assert_same_as_reference(workdir, archive)


# ------------------------------------------------------------------------------------------ disks, files, permissions


def limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_stops_the_run_with_exit_3_and_keeps_the_work(workdir, archive):
    """A real file system that refuses to grow a file: RLIMIT_FSIZE (``ulimit -f``), which makes write() fail with
    EFBIG as a full disk fails it with ENOSPC. (A small tmpfs needs root and a mount; chmod does not stop root, who
    runs CI.)"""
    (workdir / "out.jsonl").write_bytes(b"OLD\n")
    limited = subprocess.run([*COMMAND, *ARGS], cwd=workdir, capture_output=True, timeout=WAIT,
                             preexec_fn=limit_file_size(300_000))
    stderr = limited.stderr.decode()
    assert limited.returncode == 3, stderr
    assert "newsld batch: cannot write out.jsonl.partial: File too large; stopped after " in stderr
    assert "once the cause is fixed, run the same command with --resume" in stderr
    assert "Traceback" not in stderr and "invalid" in stderr
    assert (workdir / "out.jsonl").read_bytes() == b"OLD\n"  # no partial output at the final name
    assert listing(workdir) == ["errors.jsonl.partial", "in.jsonl", "out.jsonl", *KEPT[2:]]
    resumed = run([*ARGS, "--resume"], workdir)
    assert resumed.returncode == 1, resumed.stderr.decode()
    assert listing(workdir) == DONE
    assert_same_as_reference(workdir, archive)


def test_a_full_disk_under_out_dir_stops_the_run_and_leaves_no_temporary_file(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 300)
    reference = run(["in.jsonl", "--out-dir", "reference", "-q"], tmp_path)
    assert reference.returncode == 0
    limited = subprocess.run([*COMMAND, "in.jsonl", "--out-dir", "docs", "--jobs", "2"], cwd=tmp_path,
                             capture_output=True, timeout=WAIT, preexec_fn=limit_file_size(800))  # under any document, over the record
    stderr = limited.stderr.decode()
    assert limited.returncode == 3, stderr
    assert "cannot write docs/0000" in stderr and ".jsonld: File too large" in stderr
    assert not [path for path in (tmp_path / "docs").iterdir() if path.name.endswith(".tmp")]
    assert (tmp_path / "docs" / ".newsld-batch.progress").exists()
    resumed = run(["in.jsonl", "--out-dir", "docs", "--jobs", "2", "--resume"], tmp_path)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert listing(tmp_path / "docs") == listing(tmp_path / "reference")
    for name in listing(tmp_path / "reference"):
        assert (tmp_path / "docs" / name).read_bytes() == (tmp_path / "reference" / name).read_bytes()


def test_a_device_that_is_full_is_an_environment_failure(workdir):
    result = run(["in.jsonl", "--out", "/dev/full", "-q"], workdir)
    assert result.returncode == 3
    assert result.stderr.decode() == ("newsld batch: cannot write /dev/full: No space left on device; stopped after 0 "
                                      "articles (0 written, 0 invalid)\n")


@pytest.mark.parametrize("code, reason", [(errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied"),
                                          (errno.EIO, "Input/output error"), (errno.ENOSPC, "No space left on device")])
def test_environment_failures_before_anything_is_written(capsys, tmp_path, monkeypatch, code, reason):
    """A read-only file system (or a directory newsld may not write) refuses the first file: the lock. Injected here:
    CI runs as root, whom neither chmod nor a read-only bind mount (which needs a mount namespace) stops."""
    write_jsonl(tmp_path / "in.jsonl", 5)
    monkeypatch.chdir(tmp_path)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(code, os.strerror(code), path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert main(["batch", "in.jsonl", "--out", "out.jsonl", "--jobs", "1"]) == 3
    assert capsys.readouterr().err == f"newsld batch: cannot write out.jsonl.lock: {reason}\n"
    assert listing(tmp_path) == ["in.jsonl"]


def test_a_write_that_fails_half_way_keeps_the_work_before_it(capsys, tmp_path, monkeypatch):
    from newsld import _files

    write_jsonl(tmp_path / "in.jsonl", 600)
    assert main(["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "reference.jsonl"), "-q"]) == 0
    monkeypatch.chdir(tmp_path)
    real_write = _files.ReplacingFile.write
    calls = []

    def torn(self, data):
        calls.append(len(data))
        if len(calls) == 2:  # the second chunk: half of it reaches the file
            real_write(self, data[: len(data) // 2])
            raise OSError(errno.EROFS, "Read-only file system")
        real_write(self, data)

    monkeypatch.setattr(_files.ReplacingFile, "write", torn)
    assert main(["batch", "in.jsonl", "--out", "out.jsonl", "--jobs", "1"]) == 3
    err = capsys.readouterr().err
    assert "cannot write out.jsonl.partial: Read-only file system; stopped after 256 articles (256 written" in err
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "in.jsonl", "--out", "out.jsonl", "--jobs", "1", "--resume", "-q"]) == 0
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "reference.jsonl").read_bytes()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes where chmod says no (CI runs as root: the injected "
                                              "failures above stand in for this)")
def test_a_directory_newsld_may_not_write(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", 5)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed").chmod(0o500)
    try:
        result = run(["in.jsonl", "--out", "closed/out.jsonl"], tmp_path)
    finally:
        (tmp_path / "closed").chmod(0o700)
    assert result.returncode == 3
    assert result.stderr.decode() == "newsld batch: cannot write closed/out.jsonl.lock: Permission denied\n"


# ---------------------------------------------------------------------------------------------- inputs that leak


def test_a_link_to_a_file_outside_the_input_is_not_read(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\nheadline: secret\nurl: https://example.com/s\n", encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "inner").mkdir(parents=True)
    (tree / "a-link.yaml").symlink_to(secret)
    (tree / "passwd.yaml").symlink_to("/etc/passwd")
    (tree / "inner" / "own.yaml").write_text("headline: own\nurl: https://example.com/own\n", encoding="utf-8")
    (tree / "own-link.yaml").symlink_to(tree / "inner" / "own.yaml")  # inside the tree: read
    (tree / "dangling.yaml").symlink_to(tmp_path / "nothing.yaml")
    (tree / "elsewhere").symlink_to(tmp_path)  # a directory: not followed
    result = run(["tree", "--out", "out.jsonl", "--errors", "errors.jsonl"], tmp_path)
    stderr = result.stderr.decode()
    errors = (tmp_path / "errors.jsonl").read_text(encoding="utf-8")
    assert result.returncode == 1
    for text in (stderr, errors):
        assert "hunter2" not in text and "root:" not in text and "password" not in text
    assert "tree/a-link.yaml: (document): a symbolic link to a file outside the input directory, not read" in stderr
    assert "tree/passwd.yaml: (document): a symbolic link to a file outside the input directory" in stderr
    assert "tree/dangling.yaml: (document): a symbolic link to nothing" in stderr
    assert "tree/elsewhere: (document): a symbolic link to a directory, not followed" in stderr
    assert [json.loads(line)["@graph"][0]["headline"] for line in (tmp_path / "out.jsonl").read_text().splitlines()
            ] == ["own", "own"]
    followed = run(["tree", "--out", "all.jsonl", "--follow-symlinks", "-q"], tmp_path)
    assert b"password: not a property newsld knows" in followed.stderr  # read because asked to


def test_names_and_messages_are_printed_escaped(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    name = "retitle\x1b]0;PWNED\x07-clear\x1b[2J.yaml"
    (tree / name).write_text("headline: \"\x1b[31mred\"\nurl: /relative\n", encoding="utf-8")
    result = run(["tree", "--out", "out\x1b[2J.jsonl"], tmp_path)
    stderr = result.stderr.decode()
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "retitle\\u001b]0;PWNED\\u0007-clear\\u001b[2J.yaml" in stderr


def test_what_an_invalid_source_holds_is_shown_as_a_short_excerpt_only(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    big = "x" * 100_000
    (tree / "a.json").write_text(json.dumps({"@type": big, "headline": big, "url": "/" + big, "author": [big],
                                             "datePublished": big, "entities": {big: {"@type": big}}}))
    (tree / "b.json").write_text(json.dumps({"headline": "h", "url": "https://example.com/b", big: 1}))
    (tree / "c.yaml").write_text(f"headline: h\nurl: https://example.com/c\n{big}: 1\n", encoding="utf-8")
    result = run(["tree", "--out", "out.jsonl", "--errors", "errors.jsonl"], tmp_path)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) >= 4 and max(len(line) for line in lines) < 400
    for record in map(json.loads, (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()):
        assert max(len(problem["message"]) + len(problem["path"]) for problem in record["problems"]) < 400
