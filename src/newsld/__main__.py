"""``python -m newsld``: the same as the ``newsld`` command."""

from .cli import main

__all__: list[str] = []

raise SystemExit(main())
