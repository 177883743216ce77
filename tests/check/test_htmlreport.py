"""``newsld check --format html``: one self-contained page for people who look rather than read.

Checked as markup (the standard library's parser: which elements, which links, exactly one script of our own, the data
blocks) and in headless Chromium (no console error, no request, no script from the data runs, the rows, highlighted
values and code links an SEO team sees, at 10,000 pages too); each browser test saves a screenshot for review into
pytest's tmp dir and prints its path.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from _support.common import REPO, SHARED
from _support.hostile import HOSTILE, hostile_source
from _support.pages import Markup, assert_inert
from newsld import to_script_tag
from newsld._authoring import build
from newsld.check import Report, all_codes, check_html, write_html
from newsld.check._htmlreport import CHART_CODES
from newsld.cli import main

SHOWCASE = REPO / "examples" / "syria-air-missions.html"
REAL_PAGES = SHARED / "corpora" / "real-pages"
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "section", "div", "b", "span",
        "svg", "a", "text", "rect", "input", "label", "button", "table", "thead", "tr", "th", "tbody", "noscript",
        "code", "script", "dl", "dt", "dd", "footer"}


def report_html(reports) -> str:
    out = io.StringIO()
    write_html(reports, out)
    return out.getvalue()


def page_data(markup: Markup, number: int) -> dict:
    [text] = [body for attributes, body in markup.scripts if attributes.get("id") == f"p{number}"]
    return json.loads(text)


@pytest.fixture(scope="module")
def showcase_report():
    return check_html(SHOWCASE.read_bytes(), source="examples/syria-air-missions.html")


def _save(page, tmp_path: Path, name: str) -> Path:
    path = page.screenshot(tmp_path / name)
    print(f"screenshot: {path}")
    return path


# ------------------------------------------------------------------------------------------------------------ markup


def test_the_showcase_report(showcase_report):
    page = report_html([showcase_report])
    markup = assert_inert(page, TAGS, scripts=1)
    assert re.search(r'id="sum-pages"><b>1</b>', page) and re.search(r'id="sum-infos"><b>16</b>', page)
    assert re.search(r'id="sum-errors"><b>0</b>', page)
    codes = {finding.code for finding in showcase_report.all_findings}
    assert len(re.findall(r'<a href="#code-[^"]+" data-code=', page)) == min(len(codes), CHART_CODES)
    for code in codes:  # every code links to its explanation, which is in the page
        assert f'<div id="code-{code}"><dt><code>{code}</code>' in page
        assert all_codes()[code][1].replace("'", "&#39;") in page
    data = page_data(markup, 0)
    assert data["s"] == "examples/syria-air-missions.html"
    [block] = data["b"]
    assert (block["l"], block["c"]) == (showcase_report.blocks[0].line, showcase_report.blocks[0].column)
    assert len(block["f"]) == len(showcase_report.blocks[0].findings) == 16
    [value] = showcase_report.blocks[0].values
    body = value["@graph"][0]["articleBody"]
    assert block["cut"] == {"$.@graph[0].articleBody": len(body)}  # the only string over 400 characters
    assert block["v"][0]["@graph"][0]["articleBody"] == body[:400]
    assert block["v"][0]["@graph"][1:] == value["@graph"][1:]
    assert "Content-Security-Policy" in page and "script-src &#39;sha256-" in page


def test_long_values_are_cut_and_marked():
    body = "x" * 5000
    items = [{"@type": "Person", "name": f"P{n}"} for n in range(150)]
    page = ('<script type="application/ld+json">' + json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": body, "author": items}) + "</script>")
    data = page_data(Markup(report_html([check_html(page, source="big.html")])), 0)
    [block] = data["b"]
    assert block["cut"] == {"$.articleBody": 5000, "$.author": 150}
    assert len(block["v"][0]["articleBody"]) == 400 and len(block["v"][0]["author"]) == 100


def test_a_block_that_is_not_json_shows_its_text():
    data = page_data(Markup(report_html([check_html('<script type="application/ld+json">{"a": </script>',
                                                    source="broken.html")])), 0)
    assert data["b"][0]["raw"] == '{"a": ' and "v" not in data["b"][0]
    assert data["b"][0]["f"][0][1] == "syntax/invalid-json"


def test_no_pages_is_a_valid_empty_report():
    page = report_html([])
    assert_inert(page, TAGS, scripts=1)
    assert 'id="sum-pages"><b>0</b>' in page and "No findings." in page


def test_the_command(capsys, tmp_path):
    assert main(["check", "--format", "html", str(SHOWCASE)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")
    broken = tmp_path / "broken.html"
    broken.write_text('<script type="application/ld+json">{"a": </script>', encoding="utf-8")
    assert main(["check", "--format", "html", str(broken)]) == 1  # the exit status still says "errors"


@pytest.mark.parametrize("number", range(len(HOSTILE)), ids=[f"case{n}" for n in range(len(HOSTILE))])
def test_hostile_values_and_names_stay_data(number):
    value = HOSTILE[number]
    page = "<!DOCTYPE html><title>x</title>" + to_script_tag(build(hostile_source(number, value)))
    markup = assert_inert(report_html([check_html(page, source=f"site/{value[:60]}.html")]), TAGS, scripts=1)
    data = page_data(markup, 0)
    assert data["s"] == f"site/{value[:60]}.html"
    assert data["b"][0]["v"][0]["@graph"][0]["headline"] == value[:400]


def verdict(eligible: bool, reasons: str = "", block: int = 0, path: str = "$") -> SimpleNamespace:
    return SimpleNamespace(eligible=eligible, block=block, path=path, types=("NewsArticle",),
                           verdict="eligible" if eligible else f"not eligible: {reasons}")


def with_articles(report: Report, *verdicts: SimpleNamespace) -> Report:
    return replace(report, articles=verdicts)


def test_article_verdicts_are_counted_and_shown(showcase_report, browser, tmp_path):
    reports = [with_articles(showcase_report, verdict(True)),
               with_articles(replace(showcase_report, source="b.html"), verdict(True),
                             verdict(False, "missing image, author; google/date-invalid at $.datePublished", 0,
                                     "$.@graph[3]")),
               with_articles(replace(showcase_report, source="c.html"))]
    page = report_html(reports)
    markup = assert_inert(page, TAGS, scripts=1)
    assert re.search(r'id="sum-eligible"><b>2</b><span>articles eligible', page)
    assert re.search(r'id="sum-not-eligible"><b>1</b><span>not eligible', page)
    assert page_data(markup, 1)["a"] == [
        [True, 0, "$", ["NewsArticle"], "eligible"],
        [False, 0, "$.@graph[3]", ["NewsArticle"],
         "not eligible: missing image, author; google/date-invalid at $.datePublished"]]
    assert "not eligible</th>" in page
    with browser.open_page(page) as view:
        assert view.problems == []
        cells = view.evaluate("Array.from(document.querySelectorAll('tr.row')).map(r => r.lastChild.textContent)")
        assert sorted(cells) == ["0 of 1", "1 of 2", "no article"]
        view.evaluate("document.querySelector('th[data-key=\"8\"]').click()")
        assert view.evaluate("document.querySelector('tr.row').lastChild.textContent") == "1 of 2"
        view.evaluate("document.querySelector('tr.row').click()")
        shown = view.evaluate("Array.from(document.querySelectorAll('ul.verdicts li')).map(li => li.textContent)")
        assert shown[0].startswith("eligible") and shown[1].startswith("not eligible")
        assert shown[1].endswith("missing image, author; google/date-invalid at $.datePublished")
        _save(view, tmp_path, "report-verdicts.png")


def test_the_verdicts_check_computes_are_the_ones_shown(showcase_report):
    articles = showcase_report.articles
    page = report_html([showcase_report])
    eligible = sum(1 for article in articles if article.eligible)
    assert re.search(rf'id="sum-eligible"><b>{eligible}</b>', page)
    assert re.search(rf'id="sum-not-eligible"><b>{len(articles) - eligible}</b>', page)
    assert [item[4] for item in page_data(Markup(page), 0)["a"]] == [article.verdict for article in articles]


# ------------------------------------------------------------------------------------------------------------ browser


def test_the_showcase_report_in_chromium(browser, showcase_report, tmp_path):
    with browser.open_page(report_html([showcase_report])) as page:
        assert page.problems == [] and page.pwned is None
        assert page.evaluate("document.querySelectorAll('tr.row').length") == 1
        assert page.evaluate("document.querySelectorAll('tr.detail ol.findings li').length") == 16  # opened: 1 page
        assert page.evaluate("document.querySelectorAll('pre.json .hit').length") >= 16
        links = page.evaluate("Array.from(document.querySelectorAll('tr.detail a.code'))"
                              ".map(a => document.getElementById(a.getAttribute('href').slice(1)) !== null)")
        assert len(links) == 16 and all(links)
        assert page.evaluate("document.getElementById('showing').textContent") == "1\u20131 of 1 pages"
        assert _save(page, tmp_path, "report-showcase.png").stat().st_size > 10_000


def _open_every_row(page) -> tuple[int, str]:
    """Open every page's details, one table page at a time: how many, and the text of every JSON view shown."""
    opened, shown = 0, []
    while True:
        opened += page.evaluate("(() => { const rows = document.querySelectorAll('tr.row:not(.open)');"
                                " rows.forEach(row => row.click()); return rows.length; })()")
        shown.append(page.evaluate("Array.from(document.querySelectorAll('pre.json')).map(p => p.textContent)"
                                   ".join('\\n')"))
        if page.evaluate("document.getElementById('next').disabled"):
            return opened, "\n".join(shown)
        page.evaluate("document.getElementById('next').click()")


