from django.apps import AppConfig


class NewsldConfig(AppConfig):
    name = "newsld.django"
    # The default label would be "django", the last part of the name: unclear in migrations and admin listings.
    label = "newsld"
    verbose_name = "newsld"
