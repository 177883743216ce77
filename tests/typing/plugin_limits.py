"""What pydantic's mypy plugin gets wrong about newsld's models, asserted by tests/test_typing.py so that a pydantic
release that fixes it is noticed. pyright and mypy without the plugin report nothing here.

The plugin types a field a model class inherits (ReportageNewsArticle's ``author``, a Person's ``sameAs``) as what its
``__init__`` accepts rather than what it stores: reading such a field of a subclass gives ``str | Person | ... | list``
where ``list[Person | ...]`` is meant. Reading it through the base class (a ``newsld.NewsArticle``) is typed right.
"""

from __future__ import annotations

import newsld

article = newsld.ReportageNewsArticle(headline="x", url="https://example.com/a", author="Jane Doe")
authors: list[newsld.Person | newsld.Organization | newsld.NewsMediaOrganization] | None = article.author  # plugin
same_as: list[str] | None = newsld.Person(name="Jane Doe").sameAs  # plugin
