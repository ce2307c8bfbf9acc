"""Plausible files for a förbund: a participant file and SIE 4 books, made from a seed.

Used by the reports' tests (the fixture förbund is set up through the real import services
from these files), the benchmark and the demo. The books follow Kommun-Bas ranges and tag
every cost with its insats (SIE dimension 6 "Projekt"; ADM for administration), as the
driftredovisning needs. Nothing here writes to the database.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from participants.rules import FILE_SPELLING
from samples.participant_rows import INSATS_COLUMNS, csv_bytes
from samples.sie_writer import Books, Transaction, Voucher, balances_after, carry_forward, write_sie

ADMIN_CODE = "ADM"


@dataclass(frozen=True)
class InsatsSpec:
    code: str
    name: str
    individual: bool
    yearly_cost: int  # kronor
    yearly_participants: int = 0  # new participations per year (individual only)


@dataclass(frozen=True)
class MemberSpec:
    name: str
    account: str
    contribution: int  # kronor per year


@dataclass
class BooksSpec:
    """What a year's books should contain (kronor; costs positive)."""

    company: str
    org_number: str
    year: int
    members: Sequence[MemberSpec]
    insatser: Sequence[InsatsSpec]
    admin_costs: int
    esf_income: int = 0
    other_income: int = 0
    opening: dict[str, Decimal] = field(default_factory=dict)  # SIE signs (debit positive)
    seed: int = 1


ACCOUNTS = {
    "1510": "Kundfordringar",
    "1640": "Momsfordran",
    "1790": "Upplupna intäkter",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2440": "Leverantörsskulder",
    "2990": "Upplupna kostnader",
    "3610": "Bidrag från Europeiska socialfonden",
    "3690": "Ersättning för utlånad personal",
    "4610": "Köp av verksamhet från medlemmar",
    "4620": "Arbetsträningsplatser och deltagaraktiviteter",
    "5010": "Lokalhyra",
    "6110": "Kontorsmaterial",
    "6420": "Revision",
    "6540": "IT-tjänster",
    "7010": "Styrelsearvoden",
    "7690": "Övriga kostnader",
}
# Administration split over accounts (share of admin costs).
ADMIN_ACCOUNTS = (
    ("4610", 0.70),
    ("5010", 0.08),
    ("6420", 0.05),
    ("6540", 0.05),
    ("7010", 0.09),
    ("7690", 0.03),
)


def sie_books(spec: BooksSpec) -> tuple[bytes, dict[str, Decimal]]:
    """A SIE 4 file (CP437, #FORMAT PC8) for the year, and the closing balances (UB) of the
    balance accounts with the year's result added to equity, for the next year's #IB."""
    rng = random.Random(spec.seed * 1000 + spec.year)
    year = spec.year
    vouchers: list[tuple[date, str, list[tuple[str, Decimal, str | None]]]] = []

    def month_day(month: int, day: int = 25) -> date:
        return date(year, month, min(day, 28))

    # Contributions: four quarterly payments per member.
    for member in spec.members:
        quarter = Decimal(member.contribution) / 4
        for month in (1, 4, 7, 10):
            vouchers.append(
                (
                    month_day(month, 15),
                    f"Medlemsbidrag {member.name}",
                    [("1930", quarter, None), (member.account, -quarter, None)],
                )
            )
    # ESF: paid in arrears; the last part is accrued at year end.
    if spec.esf_income:
        paid = Decimal(spec.esf_income) * Decimal("0.7")
        vouchers.append(
            (month_day(6), "Utbetalning ESF", [("1930", paid, None), ("3610", -paid, None)])
        )
        accrued = Decimal(spec.esf_income) - paid
        vouchers.append(
            (
                date(year, 12, 31),
                "Upplupen intäkt ESF",
                [("1790", accrued, None), ("3610", -accrued, None)],
            )
        )
    if spec.other_income:
        income = Decimal(spec.other_income)
        vouchers.append(
            (
                month_day(11),
                "Fakturerad utlånad personal",
                [("1510", income, None), ("3690", -income, None)],
            )
        )
        vouchers.append(
            (
                month_day(12, 20),
                "Betalning kundfaktura",
                [("1930", income, None), ("1510", -income, None)],
            )
        )

    def monthly_costs(total: int, code: str, accounts: Sequence[tuple[str, float]]) -> None:
        remaining = Decimal(total)
        for month in range(1, 13):
            if month == 12:
                amount = remaining
            else:
                amount = (Decimal(total) / 12 * Decimal(str(rng.uniform(0.85, 1.15)))).quantize(
                    Decimal("0.01")
                )
                remaining -= amount
            split_left = amount
            for index, (account, share) in enumerate(accounts):
                part = (
                    split_left
                    if index == len(accounts) - 1
                    else (amount * Decimal(str(share))).quantize(Decimal("0.01"))
                )
                split_left -= part
                if month == 12:  # December is accrued (upplupen kostnad)
                    vouchers.append(
                        (
                            date(year, 12, 31),
                            f"Upplupen kostnad {code}",
                            [(account, part, code), ("2990", -part, None)],
                        )
                    )
                else:
                    vouchers.append(
                        (
                            month_day(month, 10 + index),
                            f"Faktura {code} {month:02d}",
                            [(account, part, code), ("2440", -part, None)],
                        )
                    )
                    vouchers.append(
                        (
                            month_day(month, 27),
                            f"Betalning {code} {month:02d}",
                            [("2440", part, None), ("1930", -part, None)],
                        )
                    )

    monthly_costs(spec.admin_costs, ADMIN_CODE, ADMIN_ACCOUNTS)
    for insats in spec.insatser:
        accounts = (
            (("4610", 0.85), ("4620", 0.15))
            if insats.individual
            else (("4610", 0.6), ("7690", 0.4))
        )
        monthly_costs(insats.yearly_cost, insats.code, accounts)
    # Last year's accruals are settled in January.
    for account in ("1790", "2990"):
        opening = spec.opening.get(account, Decimal(0))
        if opening:
            vouchers.append(
                (
                    month_day(1, 20),
                    f"Reglering {ACCOUNTS[account].lower()} föregående år",
                    [(account, -opening, None), ("1930", opening, None)],
                )
            )
    vouchers.sort(key=lambda v: v[0])

    members = {m.account: f"Medlemsbidrag {m.name}" for m in spec.members}
    objects = {ADMIN_CODE: "Administration"} | {i.code: i.name for i in spec.insatser}
    books = Books(
        program="Samordna testdata",
        company=spec.company,
        org_number=spec.org_number,
        year=year,
        generated=date(year + 1, 2, 15),
        accounts={**ACCOUNTS, **members},
        objects=objects,
        opening=spec.opening,
        vouchers=[
            Voucher(
                "A",
                day,
                text,
                [
                    Transaction(account, amount, ((6, code),) if code else ())
                    for account, amount, code in rows
                ],
            )
            for day, text, rows in vouchers
        ],
    )
    content = write_sie(books)
    closing = carry_forward(*balances_after(spec.opening, books.vouchers))
    return content, {k: v for k, v in closing.items() if v}


