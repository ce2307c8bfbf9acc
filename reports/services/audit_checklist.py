"""The points of a granskningsrapport (as the auditors of a samordningsförbund write one:
förvaltningsberättelse, balanskravsutredning, god ekonomisk hushållning, the statements'
main items, internal control, the interim report, equity against the guideline, the
driftredovisning) and member contributions decided against booked and paid."""

from __future__ import annotations

import re
from typing import Any

from budget.services import contributions_for_year

POINTS: tuple[tuple[str, str], ...] = (
    ("forvaltningsberattelse", "Förvaltningsberättelsen följer LKBR:s struktur och rubriker"),
    ("balanskravsutredning", "Balanskravsutredningen redovisas och stämmer med resultatet"),
    ("hushallning", "Sammanfattande bedömning av god ekonomisk hushållning"),
    ("ekonomiska_mal", "Ekonomiska mål: resultat mot budget"),
    ("verksamhetsmal", "Verksamhetsmål och måluppfyllelse"),
    ("intakter", "Medlemsbidrag mot beslut, fakturering och inbetalning"),
    ("kostnader", "Kostnader: stickprov, attest, utanordning och avklipp"),
    ("kassa", "Kassa och bank mot engagemangsbesked"),
    ("skulder", "Kortfristiga skulder: innehåll och stickprov"),
    ("principer", "Redovisningsprinciper"),
    ("intern_kontroll", "Intern kontroll och styrdokument"),
    ("delarsrapport", "Delårsrapport med prognos för helåret"),
    ("eget_kapital", "Eget kapital mot Nationella rådets riktlinje"),
    ("skatter", "Skatter och avgifter redovisade och betalda i rätt tid"),
    ("driftredovisning", "Driftredovisningen"),
)
STATUSES: tuple[tuple[str, str], ...] = (
    ("", "Inte granskad"),
    ("utan_anmarkning", "Utan anmärkning"),
    ("iakttagelse", "Iakttagelse"),
    ("anmarkning", "Anmärkning"),
)


def contributions_check(forbund, year: int, statements: dict[str, Any] | None) -> dict[str, Any]:
    """Per member: decided and paid (budget app) and booked (an income account whose name
    holds the member's name); and the totals, booked on every contribution account."""
    rows = []
    income = (statements or {}).get("noter", {}).get("verksamhetens_intakter", [])
    contribution_entries = [e for e in income if re.search("medlemsbidrag", e["namn"] or "", re.I)]
    for row in contributions_for_year(forbund, year).rows:
        name = row.member.name
        booked = [
            e["ar"] for e in contribution_entries if name.casefold() in (e["namn"] or "").casefold()
        ]
        rows.append(
            {
                "member": name,
                "decided": row.decided,
                "paid": row.paid,
                "booked": sum(booked) if booked else None,
            }
        )
    return {
        "rows": rows,
        "decided": sum(r["decided"] or 0 for r in rows),
        "paid": sum(r["paid"] or 0 for r in rows),
        "booked": sum((e["ar"] or 0) for e in contribution_entries) if statements else None,
    }
