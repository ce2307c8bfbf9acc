"""The grouped, role-aware menu (organisations/navigation.py) on real pages of the test world."""

from __future__ import annotations

import re

import pytest

from organisations.navigation import GROUPS, may_open, required_capability
from organisations.services.search import PAGES
from samples.testing import PERSONA_ROLES

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="(site-nav|sub-nav)" aria-label="([^"]*)">(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="([a-z]+)")?>([^<]*)</a>')


def menus(html: str) -> dict[str, list[tuple[str, str, str]]]:
    """{"site-nav": [(label, href, aria-current)], "sub-nav": [...]}"""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for kind, _label, body in NAV.findall(html):
        found[kind] = [
            (label.strip(), href, current) for href, _a, current, label in LINK.findall(body)
        ]
    return found


def test_each_role_sees_exactly_the_groups_and_pages_it_may_open(world, clients):
    for persona, role in PERSONA_ROLES.items():
        client = clients[persona]
        top = menus(client.get("/f/alfa/").content.decode())["site-nav"]
        labels = [label for label, _href, _current in top]
        expected = ["Start"] + [
            str(group.label)
            for group in GROUPS
            if any(may_open(role, item.url_name) for item in group.items)
        ]
        assert labels == expected, persona
        for label, href, _current in top[1:]:
            html = client.get(href).content.decode()
            sub = menus(html).get("sub-nav")
            assert sub, (persona, label)
            for item_label, item_href, _c in sub:
                status = client.get(item_href).status_code
                assert status == 200, (persona, item_label, item_href, status)


def test_the_insatsansvarig_gets_no_economy_or_reports_and_the_styrelse_no_audit_log(clients):
    html = clients["insatsansvarig"].get("/f/alfa/insatser/").content.decode()
    top = [label for label, _h, _c in menus(html)["site-nav"]]
    assert "Deltagare" in top and "Ekonomi" not in top and "Rapporter" not in top
    sub = [label for label, _h, _c in menus(html)["sub-nav"]]
    assert "Deltaganden" in sub
    html = clients["styrelse"].get("/f/alfa/medlemmar/").content.decode()
    sub = [label for label, _h, _c in menus(html)["sub-nav"]]
    assert "Medlemmar" in sub and "Händelselogg" not in sub and "Personer och roller" not in sub


@pytest.mark.parametrize(
    "path, current",
    [
        ("/f/alfa/ekonomi/", "Översikt"),
        ("/f/alfa/ekonomi/2024/", "Räkenskaper"),
        ("/f/alfa/ekonomi/2024/driftredovisning/", "Driftredovisning"),
        ("/f/alfa/ekonomi/kontomappning/", "Inläsning och inställningar"),
        ("/f/alfa/ekonomi/sie/", "Inläsning och inställningar"),
        ("/f/alfa/budget/", "Budget"),
        ("/f/alfa/budget/2024/", "Budget"),
        ("/f/alfa/medlemsbidrag/2024/", "Medlemsbidrag"),
        ("/f/alfa/idealfordelning/2024/", "Idealfördelning"),
    ],
)
def test_the_economy_sub_menu_is_the_same_on_every_economy_page(clients, path, current):
    response = clients["ekonom"].get(path)
    assert response.status_code == 200
    found = menus(response.content.decode())
    sub = found["sub-nav"]
    assert [label for label, _h, _c in sub] == [
        "Översikt",
        "Räkenskaper",
        "Driftredovisning",
        "Kontroller",
        "Femårsöversikt",
        "Budget",
        "Medlemsbidrag",
        "Idealfördelning",
        "Inläsning och inställningar",
    ]
    assert [label for label, _h, c in sub if c == "page"] == [current]
    assert [label for label, _h, c in found["site-nav"] if c] == ["Ekonomi"]


def test_year_bound_items_keep_the_year_of_the_page(clients):
    sub = menus(clients["ekonom"].get("/f/alfa/ekonomi/2023/kontroller/").content.decode())
    hrefs = {label: href for label, href, _c in sub["sub-nav"]}
    assert hrefs["Räkenskaper"] == "/f/alfa/ekonomi/2023/"
    assert hrefs["Femårsöversikt"] == "/f/alfa/ekonomi/2023/femarsoversikt/"
    # elsewhere (and a budget year is not a year of books): the latest year with books, 2024
    for path in ("/f/alfa/budget/2023/", "/f/alfa/ekonomi/"):
        sub = menus(clients["ekonom"].get(path).content.decode())
        hrefs = {label: href for label, href, _c in sub["sub-nav"]}
        assert hrefs["Räkenskaper"] == "/f/alfa/ekonomi/2024/", path


def test_the_start_page_has_one_menu_and_marks_itself(clients):
    html = clients["kansli"].get("/f/alfa/").content.decode()
    assert "Genvägar" not in html
    assert html.count('aria-label="Förbundets meny"') == 1
    top = menus(html)["site-nav"]
    assert top[0] == ("Start", "/f/alfa/", "page")
    assert "sub-nav" not in menus(html)


def test_the_menu_button_controls_the_menu_and_the_search_box_is_labelled(clients):
    html = clients["kansli"].get("/f/alfa/deltaganden/").content.decode()
    assert 'class="menu-button" aria-expanded="false" aria-controls="site-menu"' in html
    assert 'id="site-menu"' in html
    assert '<label for="site-search-q"' in html and 'action="/f/alfa/sok/"' in html


def test_every_page_the_menu_and_the_search_name_exists():
    """A renamed URL must not drop silently out of the menu or the search."""
    names = [item.url_name for group in GROUPS for item in group.items]
    names += [page.url_name for page in PAGES]
    missing = [name for name in names if not required_capability(name)[0]]
    assert missing == []
