"""Khoya-Paya's CAPTCHA field: a proof of work the browser solves by itself, nothing to see, hear
or type (apps/citizens/proof_of_work.py); without JavaScript, the letters in a picture
(django-simple-captcha, served by the portal too)."""

import json

from captcha.fields import CaptchaField, CaptchaTextInput
from django.forms import ValidationError
from django.template import loader
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.citizens import proof_of_work

PROOF_SUFFIX = "_proof"


class HumanCheckWidget(CaptchaTextInput):
    """The picture's key and answer (captcha_0, captcha_1), the proof (captcha_proof), and a
    status line that tells a screen reader what the automatic check is doing."""

    template_name = "citizens/widgets/human_check.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["challenge"] = json.dumps(proof_of_work.new_challenge())
        context["widget"]["proof_name"] = name + PROOF_SUFFIX
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates, where the pages' translations are gathered from.
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308

    def value_from_datadict(self, data, files, name):
        return [*super().value_from_datadict(data, files, name), data.get(name + PROOF_SUFFIX)]

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and (
            name + PROOF_SUFFIX not in data
        )


class HumanCheckField(CaptchaField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Check that a person is sending this"))
        super().__init__(
            widget=HumanCheckWidget(),
            error_messages={
                "invalid": _("The letters typed are not the ones in the picture. Try the new one."),
                "required": _(
                    "Wait until the check says it is done, or type the letters in the picture."
                ),
            },
            **kwargs,
        )

    def clean(self, value):
        key, answer, proof = [*(value or []), None, None, None][:3]
        if proof:
            try:
                proof_of_work.check(proof)
            except proof_of_work.ProofRefusedError as refused:
                raise ValidationError(refused.message, code="proof") from refused
            return "proof"
        return super().clean([key, answer])
