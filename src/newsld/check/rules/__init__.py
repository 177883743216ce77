"""Rule families over a page's JSON-LD: each module has ``check(page: PageData) -> Iterator[Finding]``."""

__all__: list = []
