"""Reports as one self-contained HTML page (``check --format html``), for the people who look rather than read.

The page: a summary (pages, pages with errors, findings by severity), a chart of the most frequent codes (inline
SVG), a table of pages that sorts, filters (by name, by code, errors only) and pages through any number of pages, and
for each page, opened from the table, its blocks: the JSON beside its findings, each finding's value highlighted, each
code linked to its explanation in the glossary at the end. Nothing is loaded and the only script is the page's own.

Written as the reports come, in memory flat in the number of pages: each page's data is a JSON block (escaped as
JSON-LD is) that the script reads when the page is opened, so the browser builds the DOM of the pages looked at only;
the pages wait in temporary files until the summary, which comes first, is known. Long strings, long arrays and very
large blocks are shown cut (the JSON report has them whole), so that a page costs a few kilobytes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from .._findings import SEVERITIES, Finding
from .._html import data_script, document_end, document_start, script_json, text
from ._codes import all_codes
from ._report import Report
from ._summary import Summary

__all__ = ["CHART_CODES", "write_html"]

CHART_CODES = 15  # bars in the chart of the most frequent codes
# How much of a block's JSON is shown: longer strings, arrays and objects are cut, and past the node budget the rest
# of the block is left out; each cut is marked in the page.
_STRING_CHARS = 400
_ITEMS = 100
_NODES = 4_000
_DEPTH = 64
_SEVERITY_INDEX = {severity: index for index, severity in enumerate(SEVERITIES)}


def _findings(findings: Iterable[Finding]) -> list[list[Any]]:
    """Errors first, then warnings, then infos, each in the order the rules reported them."""
    return [[_SEVERITY_INDEX[finding.severity], finding.code, finding.message, finding.path]
            for finding in sorted(findings, key=lambda finding: _SEVERITY_INDEX[finding.severity])]


def _shown(values: tuple, multi: bool) -> tuple[list[Any], dict[str, int]]:
    """The block's values as the page shows them, and where they were cut: {path: how many there were}, with -1 for
    "nested deeper than shown" and -2 for "past what the page shows of one block"."""
    cut: dict[str, int] = {}
    budget = [_NODES]

    def show(value: Any, parent: str, key: str | int | None, depth: int) -> Any:
        # The path is spelt out only where it is needed (a container, a cut): most values are short strings.
        if isinstance(value, str):
            if len(value) > _STRING_CHARS:
                cut[_path(parent, key)] = len(value)
                return value[:_STRING_CHARS]
            return value
        if not isinstance(value, (dict, list)):
            return value
        path = _path(parent, key)
        if depth >= _DEPTH or budget[0] <= 0:
            cut[path] = -1 if depth >= _DEPTH else -2
            return None
        budget[0] -= len(value)
        if len(value) > _ITEMS:
            cut[path] = len(value)
        if isinstance(value, list):
            return [show(item, path, index, depth + 1) for index, item in enumerate(value[:_ITEMS])]
        items = value.items() if len(value) <= _ITEMS else list(value.items())[:_ITEMS]
        return {name: show(item, path, name, depth + 1) for name, item in items}

    shown = [show(value, "$", index if multi else None, 0) for index, value in enumerate(values)]
    return shown, cut


def _path(parent: str, key: str | int | None) -> str:
    """As newsld's findings spell paths: ``$.a.b``, ``$.a[0]``; a block's values ``$`` or ``$[1]``."""
    if key is None:
        return parent
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"


def _page_data(report: Report) -> dict[str, Any]:
    blocks = []
    for block in report.blocks:
        entry: dict[str, Any] = {"l": block.line, "c": block.column, "t": list(block.types),
                                 "f": _findings(block.findings)}
        if block.values:
            entry["v"], cut = _shown(block.values, len(block.values) > 1)
            if cut:
                entry["cut"] = cut
        elif block.unread is not None:
            entry["raw"] = block.unread
        blocks.append(entry)
    data: dict[str, Any] = {"s": report.source, "f": _findings(report.findings), "b": blocks}
    data["a"] = [[article.eligible, article.block, article.path, list(article.types), article.verdict]
                 for article in report.articles]
    return data


class _Totals(Summary):
    """``check --summary``'s running totals, plus the folder every page is in (shown once, not on every row) and the
    article items eligible for the rich result and not."""

    def __init__(self) -> None:
        super().__init__()
        self.folder: str | None = None
        self.items = 0
        self.eligible = 0

    def add(self, report: Report) -> None:
        super().add(report)
        source = report.source or ""
        folder = source[: source.rfind("/") + 1]
        if self.folder is None:
            self.folder = folder
        while self.folder and not folder.startswith(self.folder):
            self.folder = self.folder[: self.folder.rfind("/", 0, -1) + 1]
        self.items += len(report.articles)
        self.eligible += sum(1 for article in report.articles if article.eligible)


def write_html(reports: Iterable[Report], out: IO[str], *, title: str = "newsld check report") -> None:
    """Write the HTML report of ``reports`` to ``out``: one self-contained page (see the module's docstring)."""
    totals = _Totals()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as index, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as pages:
        for number, report in enumerate(reports):
            totals.add(report)
            findings = report.all_findings
            counts = [sum(1 for finding in findings if finding.severity == severity) for severity in SEVERITIES]
            codes = sorted({finding.code for finding in findings})
            types = list(dict.fromkeys(name for block in report.blocks for name in block.types))
            articles = report.articles
            eligible = sum(1 for article in articles if article.eligible)
            entry = [number, report.source or "", len(report.blocks), *counts, types[:4], codes,
                     len(articles) - eligible, len(articles)]
            index.write(("," if number else "") + script_json(entry))
            pages.write(data_script(f"p{number}", _page_data(report)) + "\n")
        out.write(document_start(title, _STYLE, _SCRIPT))
        out.write(_header(title, totals))
        out.write(_summary(totals))
        out.write(_chart(totals))
        out.write(_table(totals))
        out.write(data_script("folder", totals.folder or ""))
        out.write('<script type="application/json" id="index">[')
        _copy(index, out)
        out.write("]</script>\n")
        _copy(pages, out)
    out.write(_glossary(totals))
    out.write(f'<footer>Made by newsld {text(__version__)} <code>check --format html</code>: one file, nothing '
              "loaded from the network, no script but its own. The JSON report (<code>--format json</code>) has every "
              "value whole.</footer>\n")
    out.write(document_end(_SCRIPT))


def _copy(spool: IO[str], out: IO[str]) -> None:
    spool.seek(0)
    while chunk := spool.read(1 << 20):
        out.write(chunk)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 or word == 'info' else 's'}"


