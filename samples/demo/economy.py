"""Demo books for the demo förbund: five years (2021–2025) of SIE 4 files written in memory
(books.py) and imported through the same service as a real export, so the statements,
the driftredovisning and the checks show. Also the settings, staff and rules of the demo.

Called by `manage.py load_demo` after the participants (insatser FT, AP, IPS, KOMP) and the
budget (contributions and budgets with revisions, 2021–2028).
"""

from __future__ import annotations

from decimal import Decimal

from budget.models import Contribution
from economy.choices import CheckBasis
from economy.models import EconomySettings, StaffYear
from economy.services import import_sie
from organisations.choices import MemberKind, Role
from samples.demo.books import (
    ACCOUNTS,
    REGION,
    STATE,
    YearPlan,
    sie_file,
    vouchers_for,
)
from samples.sie_writer import balances_after, carry_forward

YEARS = range(2021, 2026)
OPENING_2021 = {
    "1930": Decimal("3150000.00"),
    "2010": Decimal("-3000000.00"),
    "2440": Decimal("-150000.00"),
}
# Årsarbetare (kansli, struktur, individ), as Roslagen's annual report 2023 tables them.
STAFF = {
    2021: ("1.5", "1.2", "9.0"),
    2022: ("2.0", "1.1", "7.2"),
    2023: ("1.8", "0.8", "8.7"),
    2024: ("1.8", "0.9", "8.4"),
    2025: ("1.9", "0.9", "8.6"),
}
FALLBACK_CONTRIBUTIONS = Decimal(6_000_000)


def contributions(forbund, year: int, accounts: dict[str, str]) -> list[tuple[str, str, Decimal]]:
    """The decided contributions (budget app) as (account, name, amount): the state on 3510,
    the region on 3520, each municipality on an account of its own from 3531."""
    rows = Contribution.objects.filter(forbund=forbund, year=year, decided__gt=0).select_related(
        "member"
    )
    by_account: dict[str, Decimal] = {}
    municipalities = sorted(
        {row.member.name for row in rows if row.member.kind == MemberKind.KOMMUN}
    )
    for row in rows:
        if row.member.kind == MemberKind.KOMMUN:
            account = str(3531 + municipalities.index(row.member.name))
            accounts[account] = f"Medlemsbidrag {row.member.name}"
        elif row.member.kind == MemberKind.REGION:
            account = REGION
        else:
            account = STATE
        by_account[account] = by_account.get(account, Decimal(0)) + Decimal(row.decided or 0)
    if not by_account:
        accounts["3530"] = "Medlemsbidrag kommunerna"
        half, quarter = FALLBACK_CONTRIBUTIONS / 2, FALLBACK_CONTRIBUTIONS / 4
        by_account = {STATE: half, REGION: quarter, "3530": quarter}
    return [(account, accounts[account], amount) for account, amount in sorted(by_account.items())]


def load(forbund, users) -> None:
    EconomySettings.objects.create(
        forbund=forbund,
        admin_object_codes="ADM",
        structural_object_codes="FORUM, KATALOG, KARTL",
        # Södra Roslagen's rule (plan 2018): administration at most a third of the budget.
        admin_share_basis=CheckBasis.BUDGET,
        admin_share_max_percent=Decimal("33.33"),
    )
    for year, (administration, structural, individual) in STAFF.items():
        StaffYear.objects.create(
            forbund=forbund,
            year=year,
            administration=Decimal(administration),
            structural=Decimal(structural),
            individual=Decimal(individual),
        )
    accounts = dict(ACCOUNTS)
    opening = dict(OPENING_2021)
    previous = None
    for year in YEARS:
        plan = YearPlan(
            year=year,
            contributions=contributions(forbund, year, accounts),
            vakans=year >= 2023,
            esf=year <= 2023,
            mapping_study=year >= 2023,
            evaluation=year == 2022,
        )
        vouchers = vouchers_for(plan, opening)
        data = sie_file(
            forbund.name,
            forbund.org_number or "222000-0000",
            year,
            accounts,
            opening,
            vouchers,
            previous,
        )
        import_sie(forbund, data, users.get(Role.EKONOM), file_name=f"demo-{year}.se")
        closing, result = balances_after(opening, vouchers)
        previous = (opening, closing, result)
        opening = carry_forward(closing, result)
