"""The public catalogue: only published fields, search and filters, visits without cookies, the
editorial flow and the demo's entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from catalogue.models import CatalogueEntry, CatalogueVisit, Status
from catalogue.services import Filters, public_entries
from core import figure_cache


def test_the_public_sees_published_entries_and_never_drafts(world):
    client = Client()
    listing = client.get("/katalog/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "FINSAM-team" in html and "Hemligt utkast" not in html
    assert client.get("/katalog/alfa/hemligt-utkast/").status_code == 404
    assert client.get("/katalog/beta/finsam-team/").status_code == 404  # other förbund's URL
    assert client.get("/katalog/finns-inte/").status_code == 404
    page = client.get("/katalog/alfa/finsam-team/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Samordnat stöd från flera myndigheter." in text and "Kansliet, 0100-00 00 00" in text
    # Nothing of the linked insats beyond the entry's own fields: not its code or participants.
    assert "A1-0001" not in text and ">A1<" not in text


def test_a_visit_is_counted_without_making_any_kept_figure_out_of_date(world):
    """The visit counter is no figure a page keeps: a crawler on the public catalogue must not
    make every förbund's pages compute their figures again (core/figure_cache.py)."""
    before = figure_cache.generation()  # outside any scope: moved by every write of data
    for _ in range(2):
        assert Client().get("/katalog/alfa/finsam-team/").status_code == 200
    with scopes_disabled():
        assert CatalogueVisit.objects.get().count == 2
    assert figure_cache.generation() == before


def test_a_visit_is_counted_per_entry_and_month_without_cookies(world):
    client = Client()
    for _ in range(3):
        response = client.get("/katalog/alfa/finsam-team/")
        assert response.cookies == {} and "Set-Cookie" not in response
    client.head("/katalog/alfa/finsam-team/")
    with scopes_disabled():
        visits = CatalogueVisit.objects.get(entry=world.extra["entry_published"])
    assert visits.count == 3
    assert visits.month == timezone.localdate().replace(day=1)
    assert {f.name for f in CatalogueVisit._meta.concrete_fields} == {
        "id",
        "entry",
        "month",
        "count",
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "myndigheter"}, ["FINSAM-team"]),
        ({"q": "myndigheter saknas"}, []),
        ({"kommun": "alfa"}, ["FINSAM-team"]),
        ({"kommun": "Beta"}, []),
        ({"malgrupp": "vuxna"}, ["FINSAM-team"]),
        ({"malgrupp": "unga"}, []),
        ({"typ": "natverk"}, []),
        ({"arrangor": "Samordningsförbundet Alfa"}, ["FINSAM-team"]),
        ({"arrangor": "Försäkringskassan"}, []),
    ],
)
def test_search_and_filters(world, params, expected):
    # Within förbund A (the demo förbund may share the test database).
    rows = public_entries("alfa", Filters(**params))
    assert [row.name for row in rows] == expected
    html = Client().get("/katalog/alfa/", params).content.decode()
    assert ("FINSAM-team</a>" in html) == bool(expected)


def test_the_json_has_only_published_fields(world):
    response = Client().get("/api/v1/katalog/", {"q": "myndigheter"})
    assert response.status_code == 200
    entries = [e for e in response.json()["results"] if e["forbund"] == "alfa"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["namn"] == "FINSAM-team" and entry["url"] == "/katalog/alfa/finsam-team/"
    assert set(entry) == {
        "forbund", "adress", "url", "namn", "typ", "arrangor", "malgrupp",
        "malgrupp_beskrivning", "alder_fran", "alder_till", "kommuner", "erbjuder", "vag_in",
        "kontakt", "sprak", "fran", "till", "senast_granskad",
    }  # fmt: skip
    assert Client().get("/api/v1/katalog/", {"q": "Hemligt"}).json()["count"] == 0


def test_the_kansli_drafts_publishes_and_reviews(world, clients):
    client = clients["kansli"]
    form = {
        "name": "Jobbcoach",
        "kind": "tjanst",
        "target_group": "unga",
        "municipalities": "Alfa",
        "offers": "Coachning.",
        "access": "egen",
        "contact": "0100-1",
        "languages": "svenska",
    }
    assert client.post("/f/alfa/katalog/ny/", {**form, "action": "spara"}).status_code == 302
    assert Client().get("/katalog/alfa/jobbcoach/").status_code == 404
    client.post("/f/alfa/katalog/jobbcoach/", {**form, "action": "publicera"})
    assert Client().get("/katalog/alfa/jobbcoach/").status_code == 200
    with scope(forbund=world.a):
        entry = CatalogueEntry.objects.get(slug="jobbcoach")
        assert entry.status == Status.PUBLISHED and entry.reviewed_on == timezone.localdate()
        CatalogueEntry.objects.filter(pk=entry.pk).update(
            reviewed_on=timezone.localdate() - timedelta(days=400)
        )
    start = client.get("/f/alfa/").content.decode()
    assert "1 publicerad post har inte granskats på 12 månader." in start
    assert "inte granskats" not in clients["styrelse"].get("/f/alfa/").content.decode()
    reminder = client.get("/f/alfa/katalog/").content.decode()
    assert "inte granskats på 12 månader" in reminder and "Jobbcoach" in reminder
    client.post("/f/alfa/katalog/jobbcoach/", {**form, "action": "granskad"})
    assert "inte granskats" not in client.get("/f/alfa/katalog/").content.decode()
    client.post("/f/alfa/katalog/jobbcoach/", {**form, "action": "avpublicera"})
    assert Client().get("/katalog/alfa/jobbcoach/").status_code == 404
    # Only the kansli edits; other förbund cannot see it.
    assert clients["styrelse"].get("/f/alfa/katalog/").status_code == 403
    assert clients["outsider"].get("/f/alfa/katalog/jobbcoach/").status_code == 404


def test_the_demo_publishes_its_catalogue(demo_forbund):
    with scope(forbund=demo_forbund):
        published = CatalogueEntry.objects.published()
        assert published.count() >= 10
        assert published.filter(organiser__isnull=False).exists()  # members' services
        assert published.filter(insats__isnull=False).exists()  # linked insatser
        draft = CatalogueEntry.objects.filter(status=Status.DRAFT).first()
    html = Client().get(f"/katalog/{demo_forbund.slug}/").content.decode()
    assert "Aktivitetsplatsen" in html and "Ungdomslots" in html
    assert draft is not None and draft.name not in html


def test_control_characters_in_a_search_are_harmless(world):
    response = Client().get("/katalog/alfa/", {"q": "myndig\x01heter", "kommun": "\x1b"})
    assert response.status_code == 200
    assert Client().get("/api/v1/katalog/", {"q": "\x01"}).status_code == 200
    # A NUL byte is answered 400 before any view (core/middleware.py).
    assert Client().get("/katalog/alfa/", {"q": "myndig\x00heter"}).status_code == 400
    assert Client().get("/api/v1/katalog/", {"q": "\x00"}).status_code == 400
