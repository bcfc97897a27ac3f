from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentor.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from . import permissions  # noqa: F401 (registers the permissions)
