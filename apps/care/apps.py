from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "apps.care"
    verbose_name = _("Children in care")

    def ready(self):
        from apps.care import receivers  # noqa: F401 - connects the signal receivers
