"""In a real browser (Debian's headless Chromium), what the page parses is exactly what newsld emitted.

Each page carries a first script that turns any dialog or injected code into a marker (window.__pwned) and a last one
that reports, as JSON written into the page, ``JSON.parse`` of every ld+json element's text, where it sits, and how
many elements and scripts the page has. ``chromium --dump-dom`` prints the page after its scripts ran: no driver, no
download, one launch per page.
Pages: the two example templates as rendered, and one page with every hostile case through the Jinja2 filter, the
Django tag, ``to_script_tag`` and the client-side ``to_client_script``.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

import newsld
from _support.chromium import CHROMIUM, require_chromium
from _support.cms import SEED, django_engine, jinja_environment, ld_json_texts, render_django, render_jinja
from _support.common import minimal
from _support.hostile import BREAKOUT, HOSTILE, hostile_source
from newsld import NewsldValidationError, to_client_script, to_jsonld, to_script_tag
from newsld._authoring import build

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

def test_the_hostile_set_is_broad():
    assert len(HOSTILE) >= 50 and len(set(HOSTILE)) == len(HOSTILE)
    assert {"</script><script>alert(1)</script>", "</SCRIPT >", "<!--", "<script", "]]>", "\u2028", "\u2029",
            "&amp;", "\x00", "\u202e"} <= set(HOSTILE)
    assert sum(len(text) >= 10240 for text in HOSTILE) == 3


@pytest.mark.parametrize("number, text", list(enumerate(HOSTILE)), ids=[f"case{n}" for n in range(len(HOSTILE))])
def test_every_text_property_carries_the_hostile_text(number, text):
    doc = to_jsonld(build(hostile_source(number, text)))
    strings = list(_strings(doc))
    # 40 text properties of the article and its entities hold exactly the text (the URL, names with suffixes aside).
    assert strings.count(text) >= 40


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "a\udc00b"])
def test_unpaired_surrogates_are_rejected_in_every_text_property(surrogate):
    # Documented: text must be valid Unicode; an unpaired surrogate could not reach a page as UTF-8, so it is rejected,
    # never replaced. Every place it occurs is reported, and no template path gets as far as markup.
    with pytest.raises(NewsldValidationError) as excinfo:
        build(hostile_source(0, surrogate))
    paths = {problem.path for problem in excinfo.value.problems}
    assert {"headline", "articleBody", "entities.reporter.jobTitle", "entities.quote.text",
            "correction[0].text", "entities.review.reviewRating.alternateName"} <= paths
    with pytest.raises(NewsldValidationError):
        render_jinja("{{ data | jsonld }}", data=minimal(headline=surrogate))
    with pytest.raises(NewsldValidationError):
        render_django("{% load newsld %}{% jsonld data %}", data=minimal(headline=surrogate))


# ------------------------------------------------------------------------------------------------ client script


def test_client_script_embeds_the_json_text_as_an_escaped_string_literal():
    article = build(hostile_source(1, BREAKOUT))
    script = to_client_script(article)
    assert script.startswith("<script>(function (json) {") and script.endswith(");</script>")
    body = script[len("<script>"): -len("</script>")]
    assert not set("<>&\u2028\u2029") & set(body)
    assert "innerHTML" not in script and "script.textContent = json;" in script
    assert json.loads(_literal(script)) == newsld.dumps(article)
    assert script.__html__() == script


def _literal(script: str) -> str:
    """The JSON string literal a client script passes to its function."""
    return script[script.index("})(") + 3: -len(");</script>")]


def test_client_script_takes_a_document_and_rejects_other_values():
    article = build(hostile_source(2, "plain"))
    assert to_client_script(to_jsonld(article)) == to_client_script(article)
    assert json.loads(_literal(to_client_script(article, indent=2))) == newsld.dumps(article, indent=2)
    with pytest.raises(TypeError, match="NewsArticle or a JSON-LD dict"):
        to_client_script("https://example.com/a")


# ------------------------------------------------------------------------------------------------ the browser

PRELUDE = (
    "<script>window.__pwned = null; window.alert = window.confirm = window.prompt = "
    "function (message) { window.__pwned = 'dialog ' + message; };</script>"
)
# Each distinct parsed value is reported once (the paths of a case agree when all is well), non-ASCII as \\uXXXX
# escapes so that any serialization of the page keeps the report intact, and what was reported is then removed, so that
# the dumped page is little more than the report.
REPORTER = """<script>(function () {
  var values = [], indexOf = new Map(), found = [];
  var nodes = document.querySelectorAll('script[type="application/ld+json"]');
  for (var i = 0; i < nodes.length; i++) {
    var box = nodes[i].closest("[data-case]");
    var entry = {where: box ? box.getAttribute("data-case") : nodes[i].parentNode.nodeName.toLowerCase()};
    try {
      var value = JSON.stringify(JSON.parse(nodes[i].textContent));
      if (!indexOf.has(value)) { indexOf.set(value, values.length); values.push(value); }
      entry.value = indexOf.get(value);
    } catch (error) { entry.error = String(error); }
    found.push(entry);
  }
  var boxes = document.querySelectorAll("[data-case]"), inside = {};
  for (var j = 0; j < boxes.length; j++) {
    inside[boxes[j].getAttribute("data-case")] = Array.prototype.map.call(
      boxes[j].querySelectorAll("*"), function (element) { return element.nodeName.toLowerCase(); });
  }
  var report = JSON.stringify({
    pwned: window.__pwned, jsonld: found, values: values.map(JSON.parse), inside: inside,
    scripts: document.getElementsByTagName("script").length,
    elements: document.getElementsByTagName("*").length
  }).replace(/[\\u007f-\\uffff]/g, function (c) { return "\\\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); });
  Array.prototype.forEach.call(nodes, function (node) { node.remove(); });
  Array.prototype.forEach.call(boxes, function (node) { node.remove(); });
  var out = document.createElement("pre");
  out.id = "newsld-report";
  out.textContent = report;
  document.body.appendChild(out);
})();</script>"""
REPORT = re.compile(r'<pre id="newsld-report">([^<]*)</pre>')


@pytest.fixture(scope="module")
def chromium() -> Path:
    require_chromium()
    return CHROMIUM


def open_in_browser(chromium: Path, page: str) -> dict:
    """Load ``page`` from a file:// URL in a fresh headless Chromium and return what its reporter script saw."""
    with tempfile.TemporaryDirectory(prefix="newsld-browser-") as folder:
        path = Path(folder) / "page.html"
        path.write_bytes(page.encode("utf-8"))
        result = subprocess.run(
            [str(chromium), *FLAGS, f"--user-data-dir={folder}/profile", "--dump-dom", path.as_uri()],
            capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
        )
    dom = result.stdout.decode("utf-8")
    found = REPORT.search(dom)
    assert found, f"no report from the page (exit {result.returncode}): {result.stderr.decode()[-2000:]}"
    report = json.loads(html.unescape(found.group(1)))
    for entry in report["jsonld"]:
        if "value" in entry:
            entry["value"] = report["values"][entry["value"]]
    return report


def with_reporter(page: str) -> str:
    head, rest = page.split("<head>", 1)
    body, end = rest.rsplit("</body>", 1)
    return f"{head}<head>\n{PRELUDE}{body}{REPORTER}</body>{end}"


def same(parsed: Any, emitted: Any) -> bool:
    """JSON equality without Python's bool/int conflation (True == 1) or lists matching tuples."""
    if isinstance(emitted, bool) or isinstance(parsed, bool):
        return type(parsed) is type(emitted) and parsed == emitted
    if isinstance(emitted, (int, float)):
        return isinstance(parsed, (int, float)) and parsed == emitted
    if isinstance(emitted, dict):
        return isinstance(parsed, dict) and parsed.keys() == emitted.keys() and all(
            same(parsed[key], emitted[key]) for key in emitted)
    if isinstance(emitted, list):
        return isinstance(parsed, list) and len(parsed) == len(emitted) and all(map(same, parsed, emitted))
    return type(parsed) is type(emitted) and parsed == emitted


@pytest.mark.parametrize("engine", ["jinja", "django"])
def test_example_page_in_the_browser(chromium, engine):
    seed = newsld.load(SEED)
    if engine == "jinja":
        page = jinja_environment().get_template("article.jinja.html").render(article=seed)
    else:
        page = django_engine().get_template("article.django.html").render({"article": seed})
    report = open_in_browser(chromium, with_reporter(page))
    assert report["pwned"] is None
    assert report["scripts"] == 3  # the prelude, the page's one ld+json element, the reporter
    [entry] = report["jsonld"]
    assert entry["where"] == "head"
    assert same(entry["value"], to_jsonld(newsld.load(SEED)))


def hostile_page() -> tuple[str, list[tuple[str, dict]]]:
    """Every case through every path, and what each must parse to (in the order cases are placed)."""
    jinja = jinja_environment(autoescape=True).from_string("{{ article | jsonld }}")
    django_tag = django_engine().from_string("{% load newsld %}{% jsonld article %}")
    seed = newsld.load(SEED)
    cases = [("seed", seed, SEED)] + [
        (str(number), build(source), source)
        for number, source in ((n, hostile_source(n, text)) for n, text in enumerate(HOSTILE))
    ]
    boxes, expected = [], []
    for name, article, source in cases:
        # Each path gets a different kind of input: Jinja the authoring source, Django and the rest the model.
        for path, markup in (
            ("jinja", jinja.render(article=source)),
            ("django", django_tag.render({"article": article})),
            ("tag", to_script_tag(article)),
            ("client", to_client_script(article)),
        ):
            boxes.append(f'<div data-case="{name}-{path}">{markup}</div>')
            expected.append((f"{name}-{path}", to_jsonld(article)))
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>newsld hostile cases</title>\n'
        f"{PRELUDE}</head>\n<body>\n" + "\n".join(boxes) + f"\n{REPORTER}</body></html>\n"
    )
    return page, expected


def test_hostile_cases_in_the_browser(chromium):
    page, expected = hostile_page()
    # The Python parser reads the same ld+json text the browser should: one element per server-rendered box.
    assert len(ld_json_texts(page)) == 3 * len(expected) // 4
    report = open_in_browser(chromium, page)

    assert report["pwned"] is None
    client = [name for name, _ in expected if name.endswith("-client")]
    server = [name for name, _ in expected if not name.endswith("-client")]
    # Prelude, reporter, one element per server box, and per client box its script plus the element it added.
    assert report["scripts"] == 2 + len(server) + 2 * len(client)
    # html, head, meta, title, prelude, body, reporter; a box and its script; the client's added elements.
    assert report["elements"] == 7 + 2 * len(expected) + len(client)
    assert all(inside == ["script"] for inside in report["inside"].values())
    assert sorted(report["inside"]) == sorted(name for name, _ in expected)

    entries = report["jsonld"]
    assert [entry.get("error") for entry in entries] == [None] * len(entries)
    # textContent-injected elements went to <head>, in the order their scripts ran; the rest stayed in their boxes.
    in_head = [entry for entry in entries if entry["where"] == "head"]
    in_boxes = {entry["where"]: entry for entry in entries if entry["where"] != "head"}
    assert len(in_head) == len(client) and sorted(in_boxes) == sorted(server)
    wanted = dict(expected)
    mismatched = [name for name in server if not same(in_boxes[name]["value"], wanted[name])]
    mismatched += [name for name, entry in zip(client, in_head, strict=True) if not same(entry["value"], wanted[name])]
    assert mismatched == []
