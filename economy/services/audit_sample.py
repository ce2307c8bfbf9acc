"""What the auditors draw from the imported books: a stratified random sample of vouchers
with a stored seed (the same seed gives the same sample again) and the cut-off list.

    sample = voucher_sample(forbund, 2024, seed=483920, size=25)
    late = cut_off_vouchers(forbund, 2024, days=15)

Strata by the voucher's amount (the sum of its debit rows): the largest third, the middle
third and the smallest third of the year's vouchers, each sampled at random (Python's
random.Random(seed)); the sample is shared out evenly between the strata, the rest to the
largest. Call inside scope(forbund=...).
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from ..models import Voucher
from .ledger_figures import financial_year_for
from .statements import NoBooksError

STRATA = ("stora", "mellan", "små")


def _vouchers(forbund, year: int):
    financial_year = financial_year_for(forbund, year)
    if financial_year is None:
        raise NoBooksError(forbund, year)
    vouchers = (
        Voucher.objects.filter(financial_year=financial_year)
        .annotate(debit=Sum("transactions__amount", filter=Q(transactions__amount__gt=0)))
        .order_by("date", "series", "number", "pk")
    )
    return financial_year, vouchers


def _row(voucher, stratum: str = "") -> dict[str, Any]:
    return {
        "serie": voucher.series,
        "nummer": voucher.number,
        "datum": voucher.date,
        "registrerad": voucher.registration_date,
        "text": voucher.text,
        "belopp": voucher.debit or Decimal(0),
        "stratum": stratum,
    }


def voucher_sample(forbund, year: int, *, seed: int, size: int = 25) -> list[dict[str, Any]]:
    """`size` vouchers of the year at random, stratified by amount; the same seed and books
    give the same sample."""
    _financial_year, vouchers = _vouchers(forbund, year)
    ordered = sorted(vouchers, key=lambda v: (-(v.debit or 0), v.pk))
    third = -(-len(ordered) // 3)
    strata = [ordered[:third], ordered[third : 2 * third], ordered[2 * third :]]
    shares = [size // 3] * 3
    shares[0] += size - sum(shares)
    generator = random.Random(seed)  # noqa: S311 - a reproducible audit sample, not a secret
    chosen: list[dict[str, Any]] = []
    for name, stratum, share in zip(STRATA, strata, shares, strict=True):
        for voucher in generator.sample(stratum, min(share, len(stratum))):
            chosen.append(_row(voucher, name))
    return sorted(chosen, key=lambda row: (row["datum"], row["serie"], row["nummer"]))


def cut_off_vouchers(forbund, year: int, *, days: int = 15) -> list[dict[str, Any]]:
    """Vouchers dated in the last `days` days of the financial year, or registered after
    its end (booked late into the year)."""
    financial_year, vouchers = _vouchers(forbund, year)
    first = financial_year.end - timedelta(days=days - 1)
    return [
        _row(v)
        for v in vouchers.filter(Q(date__gte=first) | Q(registration_date__gt=financial_year.end))
    ]
