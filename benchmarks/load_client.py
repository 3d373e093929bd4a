"""What the load benchmark's clients share (`bench_load.py` for its cold pass, the locustfile
for the load): the portal stands behind its TLS proxy, so every request says
`X-Forwarded-Proto: https`, and its Secure cookies must still travel over plain HTTP."""

import re

from django_otp.oath import totp
from requests.cookies import RequestsCookieJar

HEADERS = {"X-Forwarded-Proto": "https"}
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class SecureCookiesOverPlainHttp(RequestsCookieJar):
    """Keeps the portal's Secure cookies as if they were not (requests copies the jar's
    cookies into a jar of its own for every request, so a cookie policy would not carry)."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def prepare_session(session) -> None:
    session.cookies = SecureCookiesOverPlainHttp()
    session.headers.update(HEADERS)


def form_fields(page_html: str, fields: dict) -> dict:
    token = _CSRF_FIELD.search(page_html)
    return {**fields, "csrfmiddlewaretoken": token.group(1) if token else ""}


def referer(host: str, path: str) -> dict:
    """Django checks the Referer of a POST over HTTPS against its own host."""
    return {"Referer": f"https://{host.split('://', 1)[1]}{path}"}


def authenticator_code(login: dict) -> str:
    return f"{totp(bytes.fromhex(login['totp_key'])):06d}"
