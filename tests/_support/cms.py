"""Rendering through the template integrations, shared by the Jinja2, Django and browser tests."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "examples" / "templates"
SEED = ROOT / "examples" / "syria-air-missions.md"


def jinja_environment(autoescape: bool = True):
    jinja2 = pytest.importorskip("jinja2", reason="Jinja2 is in the test extra: pip install '.[test]'")
    # The one line a site adds, as the README shows it.
    return jinja2.Environment(
        extensions=["newsld.jinja.JsonLdExtension"],
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
    )


def render_jinja(template: str, /, autoescape: bool = True, **context: Any) -> str:
    return jinja_environment(autoescape).from_string(template).render(**context)


def django_engine():
    """The DjangoTemplates backend of a minimal project whose INSTALLED_APPS has newsld.django (configured once)."""
    pytest.importorskip("django", reason="Django is in the test extra: pip install '.[test]'")
    import django
    from django.conf import settings
    from django.template import engines

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=["newsld.django"],
            TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(TEMPLATES)]}],
        )
        django.setup()
    return engines["django"]


def render_django(template: str, /, **context: Any) -> str:
    return django_engine().from_string(template).render(context)


class _LdJsonScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.texts.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.texts[-1] += data


def ld_json_texts(html: str) -> list[str]:
    """The text of every ``<script type="application/ld+json">`` in ``html``, as an HTML parser reads it."""
    parser = _LdJsonScripts()
    parser.feed(html)
    parser.close()
    return parser.texts