def _header(title: str, totals: _Totals) -> str:
    where = f" in <code>{text(totals.folder)}</code>" if totals.folder and totals.folder != "/" else ""
    return (f'<header class="top"><p class="kind">newsld check</p><h1>{text(title)}</h1>'
            f'<p class="sub">{_plural(totals.pages, "page")} checked{where}</p></header>\n')


def _summary(totals: _Totals) -> str:
    cards = [
        ("pages", f"{totals.pages:,}", "pages checked" if totals.pages != 1 else "page checked", ""),
        ("failing", f"{totals.failing:,}", "with errors", "bad" if totals.failing else "ok"),
        ("passing", f"{totals.pages - totals.failing:,}", "without errors", "ok"),
        ("errors", f"{totals.severities['error']:,}", _plural(totals.severities["error"], "error").split(" ", 1)[1],
         "bad" if totals.severities["error"] else "ok"),
        ("warnings", f"{totals.severities['warning']:,}",
         _plural(totals.severities["warning"], "warning").split(" ", 1)[1], "warn" if totals.severities["warning"]
         else "ok"),
        ("infos", f"{totals.severities['info']:,}", "info", ""),
    ]
    # Google's article rich result: items eligible and not (as its Rich Results report counts them).
    cards[3:3] = [
        ("eligible", f"{totals.eligible:,}", f"article{'s' * (totals.eligible != 1)} eligible",
         "ok" if totals.eligible else ""),
        ("not-eligible", f"{totals.items - totals.eligible:,}", "not eligible",
         "bad" if totals.items - totals.eligible else "ok"),
    ]
    return ('<section class="summary" aria-label="summary">' + "".join(
        f'<div class="stat {css}" id="sum-{name}"><b>{value}</b><span>{label}</span></div>'
        for name, value, label, css in cards) + "</section>\n")


