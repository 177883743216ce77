"""``python -m newsld.cli``: the same as ``newsld``."""

from ._main import main

__all__: list = []

raise SystemExit(main())
