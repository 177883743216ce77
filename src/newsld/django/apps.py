"""The Django app of newsld's template tags, labelled ``newsld``."""

from django.apps import AppConfig

__all__ = ["NewsldConfig"]


class NewsldConfig(AppConfig):
    name = "newsld.django"
    # The default label would be "django", the last part of the name: unclear in migrations and admin listings.
    label = "newsld"
    verbose_name = "newsld"
