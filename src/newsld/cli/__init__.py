"""The ``newsld`` command line (the console script ``newsld`` runs ``newsld.cli:main``)."""

from ._main import main

__all__ = ["main"]
