"""Each main page makes a bounded number of database queries (issue 11, item 10): measured on
the demo förbund (load_demo) as kansli, with the session and per-process caches warm, as a
logged-in person's second visit is. A page that starts querying per row (an N+1) or computes
the same statistics again goes over its bound. The bounds are the counts of 2026-12-07 plus two
(the same on SQLite and PostgreSQL); bench/profile_pages.py prints them on a real database.
The annual report's page computes the whole report's data (about 83 queries) when it is not kept.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from organisations.models import User
from participants.models import Insats

# (URL name, keyword arguments besides the förbund, most queries allowed). The figures a page
# needs in several panels are computed once per request (core/request_memo.py); the counts are
# those of a first computation, as the tests here write before they read and so never use the
# figures kept between requests (core/figure_cache.py).
PAGES = [
    ("organisations:home", {}, 56),
    ("participants:insatser", {}, 12),
    ("participants:insats", {"insats": None}, 36),
    ("participants:participations", {}, 10),
    ("statistics:year", {"year": None}, 13),
    ("organisations:members", {}, 9),
    ("budget:contributions", {"year": None}, 12),
    ("budget:ideal", {"year": None}, 24),
    ("budget:budget", {"year": None}, 29),
    ("economy:home", {}, 31),
    ("economy:statements", {"year": None}, 17),
    ("economy:operating", {"year": None}, 22),
    ("economy:checks", {"year": None}, 28),
    ("surveys:index", {}, 18),
    ("surveys:results", {"enkat": "NNS-DA", "year": None}, 36),
    ("reports:index", {}, 16),
    ("reports:annual", {"year": None}, 86),
    ("core:audit_log", {}, 14),
]


@pytest.fixture
def kansli(demo_forbund):
    client = Client()
    client.force_login(User.objects.get(username="kansli"))
    return client


def _url(name: str, kwargs: dict, forbund) -> str:
    values = {"forbund": forbund.slug}
    for key, value in kwargs.items():
        if value is None and key == "year":
            value = timezone.localdate().year - 1  # the demo's last complete year
        elif value is None and key == "insats":
            with scopes_disabled():
                value = Insats.objects.filter(forbund=forbund).order_by("code")[0].code
        values[key] = value
    return reverse(name, kwargs=values)


@pytest.mark.parametrize(("name", "kwargs", "most"), PAGES, ids=[p[0] for p in PAGES])
def test_main_page_makes_a_bounded_number_of_queries(
    demo_forbund, kansli, django_assert_max_num_queries, name, kwargs, most
):
    url = _url(name, kwargs, demo_forbund)
    assert kansli.get(url).status_code == 200  # warm: session, caches
    with django_assert_max_num_queries(most):
        assert kansli.get(url).status_code == 200
