"""An operator who copies the examples or forgets to say a proxy is in front does not get a
portal that trusts forged headers or public secrets."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.test_security_settings import PRODUCTION, run_manage
from trackchild.example_secrets import database_password, refuse_example_secrets

ROOT = Path(__file__).resolve().parent.parent
SECRET_NAMES = ("SECRET_KEY", "PASSWORD", "TOKEN")
PRINT_PROXY_HEADER = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"


def example_values() -> dict[str, str]:
    pairs = re.findall(r"^([A-Z_]+)=(.*)$", (ROOT / ".env.example").read_text(), re.M)
    return dict(pairs)


def test_every_secret_shown_in_env_example_is_refused():
    examples = example_values()
    secrets = {name: value for name, value in examples.items() if name.endswith(SECRET_NAMES)}
    secrets["DATABASE_URL"] = database_password(examples["DATABASE_URL"])
    shown = {name: value for name, value in secrets.items() if value}
    assert {"SMS_DLR_TOKEN", "SMS_GATEWAY_PASSWORD", "DATABASE_URL"} <= set(shown)

    for name, value in shown.items():
        with pytest.raises(ImproperlyConfigured, match=name):
            refuse_example_secrets({name: value})


def test_composes_old_database_password_is_refused_whatever_its_case():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        refuse_example_secrets(
            {"DATABASE_URL": database_password("postgres://trackchild:TrackChild@db/trackchild")}
        )


def test_own_secrets_and_unset_ones_pass():
    refuse_example_secrets(
        {
            "SECRET_KEY": PRODUCTION["SECRET_KEY"],
            "DATABASE_URL": database_password("postgres://trackchild:9f3c1a7e55b2@db/trackchild"),
            "EMAIL_HOST_PASSWORD": "",
        }
    )


@pytest.mark.parametrize(
    "setting",
    [
        {"SMS_DLR_TOKEN": "change-me-too"},
        {"DATABASE_URL": "postgres://trackchild:trackchild@127.0.0.1:1/trackchild"},
        {"DATABASE_REPLICA_URL": "postgres://trackchild:secret@127.0.0.1:2/trackchild"},
    ],
)
def test_portal_refuses_to_start_with_an_example_secret(setting):
    result = run_manage("check", **{**PRODUCTION, **setting})

    assert result.returncode != 0
    assert "example value" in result.stderr
    assert next(iter(setting)) in result.stderr


def test_forwarded_proto_is_believed_only_behind_a_declared_tls_proxy():
    alone = run_manage("shell", "-c", PRINT_PROXY_HEADER, **PRODUCTION)
    behind = run_manage("shell", "-c", PRINT_PROXY_HEADER, BEHIND_TLS_PROXY="true", **PRODUCTION)

    assert alone.stdout.splitlines()[-1] == "None", alone.stderr
    assert behind.stdout.splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')", behind.stderr
