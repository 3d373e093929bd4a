from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PfifConfig(AppConfig):
    name = "apps.pfif"
    verbose_name = _("PFIF exchange")
