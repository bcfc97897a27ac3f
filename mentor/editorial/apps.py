from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "mentor.editorial"
    label = "editorial"
    verbose_name = "Stratégie éditoriale"

    def ready(self):
        from . import facets, permissions, personal_data  # noqa: F401  (they register permissions and receivers)

        facets.register()
