from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "apps.alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from apps.alerts import receivers  # noqa: F401 - connects the signal receivers
