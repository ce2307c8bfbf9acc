"""Text bound to figures (issue 9, item 3): sentences offered from the data, and the check
before adoption that lists every claim of the text the figures contradict; adoption needs
each fixed or acknowledged with a reason, kept in the adoption record."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from reports.choices import ReportKind
from reports.models import AdoptedVersion
from reports.services import (
    SignatoryInput,
    UnacknowledgedContradictions,
    adopt_annual_report,
    get_or_create_report,
    save_texts,
)
from reports.services.consistency import contradictions, suggestions
from reports.services.generation import annual_report_data

# The demo's 2024 texts as first written (before the check existed): the sentences the
# issue quotes.
FIRST_DRAFT_2024 = {
    "sammanfattning": "Förbundets ekonomi är stabil. Årets resultat och det egna kapitalet "
    "redovisas i tabellen nedan.",
    "hushallning": "Sammantaget bedömer styrelsen att förbundet har bedrivit verksamheten med "
    "god ekonomisk hushållning: kostnaderna har hållit sig inom budget och balanskravet är "
    "uppfyllt.",
    "personal": "Förbundet har ingen egen anställd personal. Kansliets tjänster köps från "
    "Norrby kommun.",
    "verksamhet": "Under året deltog 412 personer i insatserna.",
}


def with_texts(data, texts):
    return {**data, "texts": {**data["texts"], **texts}}


@pytest.mark.django_db
def test_the_demos_first_texts_for_2024_list_the_contradictions_of_the_issue(demo_forbund):
    data = with_texts(annual_report_data(demo_forbund, 2024), FIRST_DRAFT_2024)
    found = {c.claim: c for c in contradictions(data)}
    assert set(found) == {
        "Ekonomin är stabil",
        "Balanskravet uppfyllt",
        "Inga anställda",
        "Finansiering från ESF",
        "412 personer",
    }
    assert "−550 tkr" in found["Balanskravet uppfyllt"].figures
    assert "1\u00a0075 tkr" in found["Inga anställda"].figures
    assert "338 tkr" in found["Inga anställda"].figures
    assert found["Finansiering från ESF"].section == "Insats IPS i psykosvården"
    assert "379 unika deltagare" in found["412 personer"].figures


@pytest.mark.django_db
def test_true_claims_are_not_flagged(demo_forbund):
    data = with_texts(
        annual_report_data(demo_forbund, 2024),
        {
            "hushallning": "Balanskravet är inte uppfyllt. Kostnaderna blev lägre än "
            "budgeterat. Minst 380 deltagare var målet.",
            "personal": "Förbundet har anställd personal på kansliet.",
            "verksamhet": "Under året deltog 379 personer; cirka 400 deltaganden.",
        },
    )
    claims = {c.claim for c in contradictions(data)}
    assert claims == {"Finansiering från ESF"}  # only IPS's description


@pytest.mark.django_db
def test_suggested_sentences_state_the_figures(demo_forbund):
    offered = suggestions(annual_report_data(demo_forbund, 2024))
    assert offered["hushallning"].startswith(
        "Balanskravsresultatet för 2024 är −550 tkr; balanskravet är inte uppfyllt."
    )
    assert "300 tkr bättre än budget" in offered["ekonomiska_resultat"]
    assert "1\u00a0075 tkr" in offered["personal"]
    assert "379 personer" in offered["verksamhet"]
    # The offered text is itself consistent with the figures.
    data = annual_report_data(demo_forbund, 2024)
    claims = {c.claim for c in contradictions(with_texts(data, offered))}
    assert claims == {"Finansiering från ESF"}


@pytest.mark.django_db
def test_adoption_needs_each_contradiction_fixed_or_acknowledged(demo_forbund):
    with scope(forbund=demo_forbund):
        report = get_or_create_report(demo_forbund, ReportKind.ANNUAL, 2024)
        save_texts(report, FIRST_DRAFT_2024, None)
        values = {
            "adopted_on": date(2025, 4, 2),
            "decision_reference": "Styrelsen 2025-04-02 § 3",
            "signatories": [SignatoryInput("Stina Styrelsedotter", "Ordförande")],
            "note": "Rättelse",
        }
        with pytest.raises(UnacknowledgedContradictions) as raised:
            adopt_annual_report(demo_forbund, 2024, None, **values)
        keys = [c.key for c in raised.value.contradictions]
        assert len(keys) == 5
        reasons = dict.fromkeys(keys, "Styrelsen behåller formuleringen.")
        version = adopt_annual_report(demo_forbund, 2024, None, acknowledgements=reasons, **values)
    with scopes_disabled():
        kept = AdoptedVersion.objects.get(pk=version.pk).acknowledged_contradictions
    assert {item["key"] for item in kept} == set(keys)
    assert all(item["reason"] == "Styrelsen behåller formuleringen." for item in kept)


@pytest.mark.django_db
def test_the_demo_adopted_2024_with_its_esf_history_acknowledged(demo_forbund):
    with scopes_disabled():
        version = AdoptedVersion.objects.filter(report__forbund=demo_forbund).first()
    assert [item["claim"] for item in version.acknowledged_contradictions] == [
        "Finansiering från ESF"
    ]


@pytest.mark.django_db
def test_the_report_page_shows_what_the_board_acknowledged(demo_forbund, client):
    from organisations.choices import Role
    from organisations.models import Membership

    with scopes_disabled():
        user = Membership.objects.filter(forbund=demo_forbund, role=Role.REVISOR).first().user
    client.force_login(user)
    url = reverse("reports:annual", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    page = client.get(url).content.decode()
    assert "1 godtagen avvikelse mellan text och siffror" in page
    assert "ESF-finansieringen av IPS gällde projektperioden 2021–2023" in page


@pytest.mark.django_db
def test_the_adoption_page_lists_the_contradictions_and_defaults_to_publication(
    demo_forbund, client
):
    from organisations.choices import Role
    from organisations.models import Membership

    with scopes_disabled():
        user = Membership.objects.filter(forbund=demo_forbund, role=Role.KANSLI).first().user
        report = get_or_create_report(demo_forbund, ReportKind.ANNUAL, 2025)
        save_texts(report, {"personal": "Förbundet har inga anställda."}, None)
    client.force_login(user)
    url = reverse("reports:adopt", kwargs={"forbund": demo_forbund.slug, "year": 2025})
    page = client.get(url).content.decode()
    assert "Texten säger emot siffrorna" in page
    assert "Inga anställda" in page
    assert re.search(r'name="publication" value="1"[^>]*checked', page)
    assert not re.search(r'name="publication" value="0"[^>]*checked', page)
    response = client.post(
        url,
        {
            "adopted_on": "2026-03-18",
            "decision_reference": "Styrelsen 2026-03-18 § 4",
            "signatories": "Stina Styrelsedotter, Ordförande, Norrby kommun",
            "publication": "1",
        },
    )
    assert response.status_code == 200
    assert "Rätta texten eller skriv varför styrelsen behåller den." in response.content.decode()


@pytest.mark.django_db
def test_the_texts_page_offers_the_sentences_and_fills_empty_sections(demo_forbund, client):
    from organisations.choices import Role
    from organisations.models import Membership

    with scopes_disabled():
        user = Membership.objects.filter(forbund=demo_forbund, role=Role.KANSLI).first().user
    client.force_login(user)
    url = reverse("reports:annual_texts", kwargs={"forbund": demo_forbund.slug, "year": 2023})
    page = client.get(url).content.decode()
    assert "Förslag ur årets siffror" in page
    filled = client.post(url, {"suggest": "1", "personal": ""}).content.decode()
    assert "Förbundet har anställd personal: lönekostnaderna uppgick till" in filled
    with scopes_disabled():
        assert not AdoptedVersion.objects.filter(report__year=2023).exists()
