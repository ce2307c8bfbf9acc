"""The statements in whole tkr exactly as the reports show them (`financial_statements --tkr`).

Every sum is rounded from the exact figures and its parts are tied to it (core.tying: the
largest part takes the difference), from the top of each statement down, so that

- every shown sum is the sum of its shown parts,
- the balance sheet's two sides are equal,
- `varav_arets_resultat`, the cash flow's `arets_resultat` and the balanskravsutredning's
  `arets_resultat` are the income statement's,
- the cash flow's `likvida_medel_vid_arets_slut` is the balance sheet's kassa och bank plus
  kortfristiga placeringar, and (this year) its opening funds are last year's unless that
  would put the year's cash flow more than 1 tkr from the exact one,
- every note's accounts add up to its statement line,
- no figure is more than 1 tkr from the exact one (the tests check this on real books).

Soliditet stays a percentage (one decimal, as shown).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from core.formatting import round_half_away
from core.tying import shown, tie, tie_tree

THOUSAND = Decimal(1000)
COLUMNS = ("ar", "foregaende_ar")

INCOME_SUMS = {
    "arets_resultat": [("resultat_efter_finansiella_poster", 1), ("extraordinara_poster", 1)],
    "resultat_efter_finansiella_poster": [
        ("verksamhetens_nettokostnader", 1),
        ("finansiella_intakter", 1),
        ("finansiella_kostnader", 1),
    ],
    "verksamhetens_nettokostnader": [
        ("verksamhetens_intakter", 1),
        ("verksamhetens_kostnader", 1),
        ("avskrivningar", 1),
    ],
}
ASSET_SUMS = {
    "summa_tillgangar": [("summa_anlaggningstillgangar", 1), ("summa_omsattningstillgangar", 1)],
    "summa_anlaggningstillgangar": [
        ("immateriella_anlaggningstillgangar", 1),
        ("materiella_anlaggningstillgangar", 1),
        ("finansiella_anlaggningstillgangar", 1),
    ],
    "summa_omsattningstillgangar": [
        ("forrad", 1),
        ("fordringar", 1),
        ("kortfristiga_placeringar", 1),
        ("kassa_och_bank", 1),
    ],
}
LIABILITY_SUMS = {
    "summa_eget_kapital_avsattningar_och_skulder": [
        ("eget_kapital", 1),
        ("avsattningar", 1),
        ("langfristiga_skulder", 1),
        ("kortfristiga_skulder", 1),
    ],
}
CASH_FLOW_SUMS = {
    "likvida_medel_vid_arets_slut": [
        ("arets_kassaflode", 1),
        ("likvida_medel_vid_arets_borjan", 1),
    ],
    "arets_kassaflode": [
        ("kassaflode_fran_lopande_verksamhet", 1),
        ("kassaflode_fran_investeringsverksamhet", 1),
        ("kassaflode_fran_finansieringsverksamhet", 1),
    ],
    "kassaflode_fran_lopande_verksamhet": [
        ("arets_resultat", 1),
        ("justering_for_ej_likviditetspaverkande_poster", 1),
        ("forandring_forrad", 1),
        ("forandring_kortfristiga_fordringar", 1),
        ("forandring_kortfristiga_skulder", 1),
    ],
}
BALANCE_REQUIREMENT_SUMS = {
    "balanskravsresultat": [
        ("arets_resultat_efter_balanskravsjusteringar", 1),
        ("reservering_till_resultatutjamningsreserv", 1),
        ("anvandning_av_resultatutjamningsreserv", 1),
    ],
    "arets_resultat_efter_balanskravsjusteringar": [
        ("arets_resultat", 1),
        ("realisationsvinster", 1),
        ("realisationsforluster_enligt_undantag", 1),
        ("orealiserade_vinster_forluster_vardepapper", 1),
        ("aterforing_orealiserade", 1),
    ],
}


def _tkr(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)) / THOUSAND


def _column(part: Mapping[str, Any], column: str) -> dict[str, Decimal | None]:
    return {key: _tkr(figure[column]) for key, figure in part.items()}


def _whole(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def statements_in_tkr(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the statements document (kronor) with every amount an integer in tkr as
    shown; see the module's docstring for what ties."""
    result = copy.deepcopy(dict(document))
    shown_columns = {column: _shown_column(document, column) for column in COLUMNS}
    for part in ("resultatrakning", "balansrakning", "kassaflodesanalys", "balanskravsutredning"):
        if part not in document:
            continue
        for key in document[part]:
            result[part][key] = {
                column: _whole(shown_columns[column][part].get(key)) for column in COLUMNS
            }
    for key, entries in document["noter"].items():
        for index, entry in enumerate(entries):
            result["noter"][key][index] = {
                **entry,
                **{
                    column: _whole(shown_columns[column]["noter"][key][index]) for column in COLUMNS
                },
            }
    result["nyckeltal"] = {
        "soliditet_procent": {
            column: None if value is None else round_half_away(Decimal(str(value)), 1)
            for column, value in document["nyckeltal"]["soliditet_procent"].items()
        },
        "balanskravsresultat": {
            column: _whole(
                shown_columns[column]["balanskravsutredning"].get("balanskravsresultat")
                if "balanskravsutredning" in document
                else shown_columns[column]["resultatrakning"]["arets_resultat"]
            )
            for column in COLUMNS
        },
    }
    return result


