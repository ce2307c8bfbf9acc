"""Swedish error pages (organisations/errors.py) with DEBUG off, as in production: they keep
the förbund's name and menu for its members and tell others nothing."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from organisations.errors import bad_request, server_error

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_an_unknown_address_says_sidan_finns_inte_to_anyone(client):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in html and 'lang="sv"' in html
    assert "Page not found" not in html and "Förbundets meny" not in html


def test_a_404_inside_the_forbund_keeps_its_name_and_menu_for_a_member(clients):
    response = clients["kansli"].get("/f/alfa/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in html
    assert "Samordningsförbundet Alfa" in html
    assert 'aria-label="Förbundets meny"' in html and 'action="/f/alfa/sok/"' in html
    # an object that does not exist: the view's own 404, same page
    response = clients["kansli"].get("/f/alfa/insatser/FINNS-INTE/")
    assert response.status_code == 404 and "Samordningsförbundet Alfa" in response.content.decode()


def test_a_404_tells_an_outsider_nothing_about_the_forbund(clients):
    response = clients["outsider"].get("/f/alfa/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Alfa" not in html and "/f/alfa/" not in html
    response = clients["outsider"].get("/f/alfa/insatser/")
    assert response.status_code == 404 and "Alfa" not in response.content.decode()


def test_a_403_keeps_the_forbund_and_names_the_role(clients):
    response = clients["insatsansvarig"].get("/f/alfa/ekonomi/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Ingen behörighet</h1>" in html
    assert "Samordningsförbundet Alfa" in html and "Insatsansvarig" in html
    assert 'aria-label="Förbundets meny"' in html
    assert ">Ekonomi</a>" not in html  # the menu still offers only what the role may open


def test_a_refused_form_gets_a_swedish_page_in_the_forbund(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["kansli"])
    response = client.post("/f/alfa/medlemmar/ny/", {"name": "X"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in html and "Samordningsförbundet Alfa" in html
    assert "CSRF verification failed" not in html


def test_the_500_page_reads_nothing_from_the_database(world, django_assert_num_queries):
    request = RequestFactory().get("/f/alfa/ekonomi/")
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Något gick fel" in html and 'lang="sv"' in html


def test_the_500_page_keeps_the_forbund_the_view_had(world, django_assert_num_queries):
    from django_scopes import scopes_disabled

    from organisations.models import Membership

    with scopes_disabled():
        membership = Membership.objects.select_related("forbund", "user").get(
            user=world.users["kansli"], forbund=world.a
        )
    request = RequestFactory().get("/f/alfa/ekonomi/")
    request.membership = membership
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert "Samordningsförbundet Alfa" in html and 'aria-label="Förbundets meny"' in html


def test_a_server_error_in_a_view_shows_the_500_page(clients, monkeypatch):
    from organisations.views import forbund as forbund_views

    def failing(*args, **kwargs):
        raise RuntimeError("fel i vyn")

    monkeypatch.setattr(forbund_views, "render", failing)
    client = clients["kansli"]
    client.raise_request_exception = False
    response = client.get("/f/alfa/medlemmar/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Något gick fel" in html and "Samordningsförbundet Alfa" in html


def test_the_400_page_is_swedish():
    response = bad_request(RequestFactory().get("/"))
    assert response.status_code == 400 and "Felaktig förfrågan" in response.content.decode()


def test_with_debug_on_an_unknown_address_is_still_swedish(settings, clients, client):
    settings.DEBUG = True
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in response.content.decode()
    response = clients["kansli"].get("/f/alfa/finns-inte/")
    assert response.status_code == 404
    assert "Samordningsförbundet Alfa" in response.content.decode()
    # the API keeps its problem+json
    response = client.get("/api/v1/finns-inte/")
    assert "Sidan finns inte" not in response.content.decode()
