"""Django's template tag libraries of newsld: ``{% load newsld %}`` loads ``newsld.py`` here."""

__all__: list[str] = []
