"""The notes a kommunal auditor expects (issue 9, item 5): redovisningsprinciper in full with
the rounding method, pension obligations and ansvarsförbindelse, audit cost with
räkenskapsrevision apart, and warnings where the books suggest a missing item."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.document import Paragraph
from organisations.choices import Role
from organisations.models import Membership
from reports.builders.notes import book_warnings
from reports.services.generation import annual_report_data, build


def texts(doc) -> list[str]:
    return [b.plain_text for b in doc.blocks if isinstance(b, Paragraph)]


@pytest.mark.django_db
def test_the_notes_state_the_principles_pensions_and_audit_cost(demo_forbund):
    doc = build(annual_report_data(demo_forbund, 2024))
    paragraphs = texts(doc)
    assert any(p.startswith("Regelverk.") and "R10 Pensioner" in p for p in paragraphs)
    assert any(p.startswith("Avrundning.") and "största delen" in p for p in paragraphs)
    assert any("ESF" in p and p.startswith("Medlemsbidrag och andra bidrag.") for p in paragraphs)
    (pension,) = [p for p in paragraphs if "Pensionsförpliktelser och ansvarsförbindelse" in p]
    assert pension.startswith("Not ") and "inga pensionskostnader" in pension
    (audit,) = [p for p in paragraphs if "Kostnad för revision." in p]
    assert "bokförd på 6550 Revision" in audit
    assert "Räkenskapsrevisionen går inte att skilja ut" in audit


@pytest.mark.django_db
def test_salaries_without_holiday_pay_debt_or_pension_are_warned_about(demo_forbund, client):
    data = annual_report_data(demo_forbund, 2024)
    warnings = book_warnings(data["statements"])
    assert len(warnings) == 2
    assert "ingen semesterlöneskuld" in warnings[0] and "5010 Löner kansli" in warnings[0]
    assert "ingen pensionskostnad" in warnings[1]
    with scopes_disabled():
        user = Membership.objects.filter(forbund=demo_forbund, role=Role.EKONOM).first().user
    client.force_login(user)
    page = client.get(
        reverse("reports:annual", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    ).content.decode()
    assert "Bokföringen tyder på att något saknas" in page


def test_books_without_salaries_give_no_warning():
    statements = {
        "noter": {
            "verksamhetens_kostnader": [
                {"konto": "5020", "namn": "Arvoden styrelse", "ar": -50000, "foregaende_ar": None}
            ]
        }
    }
    assert book_warnings(statements) == []