def test_hostile_reports_in_chromium(browser, tmp_path):
    reports = []
    for number, value in enumerate(HOSTILE):
        page = "<!DOCTYPE html><title>x</title>" + to_script_tag(build(hostile_source(number, value)))
        page += f'<script type="application/ld+json">{{"headline": {value}}}</script>'  # a block that is not JSON
        reports.append(check_html(page, source=f"site/{value[:60]}.html"))
    with browser.open_page(report_html(reports)) as page:
        opened, shown_json = _open_every_row(page)
        assert opened == len(HOSTILE)
        assert page.problems == [] and page.pwned is None
        scripts = page.evaluate("Array.from(document.scripts).filter(s => s.type !== 'application/json').length")
        assert scripts == 1
        assert page.evaluate("document.querySelectorAll('iframe, img, object, embed, textarea, template').length") == 0
        shown = page.evaluate("Array.from(document.querySelectorAll('td.page')).map(td => td.title)")
        assert set(shown) <= {f"site/{value[:60]}.html" for value in HOSTILE} and shown
        for value in HOSTILE:  # each value shown as the JSON string it is (the view writes JSON.stringify's text)
            if len(value) < 400 and not re.search("[\x00-\x1f]", value):
                assert json.dumps(value, ensure_ascii=False) in shown_json, value
        _save(page, tmp_path, "report-hostile.png")


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_the_corpus_report(browser, tmp_path):
    reports = [check_html(gzip.decompress(path.read_bytes()), source=str(path))
               for path in sorted(REAL_PAGES.glob("*.html.gz"))]
    page_text = report_html(reports)
    assert_inert(page_text, TAGS, scripts=1)
    with browser.open_page(page_text) as page:
        assert page.problems == [] and page.pwned is None
        assert page.evaluate("document.getElementById('showing').textContent") == "1\u201350 of 471 pages"
        errors = page.evaluate("Array.from(document.querySelectorAll('tr.row td:nth-child(5)'))"
                               ".map(td => Number(td.textContent))")
        assert errors == sorted(errors, reverse=True) and errors[0] > 0  # sorted by errors
        # The first table page's pages opened (the most errors): each block drawn beside its findings.
        opened = page.evaluate("(() => { const rows = document.querySelectorAll('tr.row');"
                               " rows.forEach(row => row.click()); return rows.length; })()")
        assert opened == 50 and page.evaluate("document.querySelectorAll('tr.detail').length") == 50
        assert page.problems == []
        # Filtering by a code lists exactly the pages that have it.
        code = page.evaluate("document.querySelector('a.bar').dataset.code")
        page.evaluate("document.querySelector('a.bar').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
        having = sum(1 for report in reports if any(f.code == code for f in report.all_findings))
        assert page.evaluate("document.getElementById('showing').textContent").endswith(f"of {having} pages")
        page.evaluate("window.scrollTo(0, 0)")
        _save(page, tmp_path, "report-corpus.png")


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason=f"real-page corpus not found at {REAL_PAGES} (../shared absent)")
def test_ten_thousand_pages_stay_usable(browser, tmp_path):
    """10,000 pages (the corpus's reports, renamed): the page opens, sorts, filters and pages; its size is printed."""
    base = [check_html(gzip.decompress(path.read_bytes()), source=path.name)
            for path in sorted(REAL_PAGES.glob("*.html.gz"))]
    reports = (replace(base[n % len(base)], source=f"site/{n:05d}/{base[n % len(base)].source}")
               for n in range(10_000))
    path = tmp_path / "report-10000.html"
    with path.open("w", encoding="utf-8") as out:
        write_html(reports, out)
    size = path.stat().st_size
    print(f"10,000-page report: {size / 1e6:.1f} MB ({size / 10_000:,.0f} bytes a page)")
    assert size < 80_000_000
    started = time.monotonic()
    with browser.open_page(path.read_text(encoding="utf-8")) as page:
        loaded = time.monotonic() - started
        print(f"loaded and drawn in Chromium in {loaded:.1f} s")
        assert page.problems == []
        assert page.evaluate("document.getElementById('showing').textContent") == "1\u201350 of 10,000 pages"
        assert page.evaluate("document.querySelectorAll('tr.row').length") == 50
        page.evaluate("document.querySelector('th[data-key=\"1\"]').click()")
        first = page.evaluate("document.querySelector('tr.row td.page').title")
        assert first == min(f"site/{n:05d}/{base[n % len(base)].source}" for n in range(10_000))
        page.evaluate("document.getElementById('filter').value = 'site/09999/';"
                      "document.getElementById('filter').dispatchEvent(new Event('input'))")
        assert page.evaluate("document.getElementById('showing').textContent") == "1\u20131 of 1 pages"
        page.evaluate("document.querySelector('tr.row').click()")
        assert page.evaluate("document.querySelectorAll('tr.detail .block').length") >= 1
        assert page.problems == []