def _chart(totals: _Totals) -> str:
    top = sorted(totals.code_findings.items(), key=lambda item: (-item[1], item[0]))[:CHART_CODES]
    out = ['<section id="chart"><h2>Most frequent findings</h2>\n']
    if not top:
        out.append('<p class="note">No findings.</p></section>\n')
        return "".join(out)
    row, label, bar = 26, 330, 560
    width, height = label + bar + 180, row * len(top) + 8
    most = top[0][1]
    out.append(f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
               'xmlns="http://www.w3.org/2000/svg"><title>Most frequent finding codes</title>\n')
    for index, (code, count) in enumerate(top):
        y = 4 + index * row
        length = max(2.0, bar * count / most)
        severity = totals.code_severity[code]
        out.append(
            f'<a href="#code-{text(code)}" data-code="{text(code)}" class="bar">'
            f'<text x="{label - 10}" y="{y + 16}" text-anchor="end" class="code">{text(code)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" rx="3" class="{severity}"/>'
            f'<text x="{label + length + 8:.1f}" y="{y + 16}" class="count">{count:,} on '
            f'{_plural(totals.code_pages[code], "page")}</text></a>\n')
    out.append('</svg>\n<p class="legend"><span class="key error"></span> error <span class="key warning"></span> '
               'warning <span class="key info"></span> info · select a bar to list the pages with that code</p>\n'
               "</section>\n")
    return "".join(out)


def _table(totals: _Totals) -> str:
    return (
        '<section id="pages"><h2>Pages</h2>\n'
        '<div class="controls"><input id="filter" type="search" placeholder="filter by page name" '
        'aria-label="filter by page name"> <label><input id="only-errors" type="checkbox"> only pages with errors'
        '</label> <span id="code-filter"></span><span class="pager"><button id="prev" type="button">‹ previous'
        '</button> <span id="showing"></span> <button id="next" type="button">next ›</button></span></div>\n'
        '<table id="page-table"><thead><tr><th data-key="0" class="num">#</th><th data-key="1">page</th>'
        '<th data-key="2" class="num">blocks</th><th data-key="6">types</th>'
        '<th data-key="3" class="num sorted desc">errors</th><th data-key="4" class="num">warnings</th>'
        '<th data-key="5" class="num">infos</th>'
        '<th data-key="8" class="num" title="article items not eligible for Google\'s article rich result, of all">'
        "not eligible</th>"
        '</tr></thead><tbody id="rows"></tbody></table>\n'
        "<noscript><p class=\"note\">The table and each page's blocks are drawn by the report's own script: allow "
        "it, or read <code>newsld check --format json</code>.</p></noscript>\n"
        "</section>\n"
    )


def _glossary(totals: _Totals) -> str:
    codes = all_codes()
    seen = sorted(totals.code_findings)
    out = ['<section id="glossary"><h2>The codes in this report</h2>\n<dl class="codes">\n']
    for code in seen:
        severity, description = codes.get(code, (totals.code_severity[code], "(not in this newsld's code tables)"))
        out.append(f'<div id="code-{text(code)}"><dt><code>{text(code)}</code> <span class="sev {severity}">'
                   f'{severity}</span> <span class="freq">{totals.code_findings[code]:,} on '
                   f'{_plural(totals.code_pages[code], "page")}</span></dt><dd>{text(description)}</dd></div>\n')
    if not seen:
        out.append('<p class="note">No findings, so no codes.</p>\n')
    out.append("</dl>\n<p class=\"note\">Every code newsld reports, with its severity, is listed in newsld's "
               "<code>docs/codes.md</code>.</p></section>\n")
    return "".join(out)


