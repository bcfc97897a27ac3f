from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "mentor.www"
    label = "www"
