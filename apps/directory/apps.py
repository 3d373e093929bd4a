from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class DirectoryConfig(AppConfig):
    name = "apps.directory"

    def ready(self):
        from apps.directory.models import District, State, Unit
        from apps.directory.selectors import forget_office_phones, forget_place_names

        post_save.connect(forget_office_phones, sender=Unit, dispatch_uid="forget_office_phones")
        post_delete.connect(forget_office_phones, sender=Unit, dispatch_uid="forget_office_phones")
        for model in (District, State):
            post_save.connect(forget_place_names, sender=model, dispatch_uid="forget_place_names")
            post_delete.connect(forget_place_names, sender=model, dispatch_uid="forget_place_names")
