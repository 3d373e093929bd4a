"""The portal refuses to run in production with a secret copied from the examples: .env.example,
docker-compose.yml (as it once was) and the development defaults are public, so anyone could
forge delivery reports, sign sessions or reach the database with them."""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

EXAMPLE_SECRETS = frozenset(
    {
        "change-me",
        "change-me-too",
        "change-me-inbound",
        "secret",
        "trackchild",
        "insecure-development-key-never-use-in-production",
    }
)


def database_password(url: str) -> str:
    return (urlsplit(url).password or "") if url else ""


def example_secrets_in(secrets: Mapping[str, str]) -> list[str]:
    """The names whose value is one of the published examples."""
    return [name for name, value in secrets.items() if _is_example(value)]


def _is_example(value: str) -> bool:
    return bool(value) and value.strip().lower() in EXAMPLE_SECRETS


def refuse_example_secrets(secrets: Mapping[str, str]) -> None:
    named = example_secrets_in(secrets)
    if named:
        raise ImproperlyConfigured(
            f"{', '.join(named)}: still the example value from .env.example or "
            "docker-compose.yml. Set a long random secret of your own before starting with "
            "DJANGO_DEBUG off."
        )
