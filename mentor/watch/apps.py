from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "mentor.watch"
    label = "watch"
    verbose_name = "Veille de l'offre"

    def ready(self):
        from . import index  # noqa: F401  (it keeps the similarity index in step with the trainings)