_STYLE = """
:root{--ink:#1d2330;--muted:#5d6678;--line:#dde1e8;--bg:#f6f7f9;--error:#b3261e;--warning:#a66300;--info:#3d6a99;
--ok:#1f7a3f}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
background:var(--bg)}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:22px 32px 14px}
.kind{margin:0;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.08em}
h1{margin:4px 0 2px;font-size:26px}.sub{margin:0;color:var(--muted)}
h2{font-size:18px;margin:0 0 12px}
section{background:#fff;border:1px solid var(--line);border-radius:10px;margin:20px 32px;padding:16px 20px}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;background:none;border:0;
padding:0}
.stat{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;border-top:4px solid #8993a4}
.stat b{display:block;font-size:28px;line-height:1.1}.stat span{color:var(--muted);font-size:13px}
.stat.bad{border-top-color:var(--error)}.stat.bad b{color:var(--error)}
.stat.warn{border-top-color:var(--warning)}.stat.warn b{color:var(--warning)}
.stat.ok{border-top-color:var(--ok)}
svg.chart{max-width:100%;height:auto;font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
.bar .code{fill:var(--ink)}.bar .count{fill:var(--muted);font-family:system-ui,sans-serif}
.bar:hover .code{text-decoration:underline}.bar rect{opacity:.9}.bar:hover rect{opacity:1}
rect.error,.key.error{fill:var(--error);background:var(--error)}
rect.warning,.key.warning{fill:var(--warning);background:var(--warning)}
rect.info,.key.info{fill:var(--info);background:var(--info)}
.legend{color:var(--muted);font-size:13px;margin:6px 0 0}
.key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-left:6px}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:10px 16px;margin-bottom:10px;font-size:14px}
.controls input[type=search]{padding:5px 9px;border:1px solid var(--line);border-radius:6px;min-width:260px}
.pager{margin-left:auto;color:var(--muted)}
button{font:inherit;padding:3px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
button:disabled{opacity:.4;cursor:default}
#code-filter button{background:#eef2ff;border-color:#b9c4ef}
table{width:100%;border-collapse:collapse;font-size:14px}
th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 8px;
cursor:pointer;user-select:none;white-space:nowrap}
th.sorted::after{content:" \\25BE"}th.sorted.asc::after{content:" \\25B4"}
td{padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.page{overflow-wrap:anywhere;unicode-bidi:plaintext}
tr.row{cursor:pointer}tr.row:hover{background:#f3f6fb}tr.row.open{background:#eef3fb}
td.e{color:var(--error);font-weight:700}td.w{color:var(--warning);font-weight:600}td.zero{color:#b3b9c4}
.types{color:var(--muted);font-size:13px}
tr.detail>td{background:#fafbfc;padding:14px 16px}
.block{border:1px solid var(--line);border-radius:8px;background:#fff;margin:0 0 14px}
.block h3{margin:0;padding:8px 12px;font-size:14px;border-bottom:1px solid var(--line);background:#f6f7f9;
border-radius:8px 8px 0 0}
.block h3 .where{color:var(--muted);font-weight:400}
.cols{display:grid;grid-template-columns:minmax(0,1.25fr) minmax(0,1fr);gap:0}
@media (max-width:1000px){.cols{grid-template-columns:1fr}}
pre.json{margin:0;padding:10px 12px;max-height:560px;overflow:auto;font:12.5px/1.55 ui-monospace,SFMono-Regular,
Menlo,monospace;white-space:pre-wrap;overflow-wrap:anywhere;border-right:1px solid var(--line);unicode-bidi:plaintext}
.k{color:#7a3e9d}.s{color:#1f6f43}.n{color:#a04d00}.b{color:#1a5fb4}.z{color:#8993a4}
.cutnote{color:#8993a4;font-style:italic}
.hit{background:#fff1c2;border-radius:2px;box-shadow:0 0 0 1px #f0c94b}
.hit.error{background:#fde3e1;box-shadow:0 0 0 1px #e7a19b}.hit.warning{background:#fff1c2}
.hit.info{background:#e4eef9;box-shadow:0 0 0 1px #a9c3e3}
.hit.flash{box-shadow:0 0 0 3px #ffb300}
.badge{display:inline-block;min-width:18px;padding:0 4px;margin-right:3px;border-radius:9px;background:var(--ink);
color:#fff;font:700 10.5px/16px system-ui,sans-serif;text-align:center;vertical-align:1px}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
ol.findings{list-style:none;margin:0;padding:8px 12px;font-size:13.5px;max-height:560px;overflow:auto}
ol.findings li{padding:6px 4px;border-bottom:1px dashed var(--line);cursor:pointer}
ol.findings li:last-child{border-bottom:0}ol.findings li:hover{background:#f6f7f9}
.sev{font:700 10.5px system-ui,sans-serif;text-transform:uppercase;border-radius:4px;padding:1px 5px;color:#fff}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
a.code{font-family:ui-monospace,monospace;font-size:12.5px}
.path{display:block;color:var(--muted);font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.msg{display:block;overflow-wrap:anywhere;unicode-bidi:plaintext}
.pagelevel{margin:0 0 14px}
ul.verdicts{list-style:none;margin:0;padding:8px 12px;font-size:13.5px}ul.verdicts li{padding:3px 0}
.verdict{font:700 11px system-ui,sans-serif;border-radius:4px;padding:1px 6px;color:#fff}
.verdict.yes{background:var(--ok)}.verdict.no{background:var(--error)}
ul.verdicts .where{color:var(--muted)}.note{color:var(--muted);font-style:italic}
dl.codes{margin:0;display:grid;grid-template-columns:1fr;gap:6px}
dl.codes div{padding:6px 8px;border-radius:6px}dl.codes div:target{background:#fff7d6}
dt{font-weight:600}dd{margin:2px 0 0;color:#394150}.freq{color:var(--muted);font-weight:400;font-size:13px}
footer{color:var(--muted);font-size:13px;padding:0 32px 28px}
a{color:#1a5fb4}
"""

