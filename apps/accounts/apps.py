from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"

    def ready(self):
        from apps.accounts import receivers  # noqa: F401 - connects the signal receivers
