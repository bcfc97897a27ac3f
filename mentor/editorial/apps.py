from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "mentor.editorial"
    label = "editorial"
    verbose_name = "Stratégie éditoriale"

    def ready(self):
        from . import facets, permissions  # noqa: F401  (permissions registers the named permissions)

        facets.register()