def _shown_column(document: Mapping[str, Any], column: str) -> dict[str, Any]:
    """Shown figures (Decimal tkr) of one column, part by part."""
    income = tie_tree(_column(document["resultatrakning"], column), INCOME_SUMS)
    balance_exact = _column(document["balansrakning"], column)
    assets = tie_tree(balance_exact, ASSET_SUMS)
    total_assets = assets["summa_tillgangar"]
    fixed = {} if total_assets is None else {LIABILITY_KEY: total_assets}
    liabilities = tie_tree(balance_exact, LIABILITY_SUMS, fixed=fixed)
    balance = {**assets, **{k: v for k, v in liabilities.items() if k not in ASSET_KEYS}}
    balance["varav_arets_resultat"] = income["arets_resultat"]

    cash_fixed: dict[str, Decimal] = {}
    if income["arets_resultat"] is not None:
        cash_fixed["arets_resultat"] = income["arets_resultat"]
    closing = _liquid(balance)
    if closing is not None:
        cash_fixed["likvida_medel_vid_arets_slut"] = closing
    if column == "ar":
        opening = _liquid(
            _shown_column(document, "foregaende_ar")["balansrakning"]
            if document["balansrakning"]["summa_tillgangar"]["foregaende_ar"] is not None
            else {}
        )
        if opening is not None:
            cash_fixed["likvida_medel_vid_arets_borjan"] = opening
    cash_exact = _column(document["kassaflodesanalys"], column)
    if cash_exact.get("arets_resultat") is None:
        cash: dict[str, Decimal | None] = dict.fromkeys(cash_exact)
    else:
        cash = tie_tree(cash_exact, CASH_FLOW_SUMS, fixed=cash_fixed)
        if not _within_one(cash, cash_exact):
            # Last year's funds and this year's, both as the balance sheets show them, leave
            # the year's cash flow more than 1 tkr off: the opening funds give way.
            cash_fixed.pop("likvida_medel_vid_arets_borjan", None)
            cash = tie_tree(cash_exact, CASH_FLOW_SUMS, fixed=cash_fixed)

    parts: dict[str, Any] = {
        "resultatrakning": income,
        "balansrakning": balance,
        "kassaflodesanalys": cash,
        "noter": _notes(document, column, income, balance),
    }
    if "balanskravsutredning" in document:
        exact = _column(document["balanskravsutredning"], column)
        fixed_result = {}
        if income["arets_resultat"] is not None and exact.get("arets_resultat") is not None:
            fixed_result["arets_resultat"] = income["arets_resultat"]
        parts["balanskravsutredning"] = (
            tie_tree(exact, BALANCE_REQUIREMENT_SUMS, fixed=fixed_result)
            if exact.get("arets_resultat") is not None
            else dict.fromkeys(exact)
        )
    return parts


LIABILITY_KEY = "summa_eget_kapital_avsattningar_och_skulder"
ASSET_KEYS = set(ASSET_SUMS) | {part for members in ASSET_SUMS.values() for part, _sign in members}


def _within_one(shown_figures: Mapping[str, Decimal | None], exact: Mapping[str, Any]) -> bool:
    return all(
        value is None or exact.get(key) is None or abs(value - exact[key]) <= 1
        for key, value in shown_figures.items()
    )


def _liquid(balance: Mapping[str, Decimal | None]) -> Decimal | None:
    cash = balance.get("kassa_och_bank")
    investments = balance.get("kortfristiga_placeringar")
    if cash is None and investments is None:
        return None
    return (cash or Decimal(0)) + (investments or Decimal(0))


def _notes(
    document: Mapping[str, Any],
    column: str,
    income: Mapping[str, Decimal | None],
    balance: Mapping[str, Decimal | None],
) -> dict[str, list[Decimal | None]]:
    """Each note's accounts tied to the statement line as shown."""
    result: dict[str, list[Decimal | None]] = {}
    for key, entries in document["noter"].items():
        values = [_tkr(entry[column]) for entry in entries]
        line = income.get(key) if key in income else balance.get(key)
        if line is None or any(value is None for value in values):
            result[key] = [None if v is None else shown(v) for v in values]
            continue
        # The year's result not yet booked to equity (konto "") reads as the income
        # statement shows it.
        year_result = income.get("arets_resultat")
        fixed = {
            index: year_result
            for index, entry in enumerate(entries)
            if key == "eget_kapital"
            and entry["konto"] == ""
            and year_result is not None
            and values[index] == _tkr(document["resultatrakning"]["arets_resultat"][column])
        }
        _total, tied = tie(line, [v for v in values if v is not None], fixed=fixed)
        result[key] = list(tied)
    return result
