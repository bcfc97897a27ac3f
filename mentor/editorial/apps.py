from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "mentor.editorial"
    label = "editorial"
    verbose_name = "Stratégie éditoriale"
