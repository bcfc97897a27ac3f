from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentor.core"
    label = "core"
    verbose_name = "Socle commun"
