from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The shell on top of every app: menu, home page and demo data (CONTRIBUTING.md)."""

    name = "apps.portal"
