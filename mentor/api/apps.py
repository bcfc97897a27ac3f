from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mentor.api"
    label = "api"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers its receiver)
