"""The förbund's own ideal allocation against its actual allocation."""

from __future__ import annotations

from django.shortcuts import render

from organisations.access import forbund_view

from ..services.ideal import ROUNDING_METHOD, allocation_years, ideal_allocation
from . import can_manage


@forbund_view("economy.view", methods=("GET", "HEAD"))
def ideal(request, year: int | None = None):
    years = allocation_years()
    if year is None:
        year = years[0] if years else None
    result = ideal_allocation(request.forbund, year) if year else None
    history = []
    for other in years:
        entry = result if other == year else ideal_allocation(request.forbund, other)
        if entry is not None:
            history.append(entry)
    return render(
        request,
        "budget/ideal.html",
        {
            "year": year,
            "years": years,
            "ideal": result,
            "history": history,
            "can_manage": can_manage(request),
            "rounding_method": ROUNDING_METHOD,
        },
    )
