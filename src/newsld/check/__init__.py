"""Checking pages publishers already serve: page → blocks → PageData → rule families → report; and lift.

Pages come from files, standard input or web archives (WARC, WACZ). Everything here reads only the bytes it is given
and never fetches anything.
"""

from ._body import require_extractor
from ._codes import all_codes
from ._htmlreport import write_html
from ._lift import LiftResult, lift
from ._lift_source import LiftedSource, lift_source, read_leftovers, site_for
from ._report import Report, jsonl_line, render_json, render_text, write_json
from ._run import check_against, check_html, check_page, check_warc
from ._sarif import write_sarif
from ._sources import Page
from ._summary import Summary, host_of
from ._verdict import ArticleVerdict
from ._warc import WARC_SUFFIXES, WarcError, is_warc_name, read_warc, warc_pages

__all__ = ["WARC_SUFFIXES", "ArticleVerdict", "LiftResult", "LiftedSource", "Page", "Report", "Summary", "WarcError",
           "all_codes", "check_against", "check_html", "check_page", "check_warc", "host_of", "is_warc_name",
           "jsonl_line", "lift", "lift_source", "read_leftovers", "read_warc", "render_json", "render_text",
           "require_extractor", "site_for", "warc_pages", "write_html", "write_json", "write_sarif"]
