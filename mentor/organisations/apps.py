from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "mentor.organisations"
    label = "organisations"
    verbose_name = "Organisations"
