from django.apps import AppConfig


class OfferConfig(AppConfig):
    name = "mentor.offer"
    label = "offer"
    verbose_name = "Offre de formation"

    def ready(self):
        from . import permissions, registration_signals, search_index, signals  # noqa: F401
        from .catalogue import invalidation  # noqa: F401
