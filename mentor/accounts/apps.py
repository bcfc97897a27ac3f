from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentor.accounts"
    label = "accounts"
    verbose_name = "Comptes"
