from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "mentor.funding"
    label = "funding"
    verbose_name = "Appels à projets"

    def ready(self):
        from . import personal_data, signals  # noqa: F401  (they register receivers)
