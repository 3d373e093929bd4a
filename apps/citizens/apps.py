from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "apps.citizens"
    verbose_name = _("Citizens' reports (Khoya-Paya)")

    def ready(self):
        from apps.citizens import receivers  # noqa: F401 - connects the signal receivers
