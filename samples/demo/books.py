"""The demo förbund's books: a year of vouchers written as a SIE 4 file by the shared writer
(samples/sie_writer.py: CP437, #RAR 0 and −1, #IB/#UB/#RES that agree with the vouchers).

The year is shaped like Roslagen 2023 (its report; about 6 mkr from the members): a kansli of about
two årsarbetare, purchased services per insats from the members (dimension 6 = the insats
code), ESF money for IPS paid in arrears, a loaned-out economist invoiced each quarter, and
December invoices left as debts. Deterministic: the same year gives the same file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from samples.sie_writer import (
    Books,
    Transaction,
    Voucher,
    write_sie,
)

ACCOUNTS = {
    "1220": "Inventarier",
    "1229": "Ackumulerade avskrivningar inventarier",
    "1510": "Kundfordringar",
    "1790": "Upplupna intäkter",
    "1930": "Bank",
    "2010": "Eget kapital",
    "2440": "Leverantörsskulder",
    "2730": "Upplupna sociala avgifter",
    "2990": "Upplupna kostnader",
    "3510": "Medlemsbidrag staten (FK/AF)",
    "3520": "Medlemsbidrag region",
    "3590": "Ersättning utlånad personal",
    "3591": "Bidrag Europeiska socialfonden",
    "4010": "Köpta tjänster från medlemmar",
    "4020": "Köpta IT-tjänster",
    "4030": "Deltagaraktiviteter",
    "4090": "Utvärdering",
    "5010": "Löner kansli",
    "5020": "Arvoden styrelse",
    "5410": "Arbetsgivaravgifter",
    "6110": "Lokalhyra",
    "6410": "Kontorsmaterial",
    "6550": "Revision",
    "6570": "Bankkostnader",
    "6981": "Medlemsavgift NNS",
    "7830": "Avskrivningar inventarier",
    "8410": "Ränteintäkter",
}
OBJECTS = {
    "ADM": "Kansli, styrelse och revision",
    "FT": "FINSAM-team",
    "AP": "Aktivitetsplatsen",
    "IPS": "IPS i psykosvården",
    "KOMP": "Kompetensutveckling i samverkan",
    "FORUM": "Gemensamma forum",
    "KATALOG": "Insatskatalog",
    "KARTL": "Kartläggning unga vuxna 16-29 år",  # CP437 has no en dash
}
STATE, REGION = "3510", "3520"
EMPLOYER_FEE = Decimal("0.3142")
CENT = Decimal("0.01")


# The demo books are rows and vouchers of the shared SIE writer.
Row = Transaction
DemoVoucher = Voucher


@dataclass
class YearPlan:
    """What the demo year holds; amounts in kronor."""

    year: int
    contributions: list[tuple[str, str, Decimal]]  # (account, its name, yearly amount)
    vakans: bool = False  # FT short of staff (the budget's revision)
    esf: bool = False
    mapping_study: bool = False
    evaluation: bool = False


def money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


# What last year left open is settled early in the year: (account, month, text).
SETTLEMENTS = (
    ("1510", 1, "Inbetalning utlånad ekonom, fjärde kvartalet"),
    ("1790", 2, "Utbetalt ESF-bidrag, fjärde kvartalet"),
    ("2440", 1, "Betalning av decemberfakturor"),
    ("2730", 1, "Sociala avgifter för december"),
    ("2990", 3, "Betalning revision"),
)


class YearWriter:
    def __init__(self, plan: YearPlan, opening: dict[str, Decimal]) -> None:
        self.plan = plan
        self.opening = opening
        self.rng = random.Random(plan.year)
        self.vouchers: list[DemoVoucher] = []

    def book(self, series: str, day: date, text: str, *rows: Row) -> None:
        self.vouchers.append(DemoVoucher(series, day, text, list(rows)))

    def on(self, code: str) -> tuple[tuple[int, str], ...]:
        return ((6, code),) if code else ()

    def vary(self, amount: float, spread: float = 0.08) -> Decimal:
        return money(round(amount * (1 + self.rng.uniform(-spread, spread)), -2))

    def write(self) -> list[DemoVoucher]:
        y = self.plan.year
        self._settle(y)
        self._contributions(y)
        self._loaned_economist(y)
        if self.plan.esf:
            self._esf(y)
        self._kansli(y)
        self._insatser(y)
        self._year_end(y)
        self.vouchers.sort(key=lambda voucher: (voucher.day, voucher.series))
        return self.vouchers

    def _settle(self, y: int) -> None:
        for account, month, text in SETTLEMENTS:
            amount = self.opening.get(account, Decimal(0))
            if amount:
                self.book("A", date(y, month, 20), text, Row("1930", amount), Row(account, -amount))

    def _contributions(self, y: int) -> None:
        for account, name, amount in self.plan.contributions:
            half = money(amount / 2)
            for month in (1, 7):
                self.book(
                    "A",
                    date(y, month, 28),
                    f"{name}, halvår",
                    Row("1930", half),
                    Row(account, -half),
                )

    def _loaned_economist(self, y: int) -> None:
        for quarter in range(4):
            invoice = date(y, 3 * quarter + 3, 28)
            self.book(
                "B",
                invoice,
                "Faktura utlånad ekonom",
                Row("1510", money(37_500)),
                Row("3590", money(-37_500)),
            )
            if quarter < 3:
                paid = date(y, 3 * quarter + 4, 25)
                self.book(
                    "A",
                    paid,
                    "Inbetalning utlånad ekonom",
                    Row("1930", money(37_500)),
                    Row("1510", money(-37_500)),
                )

    def _esf(self, y: int) -> None:
        for quarter in range(4):
            amount = self.vary(105_000, 0.1)
            self.book(
                "C",
                date(y, 3 * quarter + 3, 30),
                "Upplupet ESF-bidrag IPS",
                Row("1790", amount),
                Row("3591", -amount, self.on("IPS")),
            )
            if quarter < 3:
                self.book(
                    "A",
                    date(y, 3 * quarter + 5, 15),
                    "Utbetalt ESF-bidrag",
                    Row("1930", amount),
                    Row("1790", -amount),
                )

    def _kansli(self, y: int) -> None:
        adm = self.on("ADM")
        growth = 1.03 ** (y - 2021)
        for month in range(1, 13):
            gross = money(round(82_000 * growth, -2))
            fee = (gross * EMPLOYER_FEE).quantize(CENT)
            day = date(y, month, 25)
            fee_account = "2730" if month == 12 else "1930"
            self.book(
                "L",
                day,
                "Löner kansliet",
                Row("5010", gross, adm),
                Row("5410", fee, adm),
                Row("1930", -gross),
                Row(fee_account, -fee),
            )
            self.book(
                "B",
                date(y, month, 1),
                "Lokalhyra kansliet",
                Row("6110", money(8_000), adm),
                Row("1930", money(-8_000)),
            )
            material = self.vary(1_500, 0.4)
            self.book(
                "B",
                date(y, month, 15),
                "Kontorsmaterial",
                Row("6410", material, adm),
                Row("1930", -material),
            )
        for quarter in range(4):
            fees = money(37_500)
            self.book(
                "L",
                date(y, 3 * quarter + 3, 20),
                "Arvoden styrelsen",
                Row("5020", fees, adm),
                Row("1930", -fees),
            )
        self.book(
            "B",
            date(y, 2, 10),
            "Medlemsavgift NNS",
            Row("6981", money(12_000), adm),
            Row("1930", money(-12_000)),
        )
        self.book(
            "B",
            date(y, 12, 31),
            "Upplupen revision",
            Row("6550", money(65_000), adm),
            Row("2990", money(-65_000)),
        )
        charges = money(1_200)
        self.book(
            "B", date(y, 12, 31), "Bankkostnader", Row("6570", charges), Row("1930", -charges)
        )
        if y == 2021:
            self.book(
                "B",
                date(y, 2, 15),
                "Inköp möbler och datorer",
                Row("1220", money(60_000)),
                Row("1930", money(-60_000)),
            )
        if y <= 2025:
            self.book(
                "C",
                date(y, 12, 31),
                "Årets avskrivning inventarier",
                Row("7830", money(12_000), adm),
                Row("1229", money(-12_000)),
            )

    def _purchase(
        self,
        y: int,
        month: int,
        code: str,
        account: str,
        amount: Decimal,
        text: str,
        unpaid: bool = False,
    ) -> None:
        day = date(y, month, 28)
        self.book("B", day, text, Row(account, amount, self.on(code)), Row("2440", -amount))
        if not unpaid:
            paid = date(y, month, 28) if month == 12 else date(y, month + 1, 20)
            self.book("A", paid, f"Betalning: {text}", Row("2440", amount), Row("1930", -amount))

    def _insatser(self, y: int) -> None:
        growth = 1.03 ** (y - 2024)
        team = 2_400_000 * growth - (300_000 if self.plan.vakans else 0)
        ips = 880_000 * growth if y > 2021 else 660_000  # IPS started in March 2021
        for quarter in range(4):
            month = 3 * quarter + 3
            self._purchase(
                y,
                month,
                "FT",
                "4010",
                self.vary(team / 4, 0.05),
                "Personal FINSAM-team, kvartal",
                unpaid=month == 12,
            )
            self._purchase(
                y,
                month,
                "IPS",
                "4010",
                self.vary(ips / 4, 0.05),
                "IPS-coacher, kvartal",
                unpaid=month == 12,
            )
        for month in range(1, 13):
            self._purchase(
                y,
                month,
                "AP",
                "4010",
                self.vary(118_000 * growth, 0.04),
                "Personal Aktivitetsplatsen",
            )
            self._purchase(
                y, month, "AP", "4030", self.vary(8_000, 0.3), "Aktiviteter Aktivitetsplatsen"
            )
            self._purchase(
                y,
                month,
                "KATALOG",
                "4020",
                self.vary(12_000 * growth, 0.05),
                "Drift och redaktör insatskatalogen",
            )
        if y >= 2022:
            for month in (3, 5, 10, 11):
                self._purchase(
                    y,
                    month,
                    "KOMP",
                    "4010",
                    self.vary(70_000 * growth, 0.15),
                    "Kompetensdag i samverkan",
                )
        for month in (4, 10):
            self._purchase(
                y,
                month,
                "FORUM",
                "4010",
                self.vary(65_000 * growth, 0.15),
                "Gemensamt forum för medlemmarnas chefer",
            )
        if self.plan.mapping_study:
            self._purchase(
                y,
                11,
                "KARTL",
                "4010",
                self.vary(180_000, 0.1),
                "Kartläggning unga vuxna",
                unpaid=True,
            )
        if self.plan.evaluation:
            self._purchase(y, 6, "", "4090", money(130_000), "Socioekonomisk utvärdering")

    def _year_end(self, y: int) -> None:
        interest = self.vary(4_000, 0.5)
        self.book(
            "C",
            date(y, 12, 31),
            "Ränta på bankkonto",
            Row("1930", interest),
            Row("8410", -interest),
        )


def vouchers_for(plan: YearPlan, opening: dict[str, Decimal]) -> list[DemoVoucher]:
    return YearWriter(plan, opening).write()


def sie_file(
    forbund_name: str,
    org_number: str,
    year: int,
    accounts: dict[str, str],
    opening: dict[str, Decimal],
    vouchers: list[DemoVoucher],
    previous: tuple[dict[str, Decimal], dict[str, Decimal], dict[str, Decimal]] | None,
) -> bytes:
    """The year as a SIE 4E file (CP437). `previous`: (IB, UB, RES) of the year before."""
    return write_sie(
        Books(
            program="Samordna demo",
            company=forbund_name,
            org_number=org_number,
            year=year,
            generated=date(year + 1, 2, 15),
            accounts=accounts,
            objects=OBJECTS,
            opening=opening,
            vouchers=vouchers,
            previous=previous,
        )
    )