# The page's only script. It reads the JSON data blocks and builds every element with createElement and textContent:
# no value is ever parsed as markup.
_SCRIPT = """(function () {
"use strict";
var SEV = ["error", "warning", "info"], SIZE = 50;
var index = JSON.parse(document.getElementById("index").textContent);
var folder = JSON.parse(document.getElementById("folder").textContent);
var COLUMNS = 8;
var state = {key: 3, desc: true, filter: "", code: null, errors: false, first: 0};
var open = {};
var rows = document.getElementById("rows");
function el(tag, css, words) {
  var node = document.createElement(tag);
  if (css) { node.className = css; }
  if (words !== undefined && words !== null) { node.textContent = String(words); }
  return node;
}
function codeLink(code) {
  var link = el("a", "code", code);
  link.setAttribute("href", "#code-" + code);
  return link;
}
function chosen() {
  var words = state.filter.toLowerCase();
  var list = index.filter(function (entry) {
    return (!words || entry[1].toLowerCase().indexOf(words) >= 0) && (!state.errors || entry[3] > 0) &&
      (!state.code || entry[7].indexOf(state.code) >= 0);
  });
  var key = state.key, sign = state.desc ? -1 : 1;
  list.sort(function (a, b) {
    var x = a[key], y = b[key];
    if (key === 6) { x = x.join(","); y = y.join(","); }
    if (x < y) { return -sign; }
    if (x > y) { return sign; }
    return a[0] - b[0];
  });
  return list;
}
function draw() {
  var list = chosen();
  if (state.first >= list.length) { state.first = Math.max(0, list.length - (list.length % SIZE || SIZE)); }
  while (rows.firstChild) { rows.removeChild(rows.firstChild); }
  list.slice(state.first, state.first + SIZE).forEach(function (entry) {
    var tr = el("tr", "row");
    tr.dataset.page = entry[0];
    tr.appendChild(el("td", "num", entry[0] + 1));
    var name = tr.appendChild(el("td", "page", folder && entry[1].indexOf(folder) === 0 && folder !== "/" ?
      entry[1].slice(folder.length) : entry[1]));
    name.title = entry[1];
    tr.appendChild(el("td", "num", entry[2]));
    tr.appendChild(el("td", "types", entry[6].join(", ")));
    [3, 4, 5].forEach(function (column, at) {
      var count = entry[column];
      tr.appendChild(el("td", "num " + (count ? ["e", "w", "i"][at] : "zero"), count.toLocaleString("en")));
    });
    tr.appendChild(el("td", "num " + (entry[8] ? "e" : "zero"), entry[9] ? entry[8] + " of " + entry[9] : "no article"));
    tr.addEventListener("click", function () { toggle(entry[0]); });
    rows.appendChild(tr);
    if (open[entry[0]]) { show(tr, entry[0]); }
  });
  var last = Math.min(state.first + SIZE, list.length);
  document.getElementById("showing").textContent = list.length ?
    (state.first + 1) + "\\u2013" + last + " of " + list.length.toLocaleString("en") + " pages" : "no pages";
  document.getElementById("prev").disabled = state.first === 0;
  document.getElementById("next").disabled = last >= list.length;
  var filter = document.getElementById("code-filter");
  while (filter.firstChild) { filter.removeChild(filter.firstChild); }
  if (state.code) {
    var clear = el("button", "", "code " + state.code + " \\u00d7");
    clear.type = "button";
    clear.addEventListener("click", function () { state.code = null; state.first = 0; draw(); });
    filter.appendChild(clear);
  }
}
function toggle(number) {
  open[number] = !open[number];
  draw();
}
function show(tr, number) {
  tr.classList.add("open");
  var detail = el("tr", "detail"), cell = el("td");
  cell.colSpan = COLUMNS;
  detail.appendChild(cell);
  tr.parentNode.insertBefore(detail, tr.nextSibling);
  var data = JSON.parse(document.getElementById("p" + number).textContent);
  if (data.a && data.a.length) {
    var items = el("div", "block verdicts");
    items.appendChild(el("h3", "", "Google's article rich result"));
    var list = el("ul", "verdicts");
    data.a.forEach(function (article) {
      var item = el("li", article[0] ? "eligible" : "not-eligible");
      item.appendChild(el("span", "verdict " + (article[0] ? "yes" : "no"), article[0] ? "eligible" : "not eligible"));
      item.appendChild(el("span", "where", " " + (article[3].join(", ") || "article") + " \u00b7 block " +
        (article[1] + 1) + ", " + article[2] + " "));
      if (!article[0]) { item.appendChild(el("span", "msg", article[4].replace(/^not eligible: /, ""))); }
      list.appendChild(item);
    });
    items.appendChild(list);
    cell.appendChild(items);
  }
  if (data.f.length) {
    var page = el("div", "block pagelevel");
    page.appendChild(el("h3", "", "The page as a whole"));
    page.appendChild(findingList(data.f, null));
    cell.appendChild(page);
  }
  if (!data.b.length) { cell.appendChild(el("p", "note", "No JSON-LD block on this page.")); }
  data.b.forEach(function (block, at) { cell.appendChild(blockView(block, at)); });
}
function blockView(block, at) {
  var box = el("div", "block"), head = el("h3", "", "Block " + (at + 1) + " ");
  head.appendChild(el("span", "where", "line " + block.l + ", column " + block.c +
    (block.t.length ? " \\u00b7 " + block.t.join(", ") : "")));
  box.appendChild(head);
  var cols = el("div", "cols"), pre = el("pre", "json"), places = new Map();
  if (block.v) {
    block.v.forEach(function (value, i) {
      write(pre, value, block.v.length > 1 ? "$[" + i + "]" : "$", 0, places, block.cut || {}, null);
      pre.appendChild(document.createTextNode("\\n"));
    });
  } else if (block.raw !== undefined) {
    pre.appendChild(el("span", "cutnote", "Its JSON could not be read; the block's text begins:\\n"));
    pre.appendChild(document.createTextNode(block.raw));
  }
  cols.appendChild(pre);
  cols.appendChild(findingList(block.f, places));
  box.appendChild(cols);
  return box;
}
function target(places, path) {
  while (path) {
    if (places.has(path)) { return places.get(path); }
    var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) { break; }
    path = path.slice(0, cut);
  }
  return places.get("$") || places.get("$[0]") || null;
}
function findingList(findings, places) {
  var list = el("ol", "findings");
  if (!findings.length) { list.appendChild(el("li", "note", "No findings in this block.")); }
  findings.forEach(function (finding, at) {
    var severity = SEV[finding[0]], item = el("li", severity);
    item.appendChild(el("span", "badge " + severity, at + 1));
    item.appendChild(el("span", "sev " + severity, severity));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(codeLink(finding[1]));
    item.appendChild(el("span", "path", finding[3]));
    item.appendChild(el("span", "msg", finding[2]));
    var place = places ? target(places, finding[3]) : null;
    if (place) {
      // A value is highlighted with its key; an object or array by its key and opening bracket only.
      var node = place.head || place.node;
      node.classList.add("hit", severity);
      if (place.key) { place.key.classList.add("hit", severity); }
      var badge = el("span", "badge " + severity, at + 1);
      var first = place.key || node;
      first.parentNode.insertBefore(badge, first);
      item.addEventListener("click", function (event) {
        if (event.target.tagName === "A") { return; }
        node.scrollIntoView({block: "center"});
        node.classList.add("flash");
        setTimeout(function () { node.classList.remove("flash"); }, 900);
      });
    }
    list.appendChild(item);
  });
  return list;
}
function indent(pre, depth) { pre.appendChild(document.createTextNode("\\n" + "  ".repeat(depth))); }
function cutNote(node, count) {
  node.appendChild(el("span", "cutnote", count === -1 ? " \\u2026 nested deeper than shown" :
    count === -2 ? " \\u2026 not shown: past what this report shows of one block" :
    " \\u2026 " + count.toLocaleString("en") + " in all"));
}
function write(parent, value, path, depth, places, cut, key) {
  var node = el("span", "v"), place = {node: node, key: key || null, head: null};
  places.set(path, place);
  parent.appendChild(node);
  if (Array.isArray(value)) {
    place.head = node.appendChild(el("span", "", "["));
    value.forEach(function (item, i) {
      indent(node, depth + 1);
      write(node, item, path + "[" + i + "]", depth + 1, places, cut, null);
      if (i < value.length - 1) { node.appendChild(document.createTextNode(",")); }
    });
    if (path in cut) { indent(node, depth + 1); cutNote(node, cut[path]); }
    if (value.length) { indent(node, depth); }
    node.appendChild(document.createTextNode("]"));
  } else if (value !== null && typeof value === "object") {
    var keys = Object.keys(value);
    place.head = node.appendChild(el("span", "", "{"));
    keys.forEach(function (name, i) {
      indent(node, depth + 1);
      var label = node.appendChild(el("span", "k", JSON.stringify(name)));
      node.appendChild(document.createTextNode(": "));
      write(node, value[name], path + "." + name, depth + 1, places, cut, label);
      if (i < keys.length - 1) { node.appendChild(document.createTextNode(",")); }
    });
    if (path in cut) { indent(node, depth + 1); cutNote(node, cut[path]); }
    if (keys.length) { indent(node, depth); }
    node.appendChild(document.createTextNode("}"));
  } else {
    var kind = typeof value === "string" ? "s" : typeof value === "number" ? "n" : value === null ? "z" : "b";
    node.appendChild(el("span", kind, value === null && path in cut ? "\\u2026" : JSON.stringify(value)));
    if (path in cut) { cutNote(node, cut[path]); }
  }
}
document.querySelectorAll("#page-table th").forEach(function (th) {
  th.addEventListener("click", function () {
    var key = Number(th.dataset.key);
    state.desc = state.key === key ? !state.desc : key >= 2 && key !== 6;
    state.key = key;
    document.querySelectorAll("#page-table th").forEach(function (other) {
      other.classList.remove("sorted", "asc", "desc");
    });
    th.classList.add("sorted", state.desc ? "desc" : "asc");
    draw();
  });
});
document.getElementById("filter").addEventListener("input", function (event) {
  state.filter = event.target.value; state.first = 0; draw();
});
document.getElementById("only-errors").addEventListener("change", function (event) {
  state.errors = event.target.checked; state.first = 0; draw();
});
document.getElementById("prev").addEventListener("click", function () {
  state.first = Math.max(0, state.first - SIZE); draw();
});
document.getElementById("next").addEventListener("click", function () { state.first += SIZE; draw(); });
document.querySelectorAll("a.bar").forEach(function (bar) {
  bar.addEventListener("click", function (event) {
    event.preventDefault();
    state.code = bar.dataset.code; state.first = 0; draw();
    document.getElementById("pages").scrollIntoView();
  });
});
if (index.length === 1) { open[0] = true; }
draw();
})();
"""
