"""Member contributions accrued per period in the period report (issue 9, item 9).

A förbund invoices the members' contributions for the whole year in January: booked as they
are, a tertial report's result to date holds eight months' worth of extra income (the demo's
T2 2025: about 2 333 tkr). The contributions belong to the year evenly, so the period
report shows the decided contributions × months / 12 (the budget's contributions, or what
is booked when there is no budget), and says what was booked in advance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

CONTRIBUTIONS = "medlemsbidrag"
RESULT = "resultat"


def accrue_contributions(operating: dict[str, Any] | None, months: int) -> dict[str, Any] | None:
    """The operating statement (JSON, to the period's end) with the contributions row and the
    result accrued; `periodisering` tells what was booked and what belongs to the period."""
    if operating is None or months >= 12:
        return operating
    rows = {row["nyckel"]: row for row in operating["rader"]}
    row = rows.get(CONTRIBUTIONS)
    if row is None or not row["intakter"]:
        return operating
    booked = Decimal(str(row["intakter"]))
    annual = Decimal(str(row["budget_intakter"])) if row.get("budget_intakter") else booked
    accrued = (annual * months / 12).quantize(Decimal("0.01"))
    delta = accrued - booked
    if delta == 0:
        return operating
    for key in (CONTRIBUTIONS, RESULT):
        target = rows.get(key)
        if target is None:
            continue
        target["intakter"] = float(Decimal(str(target["intakter"])) + delta)
        target["netto"] = float(Decimal(str(target["netto"])) + delta)
        if target.get("avvikelse") is not None:
            target["avvikelse"] = float(Decimal(str(target["avvikelse"])) + delta)
    operating["periodisering"] = {
        "bokfort": float(booked),
        "arsbelopp": float(annual),
        "periodens_del": float(accrued),
        "manader": months,
    }
    return operating
