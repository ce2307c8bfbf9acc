"""The notes a kommunal auditor expects of a small kommunalförbund, beyond the accounts behind
each statement line (economy.note_tables): the redovisningsprinciper in full, pension
obligations and ansvarsförbindelse, and the cost of audit with räkenskapsrevision apart.
`book_warnings` lists what the books suggest is missing (salaries without semesterlöneskuld
or pension cost); the report page and the adoption page show them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from core.document import Block, Paragraph
from core.formatting import format_tkr

# Accounts that are wages of employees (Kommun-Bas 50xx, BAS 70xx–73xx), by name: "Löner
# kansli", "Lön tillsvidareanställda". Fees to the board (arvoden) are no wages.
SALARY_NAME = re.compile(r"\blön|\blöner\b|lönekostnad|semesterlön", re.IGNORECASE)
FEE_NAME = re.compile(r"arvode", re.IGNORECASE)
PENSION_NAME = re.compile(r"pension", re.IGNORECASE)
HOLIDAY_PAY_NAME = re.compile(r"semesterlön|semesterskuld|semesterersättning", re.IGNORECASE)
AUDIT_NAME = re.compile(r"revision|revisor", re.IGNORECASE)
ACCOUNTING_AUDIT_NAME = re.compile(r"räkenskapsrevision|sakkunnig", re.IGNORECASE)
BALANCE_KEYS = ("avsattningar", "langfristiga_skulder", "kortfristiga_skulder")


def principles(year: int) -> list[Block]:
    """How the statements are drawn up, valued and rounded (RKR's recommendations in force,
    LKBR 9 kap. 9 §, and the tkr method of economy.services.tkr)."""
    texts = [
        "**Regelverk.** Årsredovisningen är upprättad enligt lagen (2018:597) om kommunal "
        "bokföring och redovisning (LKBR) och Rådet för kommunal redovisnings (RKR) "
        "rekommendationer i de delar som är tillämpliga för ett samordningsförbund: R2 "
        "Intäkter, R4 Materiella anläggningstillgångar, R10 Pensioner, R14 Drift- och "
        "investeringsredovisning, R15 Förvaltningsberättelse och R17 Delårsrapport.",
        "**Värdering.** Tillgångar och skulder tas upp till anskaffningsvärde respektive "
        "nominellt belopp om inget annat anges. Fordringar tas upp till det belopp som "
        "beräknas bli betalt.",
        "**Anläggningstillgångar och avskrivningar.** Inventarier och andra materiella "
        "anläggningstillgångar med en nyttjandeperiod på minst tre år och ett värde över "
        "gränsen för mindre värde skrivs av linjärt över den bedömda nyttjandeperioden, "
        "från den månad tillgången tas i bruk.",
        "**Periodisering.** Intäkter och kostnader redovisas det år de avser. Fakturor som "
        "kommit efter årsskiftet men avser året är bokförda som skulder, och kostnader som "
        "betalts i förskott som fordringar.",
        "**Medlemsbidrag och andra bidrag.** Medlemsbidragen intäktsförs det år de avser. "
        "Bidrag från Europeiska socialfonden (ESF) och andra projektbidrag intäktsförs i takt "
        "med att de kostnader som bidragen ska täcka uppstår; beviljade men inte utbetalda "
        "bidrag redovisas som upplupna intäkter.",
        "**Pensioner.** Pensionsförpliktelser redovisas enligt blandmodellen (RKR R10): "
        "pensioner intjänade från 1998 som skuld eller avsättning, äldre som "
        "ansvarsförbindelse. Se noten om pensionsförpliktelser.",
        "**Avrundning.** Beloppen visas i hela tusental kronor (tkr). Varje summa avrundas "
        "från de exakta beloppen; när de avrundade delarna inte går jämnt upp justeras den "
        "största delen med skillnaden (aldrig mer än 1 tkr från det exakta beloppet). Därför "
        "är varje summa i tabellerna summan av de visade delarna.",
        "**Budget.** Budgetbelopp avser budget efter ändringsbeslut.",
    ]
    return [Paragraph.from_text(text) for text in texts]


def _accounts(statements: Mapping[str, Any], keys, pattern: re.Pattern) -> list[dict]:
    return [
        entry
        for key in keys
        for entry in statements["noter"].get(key, [])
        if pattern.search(entry["namn"] or "")
    ]


def _positive(value: Any) -> Any:
    return None if value is None else abs(Decimal(str(value)))


def pension_note(statements: Mapping[str, Any], number: int) -> list[Block]:
    year = statements["ar"]
    entries = _accounts(statements, ("verksamhetens_kostnader",), PENSION_NAME) + _accounts(
        statements, BALANCE_KEYS, PENSION_NAME
    )
    title = f"**Not {number}. Pensionsförpliktelser och ansvarsförbindelse.** "
    if not entries:
        text = (
            "Förbundet har inga pensionskostnader eller pensionsskulder bokförda och inga "
            "pensionsförpliktelser som ansvarsförbindelse."
        )
    else:
        amounts = "; ".join(
            f"{e['konto']} {e['namn']} {format_tkr(_positive(e['ar']))} tkr".strip()
            for e in entries
        )
        text = (
            f"Pensionskostnader och pensionsskulder {year}: {amounts}. Ansvarsförbindelse för "
            f"pensioner intjänade före 1998: inga."
        )
    return [Paragraph.from_text(title + text)]


def audit_note(statements: Mapping[str, Any], number: int) -> list[Block]:
    """Kostnad för revision, räkenskapsrevisionen för sig (prop. 2017/18:149): one sentence
    (a förbund has one or two accounts for it)."""
    year = statements["ar"]
    entries = _accounts(statements, ("verksamhetens_kostnader",), AUDIT_NAME)
    title = f"**Not {number}. Kostnad för revision.** "
    if not entries:
        return [
            Paragraph.from_text(
                title + "Bokföringen har inget konto för revision. Kostnaden för revisionen, "
                "och särskilt för räkenskapsrevisionen, ska redovisas: bokför den på ett konto "
                "med ”revision” i namnet."
            )
        ]
    now = sum((_positive(e["ar"]) or 0 for e in entries), Decimal(0))
    before = _sum_or_none(_positive(e["foregaende_ar"]) for e in entries)
    accounts = ", ".join(f"{e['konto']} {e['namn']}".strip() for e in entries)
    text = f"Kostnaden för revision {year} var {format_tkr(now)} tkr"
    if before is not None:
        text += f" ({format_tkr(before)} tkr {year - 1})"
    text += f", bokförd på {accounts}. "
    accounting = [e for e in entries if ACCOUNTING_AUDIT_NAME.search(e["namn"] or "")]
    if accounting:
        part = sum((_positive(e["ar"]) or 0 for e in accounting), Decimal(0))
        text += (
            f"Av kostnaden avser {format_tkr(part)} tkr räkenskapsrevision (sakkunnigt biträde)."
        )
    else:
        text += (
            "Räkenskapsrevisionen går inte att skilja ut i bokföringen: bokför den på ett eget "
            "konto med ”räkenskapsrevision” i namnet så redovisas den för sig."
        )
    return [Paragraph.from_text(title + text)]


def _sum_or_none(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def book_warnings(statements: Mapping[str, Any] | None) -> list[str]:
    """What the books suggest is missing, in sentences for the ekonom."""
    if not statements:
        return []
    salaries = [
        e
        for e in statements["noter"].get("verksamhetens_kostnader", [])
        if SALARY_NAME.search(e["namn"] or "") and not FEE_NAME.search(e["namn"] or "") and e["ar"]
    ]
    if not salaries:
        return []
    warnings = []
    names = ", ".join(f"{e['konto']} {e['namn']}" for e in salaries)
    if not _accounts(statements, BALANCE_KEYS, HOLIDAY_PAY_NAME):
        warnings.append(
            f"Bokföringen har lönekostnader ({names}) men ingen semesterlöneskuld bland "
            f"skulderna. Intjänad men ej uttagen semester ska bokföras som skuld vid årets slut."
        )
    if not _accounts(statements, ("verksamhetens_kostnader", *BALANCE_KEYS), PENSION_NAME):
        warnings.append(
            f"Bokföringen har lönekostnader ({names}) men ingen pensionskostnad eller "
            f"pensionsskuld. Anställda tjänar in pension (avgiftsbestämd ålderspension) som "
            f"ska kostnadsföras och redovisas enligt RKR R10."
        )
    return warnings
