"""The refused_side marker, enforced.

`@pytest.mark.refused_side("app:url_name", "another_unit", ...)` says that the test requests an
id-taking URL as an official of another unit, district and/or State/UT and shows the refusal.
This plugin fails such a test when the marker is malformed or when the test never got a refusing
answer from that URL (with `summary=True`, a 200 also counts: the outsider sees only the
tracing summary). tests/test_refused_side_guard.py reads every test's markers through
`--refused-side-markers=FILE` to check that each id-taking URL is covered for all three kinds.
"""

import functools
import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, Resolver404, URLResolver, get_resolver, resolve

from tests import request_record

OUTSIDERS = frozenset({"another_unit", "another_district", "another_state"})
# Forbidden or not there for this official. 401 (no valid key or session) and 405 (wrong method)
# are not refusals of an outsider: the owner gets them too.
REFUSING_STATUSES = frozenset({403, 404})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class RefusedSide:
    url_name: str
    outsiders: tuple[str, ...]
    summary: bool


@functools.cache
def id_taking_urls() -> dict[str, str]:
    """Every URL pattern that names the object it acts on: qualified name (or, for an unnamed
    pattern, its route) -> route."""
    found = {}

    def walk(resolver, prefix, namespace, takes_id):
        for pattern in resolver.url_patterns:
            # An id captured by an include()'s prefix counts for every URL under it.
            with_id = takes_id or bool(pattern.pattern.regex.groups)
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = _qualified(namespace, pattern.namespace) if pattern.namespace else namespace
                walk(pattern, route, inner, with_id)
            elif with_id:
                # An unnamed pattern is listed by its route: no marker can name it, so the guard
                # fails until it has a name and tests.
                found[_qualified(namespace, pattern.name or route)] = route

    walk(get_resolver(), "", None, False)
    return found


def _qualified(namespace, name):
    return f"{namespace}:{name}" if namespace else name


def markers_of(item) -> list[RefusedSide]:
    return [parse(marker) for marker in item.iter_markers("refused_side")]


def parse(marker) -> RefusedSide:
    url_name, *outsiders = marker.args or [""]
    unknown = set(marker.kwargs) - {"summary"}
    if unknown:
        raise ValueError(f"refused_side takes only summary=, not {sorted(unknown)}")
    if url_name not in id_taking_urls():
        raise ValueError(f"refused_side names {url_name!r}, which is no id-taking URL name")
    if not outsiders or not set(outsiders) <= OUTSIDERS:
        raise ValueError(
            f"refused_side({url_name!r}) needs one or more of {sorted(OUTSIDERS)}, not {outsiders}"
        )
    return RefusedSide(url_name, tuple(outsiders), bool(marker.kwargs.get("summary", False)))


def pytest_addoption(parser):
    parser.addoption(
        "--refused-side-markers",
        metavar="FILE",
        help="write every collected test's refused_side markers to FILE as JSON (for the guard)",
    )


def pytest_collection_finish(session):
    path = session.config.getoption("--refused-side-markers")
    if not path:
        return
    markers, malformed = {}, {}
    for item in session.items:
        try:
            found = markers_of(item)
        except ValueError as error:
            malformed[item.nodeid] = str(error)
        else:
            if found:
                markers[item.nodeid] = [asdict(marker) for marker in found]
    with open(path, "w", encoding="utf-8") as output:
        json.dump({"markers": markers, "malformed": malformed}, output, indent=1)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if not any(item.iter_markers("refused_side")):
        return (yield)
    try:
        expected = markers_of(item)
    except ValueError as error:
        pytest.fail(str(error), pytrace=False)
    request_record.start()
    try:
        result = yield
    finally:
        answers = request_record.stop()
    missing = [marker for marker in expected if not was_refused(marker, answers)]
    if missing:
        seen = sorted({(a.view_name, a.status_code) for a in answers})
        pytest.fail(
            "marked refused_side but never refused: "
            + ", ".join(marker.url_name for marker in missing)
            + f" (answers seen: {seen})",
            pytrace=False,
        )
    return result


def was_refused(marker: RefusedSide, answers) -> bool:
    return any(
        answer.view_name == marker.url_name
        and answer.signed_in
        and (_refuses(answer) or (marker.summary and answer.status_code == 200))
        for answer in answers
    )


def _refuses(answer) -> bool:
    if answer.status_code in REFUSING_STATUSES:
        return True
    return answer.status_code in REDIRECTS and not _leads_into_record(answer)


def _leads_into_record(answer) -> bool:
    """A redirect to a page of the same object (the same id in its URL) lets the outsider in;
    one elsewhere (the list, the tracking form) turns them away."""
    try:
        target = resolve(urlsplit(answer.location).path)
    except (Resolver404, NoReverseMatch):
        return False
    requested = {str(value) for value in answer.kwargs.values()}
    return bool(requested & {str(value) for value in target.kwargs.values()})
