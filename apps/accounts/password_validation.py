from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REQUIRED_CLASSES = 3


class CharacterClassValidator:
    """Asks for a mix of lower case, upper case, digits and symbols (any three of the four)."""

    def validate(self, password, user=None):
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < REQUIRED_CLASSES:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must mix at least three of: lower-case letters, upper-case letters, "
            "digits and symbols."
        )
