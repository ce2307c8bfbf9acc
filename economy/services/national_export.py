"""The national export: everything a förbund registers in Uppföljning Finsam for a year.

docs/format/uppfoljning-finsam.md is the contract. One document, from the förbund's own data:

- `medel`: allocated funds per group (the decided member contributions: staten, region,
  kommuner), equity at the start and end of the year (the books' balance sheets),
  administration budget (the budget with its revisions) and outcome (the driftredovisning);
- `insatser`: every insats that ran some time in the year, or has participants in it, with
  type, inriktning, målgrupp, budget, outcome, budgeted participants and participants by
  kön: persons for an individinriktad insats, the entered aggregate for a strukturinriktad
  one (participants.services.national_export).

Amounts are whole kronor (half away from zero); `None` (null, an empty cell) where the
förbund has no data: no budget, no books, no decided contribution in a group. Counts are
exact by default (what the förbund types into the register); `publication=True` applies
small-count suppression (core.suppression), each type of insats as one table.

    document = national_document(forbund, 2023)                 # the JSON of the spec
    NationalExporter(document).render("xlsx")   # sheets Förbund, Insatser, Förklaring
    NationalExporter(document).render("csv")    # the Insatser rows
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.utils.translation import gettext_lazy
from django_scopes import scope

from budget.choices import BudgetCategory
from budget.services import budget_for_year, contributions_for_year
from budget.services.contributions import GROUPS, group_of
from core.suppression import Table, suppress
from core.tabular import Sheet
from core.tabular.exporters import Exporter, register
from core.tabular.writing import write_csv
from participants.choices import TOTAL, InterventionKind
from participants.services.national_export import national_participants
from participants.services.statistics import GENDERS

from .operating import operating_statement
from .outcome import ADMINISTRATION
from .statements import NoBooksError, statements_for

Document = dict[str, Any]

MONEY_KEYS = (
    "tilldelade_stat",
    "tilldelade_region",
    "tilldelade_kommuner",
    "eget_kapital_ingaende",
    "eget_kapital_utgaende",
    "administration_budget",
    "administration_utfall",
)
GROUP_KEYS = {"staten": "tilldelade_stat", "region": "tilldelade_region"}
GROUP_KEYS["kommuner"] = "tilldelade_kommuner"
CELL_KEYS = (*GENDERS, TOTAL)
INSATS_COLUMNS = (
    "kod",
    "namn",
    "typ",
    "inriktning",
    "malgrupp",
    "budget",
    "utfall",
    "budgeterat_antal_deltagare",
    *(f"deltagare_{key}" for key in CELL_KEYS),
)

# The explanation sheet: every field, in Swedish (the people who type it into the register).
FIELD_NOTES: tuple[tuple[str, str], ...] = (
    ("tilldelade_stat", "Statens beslutade medlemsbidrag för året (Försäkringskassan), kr."),
    ("tilldelade_region", "Regionens beslutade medlemsbidrag för året, kr."),
    ("tilldelade_kommuner", "Kommunernas beslutade medlemsbidrag för året, sammanlagt, kr."),
    ("eget_kapital_ingaende", "Eget kapital vid årets början enligt bokföringen, kr."),
    ("eget_kapital_utgaende", "Eget kapital vid årets slut enligt bokföringen, kr."),
    ("administration_budget", "Budget för administration efter ändringsbeslut, kr."),
    ("administration_utfall", "Bokförda kostnader för administration (driftredovisningen), kr."),
    ("kod", "Insatsens kod i Samordna."),
    ("namn", "Insatsens namn."),
    ("typ", "individinriktad eller strukturinriktad (i registret: strukturövergripande)."),
    ("inriktning", "Insatsens inriktning som den angetts på insatsen."),
    ("malgrupp", "Insatsens målgrupp som den angetts på insatsen."),
    ("budget", "Budgeterade kostnader för insatsen under året efter ändringsbeslut, kr."),
    ("utfall", "Bokförda kostnader för insatsen under året (driftredovisningen), kr."),
    ("budgeterat_antal_deltagare", "Förväntat antal deltagare enligt insatsen."),
    (
        "deltagare_*",
        "Individinriktad insats: personer (inte deltaganden) med minst ett deltagande aktivt "
        "någon dag under året, var och en en gång, med könet från sitt senaste deltagande i "
        "insatsen (senast startdatum, sedan senast slutdatum). Strukturinriktad insats: "
        "antalet deltagare som angetts för året. Tomt: inget angivet.",
    ),
    (
        "skillnad mot statistiken",
        "Deltagarstatistiken räknar deltaganden: en person som deltagit två gånger i samma "
        "insats räknas två gånger där men en gång här.",
    ),
    ("tomt", "Förbundet har inga uppgifter (ingen budget, ingen bokföring, inget beslutat)."),
    ("<5", "Endast i publiceringsläge: 1–4 (små antal visas inte)."),
    ("..", "Endast i publiceringsläge: döljs så att ett litet antal inte kan räknas fram."),
)


def kronor(value: Decimal | int | None) -> int | None:
    """Whole kronor, half away from zero (None stays None)."""
    if value is None:
        return None
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _money(
    forbund, year: int
) -> tuple[dict[str, int | None], dict[int, int] | None, dict[str, int] | None]:
    """The medel block, the budget per insats id and the outcome per insats code (None:
    no budget for the year, no books for the year)."""
    money: dict[str, int | None] = dict.fromkeys(MONEY_KEYS)
    with scope(forbund=forbund):
        contributions = contributions_for_year(forbund, year)
        snapshot = budget_for_year(forbund, year)
    for name, _weight in GROUPS:
        decided = [
            row.decided
            for row in contributions.rows
            if group_of(row.member) == name and row.decided is not None
        ]
        money[GROUP_KEYS[name]] = sum(decided) if decided else None
    budgets: dict[int, int] | None = None
    if snapshot is not None:
        money["administration_budget"] = snapshot.total_for_category(BudgetCategory.ADMINISTRATION)
        budgets = snapshot.costs_by_insats()
    try:
        current, previous = statements_for(forbund, year)
        operating = operating_statement(forbund, year)
    except NoBooksError:
        return money, budgets, None
    money["eget_kapital_utgaende"] = kronor(current.closing.equity)
    opening = current.opening or (previous.closing if previous is not None else None)
    money["eget_kapital_ingaende"] = kronor(opening.equity) if opening is not None else None
    money["administration_utfall"] = kronor(operating.area_costs(ADMINISTRATION))
    outcomes: dict[str, int] = {}
    for row in operating.rows:
        if row.key.startswith("insats:"):
            outcomes[row.key.removeprefix("insats:")] = kronor(row.outcome.costs) or 0
    return money, budgets, outcomes


def national_document(forbund, year: int, *, publication: bool = False) -> Document:
    """The document of docs/format/uppfoljning-finsam.md for `year`."""
    money, budgets, outcomes = _money(forbund, year)
    participants = national_participants(forbund, year)
    cells = {insats.pk: participants.cell(insats) for insats in participants.insatser}
    if publication:
        cells = _suppressed(participants.insatser, cells)
    insatser = []
    for insats in participants.insatser:
        insatser.append(
            {
                "kod": insats.code,
                "namn": insats.name,
                "typ": insats.kind,
                "inriktning": insats.orientation or None,
                "malgrupp": insats.target_group or None,
                "budget": None if budgets is None else budgets.get(insats.pk, 0),
                "utfall": None if outcomes is None else outcomes.get(insats.code, 0),
                "budgeterat_antal_deltagare": insats.expected_participants,
                "deltagare": cells[insats.pk],
            }
        )
    return {"forbund": forbund.slug, "ar": year, "medel": money, "insatser": insatser}


def _suppressed(insatser, cells: dict[int, Any]) -> dict[int, Any]:
    """Each type's insatser-by-kön table suppressed as one table (shared margins)."""
    result = dict(cells)
    for kind in InterventionKind.values:
        of_kind = [i for i in insatser if i.kind == kind and cells[i.pk] is not None]
        if not of_kind:
            continue
        table = Table.from_nested(
            {i.code: {g: cells[i.pk][g] for g in GENDERS} for i in of_kind}, list(GENDERS)
        )
        shown = suppress(table)
        for insats in of_kind:
            result[insats.pk] = {g: shown.cell(insats.code, g) for g in GENDERS} | {
                TOTAL: shown.row_totals[insats.code]
            }
    return result


