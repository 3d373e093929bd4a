from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepatriationConfig(AppConfig):
    name = "apps.repatriation"
    verbose_name = _("Repatriation")
