"""The budget export cannot carry formulas and keeps amounts as numbers (issue 12)."""

from __future__ import annotations

import io
import zipfile

from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from budget.models import Budget, BudgetLine


def test_the_budget_export_quotes_line_names_and_keeps_amounts_numbers(world, clients):
    with scopes_disabled():
        budget = Budget.objects.get(forbund=world.a, year=2024)
        BudgetLine.objects.filter(budget=budget).update(name="@SUM(1+1)\x0b")
    path = reverse("budget:budget_export", kwargs={"forbund": "alfa", "year": 2024})
    response = clients["kansli"].get(path)
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert not any(
            b"<f>" in archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )
    sheet = load_workbook(io.BytesIO(response.content))["Budget"]
    row = next(sheet.iter_rows(min_row=2))
    assert (row[1].value, row[1].data_type) == ("'@SUM(1+1)", "s")
    assert row[4].data_type == "n"
