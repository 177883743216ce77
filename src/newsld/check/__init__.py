"""Checking pages publishers already serve: page → blocks → PageData → rule families → report; and lift.

Everything here reads only the text it is given and never fetches anything.
"""

from ._codes import all_codes
from ._lift import LiftResult, lift
from ._report import Report, render_json, render_text, summary_line
from ._run import check_against, check_html

__all__ = ["LiftResult", "Report", "all_codes", "check_against", "check_html", "lift", "render_json", "render_text",
           "summary_line"]
