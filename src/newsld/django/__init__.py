"""Django integration: add ``"newsld.django"`` to ``INSTALLED_APPS``, then ``{% load newsld %}{% jsonld article %}``.

Wagtail page templates are Django templates, so the same tag works there.
"""

__all__: list[str] = []
