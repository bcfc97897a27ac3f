from django.apps import AppConfig


class DesignConfig(AppConfig):
    name = "mentor.design"
    label = "design"
    verbose_name = "Espace des concepteurs"
