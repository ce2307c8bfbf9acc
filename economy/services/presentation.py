"""How the statements are laid out on a page or in a report: the rows in order, with labels.

Each row is (kind, key, label): kind "rad" (a figure), "summa" (a subtotal, bold),
"rubrik" (a heading without figures) or "varav" (an indented part of the row above).
The keys are the spec's JSON keys (services/statements.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

Row = tuple[str, str, Any]

INCOME_STATEMENT: tuple[Row, ...] = (
    ("rad", "verksamhetens_intakter", _("Verksamhetens intäkter")),
    ("rad", "verksamhetens_kostnader", _("Verksamhetens kostnader")),
    ("rad", "avskrivningar", _("Avskrivningar")),
    ("summa", "verksamhetens_nettokostnader", _("Verksamhetens nettokostnader")),
    ("rad", "finansiella_intakter", _("Finansiella intäkter")),
    ("rad", "finansiella_kostnader", _("Finansiella kostnader")),
    ("summa", "resultat_efter_finansiella_poster", _("Resultat efter finansiella poster")),
    ("rad", "extraordinara_poster", _("Extraordinära poster")),
    ("summa", "arets_resultat", _("Årets resultat")),
)

BALANCE_SHEET: tuple[Row, ...] = (
    ("rubrik", "", _("Tillgångar")),
    ("rubrik", "", _("Anläggningstillgångar")),
    ("rad", "immateriella_anlaggningstillgangar", _("Immateriella anläggningstillgångar")),
    ("rad", "materiella_anlaggningstillgangar", _("Materiella anläggningstillgångar")),
    ("rad", "finansiella_anlaggningstillgangar", _("Finansiella anläggningstillgångar")),
    ("summa", "summa_anlaggningstillgangar", _("Summa anläggningstillgångar")),
    ("rubrik", "", _("Omsättningstillgångar")),
    ("rad", "forrad", _("Förråd")),
    ("rad", "fordringar", _("Fordringar")),
    ("rad", "kortfristiga_placeringar", _("Kortfristiga placeringar")),
    ("rad", "kassa_och_bank", _("Kassa och bank")),
    ("summa", "summa_omsattningstillgangar", _("Summa omsättningstillgångar")),
    ("summa", "summa_tillgangar", _("Summa tillgångar")),
    ("rubrik", "", _("Eget kapital, avsättningar och skulder")),
    ("rad", "eget_kapital", _("Eget kapital")),
    ("varav", "varav_arets_resultat", _("därav årets resultat")),
    ("rad", "avsattningar", _("Avsättningar")),
    ("rad", "langfristiga_skulder", _("Långfristiga skulder")),
    ("rad", "kortfristiga_skulder", _("Kortfristiga skulder")),
    (
        "summa",
        "summa_eget_kapital_avsattningar_och_skulder",
        _("Summa eget kapital, avsättningar och skulder"),
    ),
)

CASH_FLOW: tuple[Row, ...] = (
    ("rubrik", "", _("Den löpande verksamheten")),
    ("rad", "arets_resultat", _("Årets resultat")),
    (
        "rad",
        "justering_for_ej_likviditetspaverkande_poster",
        _("Justering för ej likviditetspåverkande poster"),
    ),
    ("rad", "forandring_forrad", _("Ökning (−) / minskning (+) av förråd")),
    (
        "rad",
        "forandring_kortfristiga_fordringar",
        _("Ökning (−) / minskning (+) av kortfristiga fordringar"),
    ),
    (
        "rad",
        "forandring_kortfristiga_skulder",
        _("Ökning (+) / minskning (−) av kortfristiga skulder"),
    ),
    ("summa", "kassaflode_fran_lopande_verksamhet", _("Kassaflöde från den löpande verksamheten")),
    (
        "rad",
        "kassaflode_fran_investeringsverksamhet",
        _("Kassaflöde från investeringsverksamheten"),
    ),
    (
        "rad",
        "kassaflode_fran_finansieringsverksamhet",
        _("Kassaflöde från finansieringsverksamheten"),
    ),
    ("summa", "arets_kassaflode", _("Årets kassaflöde")),
    ("rad", "likvida_medel_vid_arets_borjan", _("Likvida medel vid årets början")),
    ("summa", "likvida_medel_vid_arets_slut", _("Likvida medel vid årets slut")),
)

KEY_FIGURES: tuple[Row, ...] = (
    ("procent", "soliditet_procent", _("Soliditet")),
    ("rad", "balanskravsresultat", _("Balanskravsresultat")),
)


def table(rows: tuple[Row, ...], part: dict[str, dict]) -> list[dict[str, Any]]:
    """The rows with their figures from one part of the document, for a template."""
    return [
        {
            "kind": kind,
            "key": key,
            "label": label,
            "ar": part[key]["ar"] if key else None,
            "foregaende_ar": part[key]["foregaende_ar"] if key else None,
        }
        for kind, key, label in rows
    ]
