"""A citizen sends a Khoya-Paya form and the portal checks that a person is sending it without
asking anyone to see a picture: the browser solves the portal's own proof of work. A wrong,
forged, expired or replayed proof is refused with a message in the page's language; without
JavaScript, the letters in the picture still get the form through."""

import base64
import html
import json
import re

import pytest
from django.test import override_settings
from django.utils import translation

from apps.citizens import proof_of_work
from apps.citizens.models import CitizenReport
from apps.citizens.tests.conftest import CAPTCHA, place, post_committed, sighting_data
from tests.test_security_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db


def challenge_on(page: str) -> dict:
    found = re.search(r'class="human-check" data-challenge="([^"]+)"', page)
    return json.loads(html.unescape(found.group(1)))


def solved(challenge: dict, number: int | None = None) -> str:
    """What the browser sends: the challenge with the number it found (human-check.js)."""
    if number is None:
        number = next(
            n
            for n in range(challenge["maxnumber"] + 1)
            if proof_of_work._sha256(challenge["salt"] + str(n)) == challenge["challenge"]
        )
    return base64.b64encode(json.dumps({**challenge, "number": number}).encode()).decode()


def form_url(khordha) -> str:
    return f"/khoya-paya/report/sighting/{place(khordha)}"


def send_sighting(client, khordha, proof, **headers):
    """The sighting form sent with a proof and no letters typed."""
    data = sighting_data(captcha_0="", captcha_1="", captcha_proof=proof)
    return (
        post_committed(client, form_url(khordha), data)
        if not headers
        else client.post(form_url(khordha), data, **headers)
    )


def error_shown(response) -> list[str]:
    return response.context["form"].errors["captcha"]


def test_the_browser_solves_the_check_and_the_sighting_is_received(client, khordha):
    challenge = challenge_on(client.get(form_url(khordha)).content.decode())

    response = send_sighting(client, khordha, solved(challenge))

    assert response.status_code == 302, response.context["form"].errors
    assert CitizenReport.objects.filter(kind="sighting").count() == 1


def test_the_check_is_labelled_for_screen_readers_and_its_picture_described(client, khordha):
    page = client.get(form_url(khordha), HTTP_ACCEPT_LANGUAGE="hi").content.decode()

    with translation.override("hi"):
        legend = translation.gettext("Check that a person is sending this")
        alt = translation.gettext("Letters to type in the box below")
    assert f"<legend>{legend}</legend>" in page
    assert f'alt="{alt}"' in page
    assert 'alt="captcha"' not in page
    assert 'role="status"' in page  # the automatic check says what it is doing
    assert '<label for="id_captcha_1">' in page  # the letters' box, for browsers without JS
    assert 'src="/static/js/human-check.js" defer' in page  # a file: the CSP allows no inline JS


def test_a_wrong_number_is_refused_in_hindi_on_a_hindi_page(client, khordha):
    challenge = challenge_on(client.get(form_url(khordha)).content.decode())
    right = solved(challenge)
    wrong = solved(challenge, number=json.loads(base64.b64decode(right))["number"] + 1)

    response = send_sighting(client, khordha, wrong, HTTP_ACCEPT_LANGUAGE="hi")

    assert response.status_code == 200
    with translation.override("hi"):
        message = str(proof_of_work.NOT_SOLVED)
    with translation.override("en"):
        assert message != str(proof_of_work.NOT_SOLVED), "no Hindi translation yet"
    assert error_shown(response) == [message]
    assert message in response.content.decode()
    assert "Invalid CAPTCHA" not in response.content.decode()
    assert not CitizenReport.objects.exists()


def test_a_challenge_the_portal_never_signed_is_refused(client, khordha):
    salt = "0123456789abcdef?expires=9999999999&"
    forged = {
        "algorithm": "SHA-256",
        "challenge": proof_of_work._sha256(salt + "7"),
        "maxnumber": 10,
        "salt": salt,
        "signature": "0" * 64,
    }

    response = send_sighting(client, khordha, solved(forged))

    assert error_shown(response) == [proof_of_work.NOT_SOLVED]
    assert not CitizenReport.objects.exists()


@pytest.mark.parametrize(
    "garbage",
    ["passed", "bm90IGpzb24=", base64.b64encode(b'{"number": "1"}').decode()],
    ids=["the test word", "not JSON", "fields missing"],
)
def test_a_proof_that_is_not_one_is_refused(client, khordha, garbage):
    response = send_sighting(client, khordha, garbage)

    assert error_shown(response) == [proof_of_work.NOT_SOLVED]
    assert not CitizenReport.objects.exists()


def test_a_solved_check_is_accepted_once(client, khordha):
    proof = solved(challenge_on(client.get(form_url(khordha)).content.decode()))
    assert send_sighting(client, khordha, proof).status_code == 302

    replayed = send_sighting(client, khordha, proof)

    assert replayed.status_code == 200
    assert error_shown(replayed) == [proof_of_work.USED]
    assert CitizenReport.objects.count() == 1


def test_a_page_left_open_too_long_must_be_checked_anew(client, khordha):
    with override_settings(CAPTCHA_PROOF_OF_WORK_SECONDS=-1):
        page = client.get(form_url(khordha)).content.decode()

    response = send_sighting(client, khordha, solved(challenge_on(page)))

    assert error_shown(response) == [proof_of_work.EXPIRED]
    fresh = challenge_on(response.content.decode())  # the page comes back with a new one
    assert send_sighting(client, khordha, solved(fresh)).status_code == 302


def test_without_javascript_the_letters_in_the_picture_get_through(client, khordha):
    response = post_committed(client, form_url(khordha), sighting_data(**CAPTCHA))

    assert response.status_code == 302


def test_wrong_letters_are_refused_in_the_pages_language(client, khordha):
    client.get(form_url(khordha))
    data = sighting_data(captcha_0="nosuchkey", captcha_1="WXYZ")

    response = client.post(form_url(khordha), data, HTTP_ACCEPT_LANGUAGE="hi")

    with translation.override("hi"):
        message = translation.gettext(
            "The letters typed are not the ones in the picture. Try the new one."
        )
    assert message != "The letters typed are not the ones in the picture. Try the new one."
    assert error_shown(response) == [message]
    assert "Invalid CAPTCHA" not in response.content.decode()


def test_nothing_solved_nor_typed_says_what_to_do(client, khordha):
    response = send_sighting(client, khordha, "")

    assert error_shown(response) == [
        "Wait until the check says it is done, or type the letters in the picture."
    ]


def test_production_settings_have_no_test_answer_for_the_picture():
    printed = run_manage(
        "shell",
        "-c",
        "from captcha.conf import settings; print('test mode:', settings.CAPTCHA_TEST_MODE)",
        **PRODUCTION,
    )

    assert "test mode: False" in printed.stdout, printed.stderr
