from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "mentor.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self):
        from . import permissions  # noqa: F401 (registers the permissions)
