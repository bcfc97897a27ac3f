from django.apps import AppConfig


class WatchConfig(AppConfig):
    name = "mentor.watch"
    label = "watch"
    verbose_name = "Veille de l'offre"

    def ready(self):
        from . import index, kept, permissions, personal_data, satisfaction, scope  # noqa: F401  (signal receivers and permissions register themselves)
