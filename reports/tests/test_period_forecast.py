"""The period report's full-year forecast and its RR and BR at the period's end (issue 9,
item 9), on the demo's tertial report T2 2025."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from docx import Document as open_docx

from core.models import AuditEvent
from economy.models import Transaction
from economy.services import statements_until
from economy.services.ledger_figures import books_for, financial_year_for
from organisations.choices import Role
from organisations.models import Membership
from reports.models import PeriodForecast
from reports.services.generation import period_report_data, report_file

from .report_tools import needs_pdftotext, normalise, pdf_text

YEAR, PERIOD, UNTIL = 2025, "t2", date(2025, 8, 31)


def login(client, forbund, role):
    with scopes_disabled():
        user = Membership.objects.filter(forbund=forbund, role=role).first().user
    client.force_login(user)


def forecast_url(forbund) -> str:
    return reverse(
        "reports:period_forecast",
        kwargs={"forbund": forbund.slug, "year": YEAR, "report_period": PERIOD},
    )


@pytest.mark.django_db
def test_the_forecast_defaults_to_the_budget(demo_forbund):
    data = period_report_data(demo_forbund, YEAR, PERIOD)
    forecast = data["forecast"]
    rows = {row["nyckel"]: row for row in data["operating"]["rader"]}
    assert forecast["angivna"] == []
    assert forecast["resultat"] == rows["resultat"]["budget_netto"] == -523_000
    for key, amount in forecast["rader"].items():
        assert amount == rows[key]["budget_netto"]


@needs_pdftotext
@pytest.mark.django_db
def test_the_ekonom_changes_a_line_and_the_forecast_result_follows(demo_forbund, client, tmp_path):
    login(client, demo_forbund, Role.EKONOM)
    page = client.get(forecast_url(demo_forbund))
    assert page.status_code == 200
    form = page.context["form"]
    posted = {"state": form["state"].initial}
    for _line, field in form.rows():
        posted[field.html_name] = str(field.initial)
    posted["prognos-insats:FT"] = "-2 072 000"  # 400 000 kr less in costs than budgeted
    response = client.post(forecast_url(demo_forbund), posted)
    assert response.status_code == 302
    with scopes_disabled():
        stored = list(PeriodForecast.objects.filter(forbund=demo_forbund))
        event = AuditEvent.objects.get(forbund=demo_forbund, action="report.forecast_saved")
    assert [(f.line, f.amount) for f in stored] == [("insats:FT", Decimal("-2072000.00"))]
    assert event.changes == {"FINSAM-team (FT)": ["-2472000.00", "-2072000.00"]}
    data = period_report_data(demo_forbund, YEAR, PERIOD)
    assert data["forecast"]["resultat"] == -523_000 + 400_000
    assert data["forecast"]["rader"]["individinriktad"] == -4_944_000 + 400_000
    assert data["forecast"]["angivna"] == ["insats:FT"]

    text = " ".join(pdf_text(report_file(data, "pdf"), tmp_path).split())
    assert "Prognosen för helåret 2025 är ett resultat på -123 tkr" in text
    assert "400 tkr bättre än budget" in text
    assert "Resultat -523 -123 -349 776" in text
    docx = open_docx(io.BytesIO(report_file(data, "docx")))
    table = next(t for t in docx.tables if "Prognos" in t.rows[0].cells[2].text)
    result = [normalise(cell.text) for cell in table.rows[-1].cells]
    assert result[:3] == ["Resultat", "-523", "-123"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.STYRELSE, Role.REVISOR, Role.INSATSANSVARIG])
def test_only_the_economy_roles_forecast(demo_forbund, client, role):
    login(client, demo_forbund, role)
    assert client.get(forecast_url(demo_forbund)).status_code == 403


@pytest.mark.django_db
def test_rr_and_br_at_the_period_end_tie_with_the_books(demo_forbund):
    document = statements_until(demo_forbund, YEAR, UNTIL)
    with scope(forbund=demo_forbund):
        year = financial_year_for(demo_forbund, YEAR)
        opening = books_for(year)[0].opening
        moved = dict(
            Transaction.objects.filter(
                financial_year=year, voucher__date__gte=year.start, voucher__date__lte=UNTIL
            )
            .values("account__number")
            .annotate(total=Sum("amount"))
            .values_list("account__number", "total")
        )
    # The period's result: every result account (classes 3–8) booked up to the cut-off.
    result = -sum((amount for number, amount in moved.items() if number[0] in "345678"), 0)
    assert document["resultatrakning"]["arets_resultat"]["ar"] == result
    # Cash at the cut-off: the opening balance of the bank accounts and what moved on them.
    cash = sum(
        (opening.get(n, 0) + moved.get(n, 0) for n in {*opening, *moved} if n.startswith("19")),
        Decimal(0),
    )
    br = document["balansrakning"]
    assert br["kassa_och_bank"]["ar"] == cash
    assert br["summa_tillgangar"]["ar"] == br["summa_eget_kapital_avsattningar_och_skulder"]["ar"]
    assert br["eget_kapital"]["ar"] == br["eget_kapital"]["foregaende_ar"] + result
    # A later cut-off moves the books on: the year's statements are the same books to 31/12.
    later = statements_until(demo_forbund, YEAR, date(2025, 12, 31))
    assert later["resultatrakning"]["arets_resultat"]["ar"] != result
