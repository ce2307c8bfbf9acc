"""The demo förbund's books: a year of vouchers written as a SIE 4 file, as an accounting
system would export it (CP437, #RAR 0 and −1, #IB/#UB/#RES that agree with the vouchers).

The year is shaped like seed 000 (Roslagen, about 6 mkr from the members): a kansli of about
two årsarbetare, purchased services per insats from the members (dimension 6 = the insats
code), ESF money for IPS paid in arrears, a loaned-out economist invoiced each quarter, and
December invoices left as debts. Deterministic: the same year gives the same file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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


@dataclass
class Row:
    account: str
    amount: Decimal
    objects: tuple[tuple[int, str], ...] = ()


@dataclass
class DemoVoucher:
    series: str
    day: date
    text: str
    rows: list[Row] = field(default_factory=list)


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
        self.rng = random.Random(plan.year)  # noqa: S311 (demo figures, not secrets)
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


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def balances_after(
    opening: dict[str, Decimal], vouchers: list[DemoVoucher]
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(closing balances of the balance accounts, result accounts' totals)."""
    closing = dict(opening)
    result: dict[str, Decimal] = {}
    for voucher in vouchers:
        for row in voucher.rows:
            target = closing if row.account[0] in "12" else result
            target[row.account] = target.get(row.account, Decimal(0)) + row.amount
    return closing, result


def carry_forward(closing: dict[str, Decimal], result: dict[str, Decimal]) -> dict[str, Decimal]:
    """Next year's opening balances: the result booked to equity (2010). A surplus is a
    credit (negative) sum of the result accounts, and equity is a credit balance."""
    opening = dict(closing)
    opening["2010"] = opening.get("2010", Decimal(0)) + sum(result.values(), Decimal(0))
    return opening


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
    closing, result = balances_after(opening, vouchers)
    lines = [
        "#FLAGGA 0",
        '#PROGRAM "Samordna demo" 1.0',
        "#FORMAT PC8",
        f"#GEN {year + 1}0215",
        "#SIETYP 4",
        f"#ORGNR {org_number}",
        f"#FNAMN {_quoted(forbund_name)}",
        f"#RAR 0 {year}0101 {year}1231",
    ]
    if previous is not None:
        lines.append(f"#RAR -1 {year - 1}0101 {year - 1}1231")
    lines.append("#KPTYP BAS2014")
    for number in sorted(accounts):
        lines.append(f"#KONTO {number} {_quoted(accounts[number])}")
    lines.append('#DIM 6 "Projekt"')
    for code, name in OBJECTS.items():
        lines.append(f"#OBJEKT 6 {code} {_quoted(name)}")

    def balance_lines(label: str, index: int, amounts: dict[str, Decimal]) -> None:
        for number in sorted(amounts):
            lines.append(f"#{label} {index} {number} {_amount(amounts[number])}")

    if previous is not None:
        previous_opening, previous_closing, previous_result = previous
        balance_lines("IB", -1, previous_opening)
        balance_lines("UB", -1, previous_closing)
        balance_lines("RES", -1, previous_result)
    balance_lines("IB", 0, opening)
    balance_lines("UB", 0, closing)
    balance_lines("RES", 0, result)
    numbers: dict[str, int] = {}
    for voucher in vouchers:
        numbers[voucher.series] = numbers.get(voucher.series, 0) + 1
        lines.append(
            f"#VER {voucher.series} {numbers[voucher.series]} {voucher.day:%Y%m%d} "
            f"{_quoted(voucher.text)}"
        )
        lines.append("{")
        for row in voucher.rows:
            objects = " ".join(f'{dimension} "{code}"' for dimension, code in row.objects)
            lines.append(f"#TRANS {row.account} {{{objects}}} {_amount(row.amount)}")
        lines.append("}")
    return ("\r\n".join(lines) + "\r\n").encode("cp437")