# --- Participants ------------------------------------------------------------------------

END_REASONS = (
    ("arbete", 0.22),
    ("studier", 0.10),
    ("arbetssökande", 0.12),
    ("fortsatt rehabilitering", 0.25),
    ("sjukdom", 0.18),
    ("annat", 0.08),
    ("", 0.05),
)
EDUCATIONS = (("grundskola", 0.33), ("gymnasium", 0.4), ("eftergymnasial", 0.22), ("", 0.05))
GENDERS = (("kvinna", 0.58), ("man", 0.40), ("ej angivet", 0.02))
REFERRERS = tuple(FILE_SPELLING["inremitterande_part"].values())


def _pick(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    value = rng.random()
    for option, weight in options:
        value -= weight
        if value <= 0:
            return option
    return options[-1][0]


def participant_rows(
    insatser: Iterable[InsatsSpec],
    years: Sequence[int],
    *,
    seed: int = 1,
    scale: float = 1.0,
    municipalities: Sequence[str] = ("Norrby", "Söderås"),
) -> list[dict[str, str]]:
    """Rows of the participant file (docs/format/deltagarfil.md) for the individual insatser.

    Each insats gets about `yearly_participants × scale` new participations a year, each
    lasting 2–18 months; those still running after the last year have no end.
    """
    rng = random.Random(seed)
    rows = []
    person = 0
    last_day = date(max(years), 12, 31)
    for insats in insatser:
        if not insats.individual:
            continue
        for year in years:
            for _ in range(max(1, round(insats.yearly_participants * scale))):
                person += 1
                start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                end = start + timedelta(days=rng.randrange(60, 540))
                ended = end <= last_day
                reason = _pick(rng, END_REASONS) if ended else ""
                rows.append(
                    {
                        "deltagar_id": f"P{seed:02d}-{person:06d}",
                        "insats": insats.code,
                        "kon": _pick(rng, GENDERS),
                        "fodelsear": str(start.year - rng.choice(range(17, 64))),
                        "utbildning": _pick(rng, EDUCATIONS),
                        "inremitterande_part": rng.choice(REFERRERS),
                        "kommun": rng.choice(list(municipalities)),
                        "startdatum": start.isoformat(),
                        "slutdatum": end.isoformat() if ended else "",
                        "avslutsorsak": reason,
                        "egen_forsorjning_12_man": "",
                    }
                )
    return rows


def participant_csv(rows: Iterable[dict[str, str]]) -> bytes:
    return csv_bytes(list(rows))


def insats_csv(insatser: Iterable[InsatsSpec], start: date) -> bytes:
    rows = [
        {
            "kod": insats.code,
            "namn": insats.name,
            "typ": "individinriktad" if insats.individual else "strukturinriktad",
            "startdatum": start.isoformat(),
            "slutdatum": "",
        }
        for insats in insatser
    ]
    return csv_bytes(rows, header=INSATS_COLUMNS)
