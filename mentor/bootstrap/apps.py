from django.apps import AppConfig


class BootstrapConfig(AppConfig):
    """What a new installation starts with: the reference data of the offer, and demo data to try every feature."""

    name = "mentor.bootstrap"
    label = "bootstrap"
    verbose_name = "Données de départ"
