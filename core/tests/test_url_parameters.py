"""Whatever the address and its parameters: never a server error.

Every URL of the URL conf is walked; years out of range are 404 (the `<year:>` converter),
NUL characters are 400 (core.middleware), and random strings (NUL, surrogates, huge and
negative numbers, any unicode) in every URL keyword and every query parameter the views read
get an answer below 500, logged in as the demo förbund's kansli (property-based).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organisations.choices import Role
from organisations.models import Membership

SKIPPED_NAMESPACES = {"admin"}
# Query parameters the views read (grep request.GET).
QUERY_KEYS = (
    "next",
    "handelse",
    "sida",
    "q",
    "status",
    "year",
    "publicering",
    "format",
    "per",
    "ar",
    "enhet",
    "till",
    "mot",
)
_KEYWORD = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _routes(patterns, prefix: str = "", namespace: str | None = None):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from _routes(entry.url_patterns, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route


# Logging out would end the fuzzing client's session.
ROUTES = sorted(set(_routes(get_resolver().url_patterns)) - {"konto/logga-ut/"})
YEAR_ROUTES = [route for route in ROUTES if "<year:" in route]


def _fill(route: str, values: dict[str, str]) -> str:
    return "/" + _KEYWORD.sub(lambda match: values[match["name"]], route)


def _segment(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@pytest.fixture
def kansli(demo_forbund):
    with scopes_disabled():
        membership = Membership.objects.filter(forbund=demo_forbund, role=Role.KANSLI).first()
    client = Client(raise_request_exception=False)
    client.force_login(membership.user)
    return client


def _defaults(slug: str) -> dict[str, str]:
    return {"forbund": slug, "year": "2024"}


def test_every_year_bearing_url_is_404_for_years_out_of_range(kansli, demo_forbund):
    assert YEAR_ROUTES, "no <year:> URL found"
    wrong = []
    for route in YEAR_ROUTES:
        for year in ("0", "1", "99999", "-1", "0000", "9999", "2003"):
            values = dict.fromkeys((m["name"] for m in _KEYWORD.finditer(route)), "1") | {
                "forbund": demo_forbund.slug,
                "year": year,
            }
            url = _fill(route, values)
            status = kansli.get(url).status_code
            if status != 404:
                wrong.append((url, status))
    assert wrong == []


@pytest.mark.parametrize(
    "url",
    [
        "/f/{slug}/logg/?handelse=%00",
        "/f/{slug}/logg/?%00=1",
        "/f/{slug}/insatser/%00/",
        "/f/{slug}/deltaganden/?q=abc%00def",
        "/f/{slug}/ekonomi/2024/?enhet=%00",
    ],
)
def test_a_nul_anywhere_in_the_address_is_400_with_a_swedish_message(kansli, demo_forbund, url):
    response = kansli.get(url.format(slug=demo_forbund.slug))
    assert response.status_code == 400
    assert "NUL-tecken" in response.content.decode()


def test_a_nul_in_a_form_field_or_a_file_name_is_400(kansli, demo_forbund):
    from django.core.files.uploadedfile import SimpleUploadedFile

    slug = demo_forbund.slug
    response = kansli.post(f"/f/{slug}/insatser/ny/", {"kod": "A\x00", "namn": "x"})
    assert response.status_code == 400
    upload = SimpleUploadedFile("del\x00tagare.csv", b"deltagar_id;insats\n")
    response = kansli.post(f"/f/{slug}/deltaganden/importera/", {"file": upload})
    assert response.status_code in (200, 400)  # the client may drop the NUL from the name


# --- Property-based: random values into every URL keyword and query parameter -------------------

NASTY = st.sampled_from(
    [
        "\x00",
        "%00",
        "0",
        "-1",
        "99999",
        "0000",
        "9" * 40,
        "-" + "9" * 40,
        "1e999",
        "NaN",
        "..",
        "'",
        '"',
        "\ud800",
        "A1",
        "ÅÄÖ",
        " ",
    ]
)
VALUES = st.one_of(
    NASTY,
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@pytest.mark.parametrize("route", [route for route in ROUTES if "<" in route])
@settings(FUZZ, max_examples=8)
@given(data=st.data())
def test_random_url_keywords_never_give_a_server_error(kansli, demo_forbund, route, data):
    names = [match["name"] for match in _KEYWORD.finditer(route)]
    values = _defaults(demo_forbund.slug)
    for name in names:
        if name == "forbund" and data.draw(st.booleans()):
            continue  # mostly inside the demo förbund, to reach the views
        values[name] = _segment(data.draw(VALUES, label=name))
    url = _fill(route, values)
    response = kansli.get(url)
    assert response.status_code < 500, url


@FUZZ
@given(
    route=st.sampled_from(
        [route for route in ROUTES if "<" not in route.replace("<slug:forbund>", "")]
    ),
    query=st.dictionaries(st.sampled_from(QUERY_KEYS) | st.text(max_size=5), VALUES, max_size=4),
)
def test_random_query_parameters_never_give_a_server_error(kansli, demo_forbund, route, query):
    url = _fill(route, {"forbund": demo_forbund.slug})
    encoded = "&".join(f"{_segment(key)}={_segment(value)}" for key, value in query.items())
    response = kansli.get(f"{url}?{encoded}")
    assert response.status_code < 500, f"{url}?{encoded}"


@FUZZ
@given(year=VALUES, query=st.dictionaries(st.sampled_from(QUERY_KEYS), VALUES, max_size=3))
def test_random_query_parameters_on_year_pages_never_give_a_server_error(
    kansli, demo_forbund, year, query
):
    encoded = "&".join(f"{key}={_segment(value)}" for key, value in query.items())
    for route in (
        "f/<slug:forbund>/ekonomi/<year:year>/",
        "f/<slug:forbund>/statistik/<year:year>/",
    ):
        for shown_year in ("2024", _segment(year)):
            url = _fill(route, {"forbund": demo_forbund.slug, "year": shown_year})
            response = kansli.get(f"{url}?{encoded}")
            assert response.status_code < 500, f"{url}?{encoded}"
