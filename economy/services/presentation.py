"""The one layout of the statements: lines in order, labels, which lines are sums, and signs.
The web pages (economy views) and the annual report (reports.builders.economy) both print it.

Each line is `Line(kind, key, label)`: kind "rad" (a figure), "summa" (a sum, bold; `total`
marks the statement's last, double-ruled sum), "rubrik" (a heading without figures), "varav"
(an indented part of the line above) or "procent". The keys are the spec's JSON keys
(services/statements.py); a statement line's label is its StatementLine label, so a note and
its line are always called the same. Wording as in the published annual reports (docs/sources.md):
"varav", "Ökning/minskning".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from economy.choices import StatementLine


@dataclass(frozen=True)
class Line:
    kind: str
    key: str
    label: Any
    total: bool = False
    level: int = 1  # of a heading: 2 = a group within the heading above


def _line(line: StatementLine) -> Line:
    return Line("rad", line.value, line.label)


L = StatementLine

INCOME_STATEMENT: tuple[Line, ...] = (
    _line(L.OPERATING_INCOME),
    _line(L.OPERATING_COSTS),
    _line(L.DEPRECIATION),
    Line("summa", "verksamhetens_nettokostnader", _("Verksamhetens nettokostnader")),
    _line(L.FINANCIAL_INCOME),
    _line(L.FINANCIAL_COSTS),
    Line("summa", "resultat_efter_finansiella_poster", _("Resultat efter finansiella poster")),
    _line(L.EXTRAORDINARY),
    Line("summa", "arets_resultat", _("Årets resultat"), total=True),
)

BALANCE_SHEET: tuple[Line, ...] = (
    Line("rubrik", "", _("Tillgångar")),
    Line("rubrik", "", _("Anläggningstillgångar"), level=2),
    _line(L.INTANGIBLE_ASSETS),
    _line(L.TANGIBLE_ASSETS),
    _line(L.FINANCIAL_ASSETS),
    Line("summa", "summa_anlaggningstillgangar", _("Summa anläggningstillgångar")),
    Line("rubrik", "", _("Omsättningstillgångar"), level=2),
    _line(L.INVENTORIES),
    _line(L.RECEIVABLES),
    _line(L.SHORT_TERM_INVESTMENTS),
    _line(L.CASH),
    Line("summa", "summa_omsattningstillgangar", _("Summa omsättningstillgångar")),
    Line("summa", "summa_tillgangar", _("Summa tillgångar"), total=True),
    Line("rubrik", "", _("Eget kapital, avsättningar och skulder")),
    _line(L.EQUITY),
    Line("varav", "varav_arets_resultat", _("varav årets resultat")),
    _line(L.PROVISIONS),
    _line(L.LONG_TERM_LIABILITIES),
    _line(L.SHORT_TERM_LIABILITIES),
    Line(
        "summa",
        "summa_eget_kapital_avsattningar_och_skulder",
        _("Summa eget kapital, avsättningar och skulder"),
        total=True,
    ),
)

CASH_FLOW: tuple[Line, ...] = (
    Line("rubrik", "", _("Den löpande verksamheten")),
    Line("rad", "arets_resultat", _("Årets resultat")),
    Line(
        "rad",
        "justering_for_ej_likviditetspaverkande_poster",
        _("Justering för ej likviditetspåverkande poster"),
    ),
    Line("rad", "forandring_forrad", _("Ökning (−)/minskning (+) förråd")),
    Line(
        "rad",
        "forandring_kortfristiga_fordringar",
        _("Ökning (−)/minskning (+) kortfristiga fordringar"),
    ),
    Line(
        "rad",
        "forandring_kortfristiga_skulder",
        _("Ökning (+)/minskning (−) kortfristiga skulder"),
    ),
    Line(
        "summa",
        "kassaflode_fran_lopande_verksamhet",
        _("Kassaflöde från den löpande verksamheten"),
    ),
    Line(
        "rad",
        "kassaflode_fran_investeringsverksamhet",
        _("Kassaflöde från investeringsverksamheten"),
    ),
    Line(
        "rad",
        "kassaflode_fran_finansieringsverksamhet",
        _("Kassaflöde från finansieringsverksamheten"),
    ),
    Line("summa", "arets_kassaflode", _("Årets kassaflöde"), total=True),
    Line("rad", "likvida_medel_vid_arets_borjan", _("Likvida medel vid årets början")),
    Line("summa", "likvida_medel_vid_arets_slut", _("Likvida medel vid årets slut")),
)

KEY_FIGURES: tuple[Line, ...] = (
    Line("procent", "soliditet_procent", _("Soliditet")),
    Line("rad", "balanskravsresultat", _("Balanskravsresultat")),
)

# The statements show costs negative; the notes list them positive, as published reports do.
COSTS_POSITIVE_IN_NOTES = frozenset(
    {L.OPERATING_COSTS.value, L.DEPRECIATION.value, L.FINANCIAL_COSTS.value}
)


def note_sign(key: str) -> int:
    """The sign a note's amounts are multiplied by (the statement's own sign otherwise)."""
    return -1 if key in COSTS_POSITIVE_IN_NOTES else 1


def note_title(key: str) -> str:
    """A note is titled as its statement line."""
    return str(StatementLine(key).label) if key in StatementLine.values else key


def statement_lines() -> tuple[Line, ...]:
    """The lines that may carry a note, in the order the statements show them."""
    return tuple(line for line in (*INCOME_STATEMENT, *BALANCE_SHEET) if line.kind == "rad")


def table(rows: tuple[Line, ...], part: dict[str, dict]) -> list[dict[str, Any]]:
    """The rows with their figures from one part of the document, for a template."""
    return [
        {
            "kind": line.kind,
            "key": line.key,
            "label": line.label,
            "ar": part[line.key]["ar"] if line.key else None,
            "foregaende_ar": part[line.key]["foregaende_ar"] if line.key else None,
        }
        for line in rows
    ]
