"""The newsld command: output, exit status (0 ok, 1 invalid content, 2 usage) and one-line messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import newsld
from _support.common import FIXTURES
from newsld import dumps, load, to_jsonld
from newsld.cli import main

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


@pytest.mark.parametrize("format_args", [[], ["--format", "yaml"]])
def test_stdin_with_dash(capsys, monkeypatch, reference, format_args):
    source = (FIXTURES / "article.yaml").read_bytes()
    status, out, _ = run(capsys, "emit", *format_args, "-", stdin=source, monkeypatch=monkeypatch)
    assert status == 0 and json.loads(out) == to_jsonld(reference)


def test_stdin_toml_with_format(capsys, monkeypatch, reference):
    source = (FIXTURES / "article.toml").read_bytes()
    status, out, _ = run(capsys, "emit", "--format", "toml", "-", stdin=source, monkeypatch=monkeypatch)
    assert status == 0 and json.loads(out) == to_jsonld(reference)


def test_format_option_overrides_the_suffix(capsys, tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes((FIXTURES / "article.json").read_bytes())
    assert run(capsys, "validate", "-q", "--format", "json", str(path))[0] == 0


# ------------------------------------------------------------------------------------------- invalid content


@pytest.mark.parametrize(
    "name, line, expected",
    [
        ("naive-date.yaml", 3, "datePublished: '2024-05-01T09:30:00' has no timezone"),
        ("relative-url.yaml", 2, "url: relative URL '/2024/05/relative'"),
        ("dangling-speaker.yaml", 10, "entities.q1.spokenByCharacter: unknown entity id 'putni'"),
        ("malformed.yaml", 4, "(document): malformed YAML:"),
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
        [f"{path}:2", "url"],
        [f"{path}:3", "datePublished"],
    ]


def test_invalid_stdin_is_reported_as_dash(capsys, monkeypatch):
    status, _, err = run(capsys, "validate", "-", stdin=b"headline: x\nurl: /relative\n", monkeypatch=monkeypatch)
    assert status == 1 and err.startswith("-:2: url: relative URL")


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
    assert status == 2 and err.startswith("newsld: error: cannot tell the format of 'article.txt'")


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
