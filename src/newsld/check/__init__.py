"""Checking pages publishers already serve: page → blocks → PageData → rule families → report; and lift.

Everything here reads only the text it is given and never fetches anything.
"""

from ._lift import LiftResult
from ._run import Report, check_against, check_html, lift

__all__ = ["LiftResult", "Report", "check_against", "check_html", "lift"]
