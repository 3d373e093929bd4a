"""A newcomer seeds the demo and signs in with the printed credentials for each role."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import Role, User
from apps.core.demo import DEMO_PASSWORD
from apps.directory.models import Unit

pytestmark = pytest.mark.django_db


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_demo_has_one_login_per_role_and_prints_it(settings, client):
    settings.DEBUG = True
    output = seed()

    held = {role for user in User.objects.all() for role in user.roles}
    assert held == set(Role.values)
    for user in User.objects.all():
        assert user.username in output
        user.full_clean()
    assert DEMO_PASSWORD in output
    response = client.post(
        "/accounts/login/", {"username": "police_capital", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_seeding_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    seed()
    users, units = User.objects.count(), Unit.objects.count()
    seed()

    assert (User.objects.count(), Unit.objects.count()) == (users, units)


def test_demo_logins_are_refused_on_a_production_portal():
    with pytest.raises(CommandError, match="Refusing"):
        seed()
    assert not User.objects.exists()
