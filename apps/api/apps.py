from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "apps.api"
    verbose_name = _("API clients")

    def ready(self):
        from apps.api import authentication  # noqa: F401 - registers the schema's security scheme
