"""The newsld command: output, exit status (0 ok, 1 invalid content, 2 usage) and one-line messages."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsld
from _support.common import FIXTURES
from newsld import dumps, load, to_jsonld
from newsld.cli import main
from newsld.cli._parser import build_parser

ARTICLE = str(FIXTURES / "article.yaml")


def run(capsys, *argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def reference():
    return load(ARTICLE)


# ----------------------------------------------------------------------------------------------------- success


def test_emit_prints_the_pretty_graph(capsys, reference):
    status, out, err = run(capsys, "emit", ARTICLE)
    assert (status, err) == (0, "")
    assert out == dumps(reference, indent=2) + "\n"


def test_emit_compact(capsys, reference):
    status, out, _ = run(capsys, "emit", "--compact", ARTICLE)
    assert status == 0 and out == dumps(reference) + "\n"
    assert out.count("\n") == 1


def test_emit_nested_form(capsys, reference):
    status, out, _ = run(capsys, "emit", "--form", "nested", ARTICLE)
    assert status == 0
    doc = json.loads(out)
    assert doc == to_jsonld(reference, form="nested") and "@graph" not in doc


def test_embed_prints_a_script_element(capsys, reference):
    status, out, _ = run(capsys, "embed", "--compact", ARTICLE)
    assert status == 0
    assert out.startswith('<script type="application/ld+json">') and out.endswith("</script>\n")
    body = out[len('<script type="application/ld+json">'):-len("</script>\n")]
    assert json.loads(body) == to_jsonld(reference)


def test_validate_summarizes(capsys):
    status, out, err = run(capsys, "validate", ARTICLE)
    assert (status, err) == (0, "")
    assert out == f"{ARTICLE}: valid ReportageNewsArticle (1 quotations, 1 claims, 2 mentions)\n"


def test_validate_quiet_prints_nothing(capsys):
    assert run(capsys, "validate", "-q", ARTICLE) == (0, "", "")


@pytest.mark.parametrize("format_args", [[], ["--input-format", "yaml"]])
def test_stdin_with_dash(capsys, monkeypatch, reference, format_args):
    source = (FIXTURES / "article.yaml").read_bytes()
    status, out, _ = run(capsys, "emit", *format_args, "-", stdin=source, monkeypatch=monkeypatch)
    assert status == 0 and json.loads(out) == to_jsonld(reference)


def test_stdin_toml_with_format(capsys, monkeypatch, reference):
    source = (FIXTURES / "article.toml").read_bytes()
    status, out, _ = run(capsys, "emit", "--input-format", "toml", "-", stdin=source, monkeypatch=monkeypatch)
    assert status == 0 and json.loads(out) == to_jsonld(reference)


def test_input_format_option_overrides_the_suffix(capsys, tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes((FIXTURES / "article.json").read_bytes())
    assert run(capsys, "validate", "-q", "--input-format", "json", str(path)) == (0, "", "")


@pytest.mark.parametrize("command", ["emit", "embed", "validate", "quotes", "roundtrip"])
def test_the_old_format_flag_still_works_with_a_warning(capsys, tmp_path, command):
    path = tmp_path / "article.txt"
    path.write_bytes((FIXTURES / "article.json").read_bytes())
    status, out, err = run(capsys, command, "--format", "json", str(path))
    assert status == 0 and out
    assert err.startswith("newsld: warning: --format here is deprecated and stops working in newsld 0.3: use "
                          "--input-format (--format is the format of what a command prints)\n")


def test_the_old_and_new_flag_must_agree(capsys):
    status, _, err = run(capsys, "emit", "--format", "yaml", "--input-format", "json", ARTICLE)
    assert status == 2 and err.endswith("newsld: error: --format yaml and --input-format json disagree; give only "
                                        "--input-format\n")
    assert run(capsys, "emit", "--format", "yaml", "--input-format", "yaml", ARTICLE)[0] == 0


def test_schema_writes_into_out_dir_and_still_takes_out(capsys, tmp_path):
    status, out, err = run(capsys, "schema", "--out-dir", str(tmp_path / "a"))
    assert (status, err) == (0, "") and out.splitlines() == [str(tmp_path / "a" / "authoring.schema.json"),
                                                            str(tmp_path / "a" / "jsonld.schema.json")]
    status, out, err = run(capsys, "schema", "--out", str(tmp_path / "b"))
    assert status == 0 and (tmp_path / "b" / "jsonld.schema.json").is_file()
    assert "--out here is deprecated and stops working in newsld 0.3: use --out-dir" in err
    with pytest.raises(SystemExit) as exit:
        main(["schema"])
    assert exit.value.code == 2 and "required: --out-dir" in capsys.readouterr().err


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"newsld {newsld.__version__}\n"
    assert newsld.__version__ == version("newsld")  # one version, in the package and in its metadata


def _commands():
    parser = build_parser()
    [commands] = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return parser, commands.choices


def test_every_help_describes_its_command_with_an_example():
    parser, commands = _commands()
    assert "examples:\n  newsld " in parser.format_help()
    for name, sub in commands.items():
        text = sub.format_help()
        assert sub.description and len(sub.description) > 40, name
        assert f"examples:\n  newsld {name} " in text, name
        assert "--format" not in text or name == "check", name  # the old spelling is accepted, not advertised


def test_the_readme_shows_every_command():
    from _support.common import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in _commands()[1]:
        assert f"| `newsld {name} " in readme, name
    for flag in ("--version", "--input-format", "--out-dir", "validate FILE..."):
        assert flag in readme, flag


# ------------------------------------------------------------------------------------------- invalid content


@pytest.mark.parametrize(
    "name, line, expected",
    [
        ("naive-date.yaml", "3:1", "datePublished: '2024-05-01T09:30:00' has no timezone"),
        ("relative-url.yaml", "2:1", "url: relative URL '/2024/05/relative'"),
        ("dangling-speaker.yaml", "10:5", "entities.q1.spokenByCharacter: unknown entity id 'putni'; did you mean putin?"),
        ("malformed.yaml", "4:7", "(document): malformed YAML:"),
    ],
)
@pytest.mark.parametrize("command", ["emit", "embed", "validate"])
def test_invalid_article_exits_1_with_one_precise_line(capsys, command, name, line, expected):
    path = str(FIXTURES / name)
    status, out, err = run(capsys, command, path)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1, err
    assert err.startswith(f"{path}:{line}: {expected}")


def test_several_problems_are_one_line_each(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("headline: x\nurl: /relative\ndatePublished: 2024-05-01\n", encoding="utf-8")
    status, _, err = run(capsys, "validate", str(path))
    assert status == 1
    assert [line.split(": ", 2)[:2] for line in err.splitlines()] == [
        [f"{path}:2:1", "url"],
        [f"{path}:3:1", "datePublished"],
    ]


def test_invalid_stdin_is_reported_as_dash(capsys, monkeypatch):
    status, _, err = run(capsys, "validate", "-", stdin=b"headline: x\nurl: /relative\n", monkeypatch=monkeypatch)
    assert status == 1 and err.startswith("-:2:1: url: relative URL")


def test_non_utf8_file_exits_1_with_its_line(capsys, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"headline: x\nurl: https://e.com/a\ndescription: caf\xe9\n")
    status, _, err = run(capsys, "validate", str(path))
    assert status == 1
    assert err == f"{path}:3: (document): not UTF-8: byte 0xe9 cannot be decoded\n"


def test_duplicate_explicit_id_is_invalid_content(capsys, tmp_path):
    path = tmp_path / "ids.yaml"
    path.write_text(
        "headline: x\nurl: https://e.com/a\nauthor: [a]\nmentions: [b]\nentities:\n"
        "  a: {'@type': Person, '@id': 'urn:x:1', name: A}\n"
        "  b: {'@type': Organization, '@id': 'urn:x:1', name: B}\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "validate", str(path))
    assert status == 1 and "mentions[0].@id: @id 'urn:x:1' is already used" in err


# ------------------------------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    "argv",
    [["bogus", ARTICLE], [], ["emit"], ["emit", "--format", "xml", ARTICLE], ["emit", "--form", "flat", ARTICLE]],
    ids=["unknown-command", "no-command", "no-file", "bad-format", "bad-form"],
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as excinfo:
        main(argv)
    assert excinfo.value.code == 2
    assert "usage: newsld" in capsys.readouterr().err


def test_missing_file_exits_2(capsys):
    status, out, err = run(capsys, "emit", str(FIXTURES / "missing.yaml"))
    assert (status, out) == (2, "")
    assert err == f"newsld: error: {FIXTURES / 'missing.yaml'}: no such file\n"


def test_unknown_suffix_exits_2(capsys, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("headline: x\n", encoding="utf-8")
    status, _, err = run(capsys, "emit", str(path))
    assert status == 2 and err.startswith(f"newsld: error: {path}: cannot tell the format of 'article.txt'")


@pytest.mark.parametrize("command", ["emit", "embed", "validate", "quotes", "roundtrip"])
def test_a_source_that_cannot_be_read_is_a_usage_error_naming_it(capsys, tmp_path, command):
    status, out, err = run(capsys, command, str(tmp_path))
    assert (status, out, err) == (2, "", f"newsld: error: {tmp_path}: is a directory; give an article source file\n")
    if Path("/proc/self/mem").exists():  # a file that exists and fails when read (also for root)
        status, out, err = run(capsys, command, "/proc/self/mem")
        assert (status, out, err) == (2, "", "newsld: error: /proc/self/mem: cannot read: input/output error\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files without permission")
def test_a_source_without_read_permission_is_a_usage_error(capsys, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_bytes((FIXTURES / "article.yaml").read_bytes())
    path.chmod(0)
    status, _, err = run(capsys, "emit", str(path))
    assert (status, err) == (2, f"newsld: error: {path}: cannot read: permission denied\n")


def test_validate_takes_many_files_and_exits_with_the_worst(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("headline: x\nurl: /relative\n", encoding="utf-8")
    status, out, err = run(capsys, "validate", ARTICLE, str(bad), str(FIXTURES / "article.json"))
    assert status == 1
    assert out.splitlines() == [f"{ARTICLE}: valid ReportageNewsArticle (1 quotations, 1 claims, 2 mentions)",
                                f"{FIXTURES / 'article.json'}: valid ReportageNewsArticle (1 quotations, 1 claims, "
                                "2 mentions)"]
    assert err.startswith(f"{bad}:2:")
    status, _, err = run(capsys, "validate", "-q", str(bad), str(tmp_path / "missing.yaml"), ARTICLE)
    assert status == 2  # one could not be read: usage, whatever else
    assert err.splitlines()[-1] == f"newsld: error: {tmp_path / 'missing.yaml'}: no such file"


# ------------------------------------------------------------------------------------------ unexpected errors


def explode(*args, **kwargs):
    raise RuntimeError("boom")


def test_unexpected_error_without_debug_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr(newsld, "dumps", explode)
    status, out, err = run(capsys, "emit", ARTICLE)
    assert (status, out) == (1, "")
    assert err == "newsld: internal error: RuntimeError: boom (run with --debug for the traceback)\n"


def test_unexpected_error_with_debug_is_raised(monkeypatch):
    monkeypatch.setattr(newsld, "dumps", explode)
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "emit", ARTICLE])


# ---------------------------------------------------------------------------------------------- real processes


def newsld_process(*argv, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "newsld", *argv], input=stdin, capture_output=True, timeout=60)


def test_process_emits_from_stdin():
    result = newsld_process("emit", "--compact", "-", stdin=(FIXTURES / "article.yaml").read_bytes())
    assert (result.returncode, result.stderr) == (0, b"")
    assert json.loads(result.stdout) == to_jsonld(load(ARTICLE))


def test_process_exit_codes_and_no_traceback():
    invalid = newsld_process("validate", str(FIXTURES / "dangling-speaker.yaml"))
    assert invalid.returncode == 1 and invalid.stdout == b""
    assert invalid.stderr.decode().count("\n") == 1
    usage = newsld_process("emit", str(FIXTURES / "missing.yaml"))
    assert usage.returncode == 2
    for result in (invalid, usage):
        assert b"Traceback" not in result.stderr
