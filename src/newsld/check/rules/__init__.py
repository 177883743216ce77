"""The rule families: each a module with its codes (``CODES``) and ``check(page: PageData) -> Iterator[Finding]``.

Every family reads the same PageData and none imports another; what several need (a node's types, whether it is an
article) is in ``_nodes``. They run in the order of ``FAMILIES``, and a page's findings keep that order.
"""

from . import google, graph, integrity, schemaorg, syntax, text

__all__ = ["FAMILIES"]

FAMILIES = (syntax, schemaorg, google, graph, text, integrity)