def insats_rows(document: Document) -> list[list[Any]]:
    """The Insatser sheet's rows, in the columns of INSATS_COLUMNS."""
    rows = []
    for insats in document["insatser"]:
        cell = insats["deltagare"] or {}
        rows.append(
            [
                insats["kod"],
                insats["namn"],
                insats["typ"],
                insats["inriktning"],
                insats["malgrupp"],
                insats["budget"],
                insats["utfall"],
                insats["budgeterat_antal_deltagare"],
                *(cell.get(key) for key in CELL_KEYS),
            ]
        )
    return rows


def export_filename(forbund, year: int, extension: str) -> str:
    return f"uppfoljning-finsam-{forbund.slug}-{year}.{extension}"


@register
class NationalExporter(Exporter):
    """Uppföljning Finsam: sheets Förbund (medel), Insatser and Förklaring; CSV = Insatser."""

    name = "uppfoljning_finsam"
    title = gettext_lazy("Uppföljning Finsam")

    def __init__(self, document: Document, *, publication: bool = False):
        self.document = document
        self.publication = publication

    def sheets(self):
        document = self.document
        forbund_rows: list[list[Any]] = [
            ["forbund", document["forbund"]],
            ["ar", document["ar"]],
            *([key, document["medel"][key]] for key in MONEY_KEYS),
        ]
        yield Sheet("Förbund", ["fält", "värde"], forbund_rows, widths=(26, 16))
        yield Sheet(
            "Insatser",
            list(INSATS_COLUMNS),
            insats_rows(document),
            widths=(8, 36, 16, 30, 40, 12, 12, 12, 10, 10, 10, 10),
            freeze_header=True,
        )
        mode = (
            "publiceringsläge: små antal dolda"
            if self.publication
            else "exakta antal (det förbundet registrerar)"
        )
        notes: list[tuple[str, ...]] = [
            ("Uppföljning Finsam", f"{document['forbund']} {document['ar']}"),
            ("antal", mode),
            *FIELD_NOTES,
        ]
        yield Sheet("Förklaring", (), notes, widths=(28, 90))

    def write(self, out: IO[bytes], file_format: str) -> None:
        if file_format == "csv":
            write_csv(list(INSATS_COLUMNS), insats_rows(self.document), out)
            return
        super().write(out, file_format)

    def render(self, file_format: str) -> bytes:
        out = io.BytesIO()
        self.write(out, file_format)
        return out.getvalue()
