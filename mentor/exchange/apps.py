from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "mentor.exchange"
    label = "exchange"
    verbose_name = "Échanges (LHEO, CSV, données ouvertes)"
