from modeltranslation.translator import TranslationOptions, register

from apps.directory.models import District, State


@register(State)
class StateTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(District)
class DistrictTranslationOptions(TranslationOptions):
    fields = ("name",)
