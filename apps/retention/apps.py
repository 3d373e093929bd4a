from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "apps.retention"
    verbose_name = _("Retention and minimisation")

    def ready(self):
        from apps.retention import receivers  # noqa: F401 - connects the signal receivers
