from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"

    def ready(self):
        from django.conf.locale import LANG_INFO

        from trackchild.languages import LANG_INFO as SCHEDULED_LANG_INFO

        # Django lacks half of India's scheduled languages (Odia, Gujarati, Assamese...) and
        # names Kannada and Punjabi in English: get_language_info() reads ours.
        LANG_INFO.update(SCHEDULED_LANG_INFO)
