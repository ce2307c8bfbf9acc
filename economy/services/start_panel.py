"""The economy panel on the förbund's start page."""

from __future__ import annotations

from ..choices import CheckStatus
from ..models import FinancialYear
from .checks import run_checks
from .statements import statements_for


def start_panel_context(request) -> dict | None:
    latest = FinancialYear.objects.filter(forbund=request.forbund).first()
    if latest is None:
        return {"template": "economy/_start_panel.html", "latest": None}
    current, _previous = statements_for(request.forbund, latest.year)
    checks = run_checks(request.forbund, latest.year)
    return {
        "template": "economy/_start_panel.html",
        "latest": latest,
        "result": current.income.result,
        "equity": current.closing.equity,
        "failing": [check for check in checks if check.status == CheckStatus.NOT_MET],
    }
