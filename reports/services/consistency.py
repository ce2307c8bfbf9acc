"""Text bound to figures: sentences offered from the year's data, and a check that compares
what the free text claims with the figures before the board adopts the annual report.

    facts = year_facts(data)                 # data: annual_report_data(...)
    suggestions(data)   -> {section key: text}      editable sentences from the figures
    contradictions(data) -> [Contradiction]         each claim the figures contradict

The claims checked (Swedish wording as annual reports write it; each rule names the words it
reads, so a reader can see why a sentence was flagged):

- balanskravet uppfyllt / inte uppfyllt, against the balanskravsresultat;
- överskott / underskott (positivt / negativt resultat), against årets resultat;
- bättre / sämre än budget, kostnader inom / över budget, against the driftredovisning;
- a stable economy ("ekonomin är stabil/god/i balans") while the balanskrav is not met;
- no employees, against salaries booked (and employees claimed without any salaries);
- ESF funding of an insats (its text or its ESF mark), against ESF revenue booked that year;
- "N deltagare" (a number of participants), against the year's counts.

The text is all of the report's narrative sections and the descriptions of the insatser the
report shows. A contradiction is fixed in the text or acknowledged with a reason at adoption
(kept in the adoption record).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core.formatting import format_number, format_tkr
from reports.builders.economy import shown_statements
from reports.builders.notes import FEE_NAME, SALARY_NAME
from reports.services.sections import sections_for

ZERO = Decimal(0)

PAYROLL_TAX_NAME = re.compile(r"arbetsgivaravgift|sociala avgifter", re.IGNORECASE)
ESF_NAME = re.compile(r"\bESF\b|socialfond", re.IGNORECASE)


@dataclass(frozen=True)
class Contradiction:
    key: str  # stable within a report: "balanskrav:hushallning:0"
    claim: str  # what the text says, in a few words
    section: str  # the section's title (or "Insats X")
    quote: str  # the sentence
    figures: str  # what the figures say

    def as_dict(self) -> dict[str, str]:
        return {
            "key": self.key,
            "claim": self.claim,
            "section": self.section,
            "quote": self.quote,
            "figures": self.figures,
        }


@dataclass
class YearFacts:
    year: int
    result: Decimal | None = None  # årets resultat, kr
    requirement_result: Decimal | None = None  # balanskravsresultat, kr
    budget_result: Decimal | None = None
    costs: Decimal | None = None  # driftredovisningens kostnader
    budget_costs: Decimal | None = None
    salaries: Decimal = ZERO  # booked wages this year, kr
    payroll_taxes: Decimal = ZERO
    esf_revenue: Decimal = ZERO
    equity: Decimal | None = None
    equity_limit: Decimal | None = None  # Nationella rådets recommendation, kr
    staff_total: Decimal | None = None
    participants: dict[str, int] | None = None  # unika, deltaganden, nya, avslutade, …
    goals: str = ""

    @property
    def deviation(self) -> Decimal | None:
        if self.result is None or self.budget_result is None:
            return None
        return self.result - self.budget_result


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def year_facts(data: Mapping[str, Any]) -> YearFacts:
    year = data["year"]
    facts = YearFacts(year)
    # The statements as the report shows them (whole tkr that tie), so a sentence offered
    # or checked reads the same figure as the tables.
    statements = shown_statements(data["statements"]) if data.get("statements") else None
    if statements:
        facts.result = _decimal(statements["resultatrakning"]["arets_resultat"]["ar"])
        facts.requirement_result = _decimal(statements["nyckeltal"]["balanskravsresultat"]["ar"])
        facts.equity = _decimal(statements["balansrakning"]["eget_kapital"]["ar"])
        for entry in statements["noter"].get("verksamhetens_kostnader", []):
            amount = -(_decimal(entry["ar"]) or ZERO)  # costs are negative in the document
            name = entry["namn"] or ""
            if SALARY_NAME.search(name) and not FEE_NAME.search(name):
                facts.salaries += amount
            elif PAYROLL_TAX_NAME.search(name):
                facts.payroll_taxes += amount
        for entry in statements["noter"].get("verksamhetens_intakter", []):
            if ESF_NAME.search(entry["namn"] or ""):
                facts.esf_revenue += _decimal(entry["ar"]) or ZERO
    operating = data.get("operating")
    if operating and operating["har_budget"]:
        result_row = operating["rader"][-1]
        facts.budget_result = _decimal(result_row["budget_netto"])
        facts.costs = _decimal(result_row["kostnader"])
        facts.budget_costs = _decimal(result_row["budget_kostnader"])
    for check in data.get("checks") or []:
        if check.get("nyckel") == "eget_kapital":
            facts.equity_limit = _decimal(check.get("grans"))
    for row in data.get("five_year") or []:
        if row["ar"] == year:
            facts.staff_total = _decimal(row["arsarbetare"]["totalt"])
    statistics = (data.get("statistics") or {}).get(str(year))
    if statistics:
        counts = {
            "unika deltagare": statistics["unika_deltagare"]["totalt"],
            "deltaganden": statistics["totalt"]["deltagare"]["totalt"],
            "nya deltagare": statistics["totalt"]["paborjade"]["totalt"],
            "avslutade": statistics["totalt"]["avslutade"]["totalt"],
        }
        for section in statistics.get("insatser", {}).values():
            counts[f"deltagare i {section['namn']}"] = section["deltagare"]["totalt"]
            counts[f"nya i {section['namn']}"] = section["paborjade"]["totalt"]
            counts[f"avslutade i {section['namn']}"] = section["avslutade"]["totalt"]
        facts.participants = {k: v for k, v in counts.items() if isinstance(v, int)}
    return facts


def _tkr(value: Decimal | None) -> str:
    return f"{format_tkr(value)} tkr"


# --- Sentences offered from the figures -------------------------------------------------------


def suggestions(data: Mapping[str, Any]) -> dict[str, str]:
    """Editable sentences per section, from the year's figures (only what the data tells)."""
    facts = year_facts(data)
    year = facts.year
    result: dict[str, str] = {}
    economy: list[str] = []
    if facts.result is not None:
        word = "ett överskott" if facts.result > 0 else "ett underskott"
        if facts.result == 0:
            word = "ett nollresultat"
        sentence = f"Årets resultat blev {_tkr(facts.result)}, {word}"
        if facts.budget_result is not None and facts.deviation is not None:
            sentence += f". Budgeterat resultat var {_tkr(facts.budget_result)}"
            if facts.deviation > 0:
                sentence += f", så resultatet blev {_tkr(facts.deviation)} bättre än budget"
            elif facts.deviation < 0:
                sentence += f", så resultatet blev {_tkr(-facts.deviation)} sämre än budget"
            else:
                sentence += ", så resultatet blev som budgeterat"
        economy.append(sentence + ".")
    if facts.costs is not None and facts.budget_costs:
        if facts.costs <= facts.budget_costs:
            economy.append(
                f"Kostnaderna blev {_tkr(facts.costs)}, {_tkr(facts.budget_costs - facts.costs)} "
                f"lägre än budgeterat."
            )
        else:
            economy.append(
                f"Kostnaderna blev {_tkr(facts.costs)}, {_tkr(facts.costs - facts.budget_costs)} "
                f"högre än budgeterat."
            )
    if economy:
        result["ekonomiska_resultat"] = " ".join(economy)
    stewardship: list[str] = []
    if facts.requirement_result is not None:
        met = facts.requirement_result >= 0
        stewardship.append(
            f"Balanskravsresultatet för {year} är {_tkr(facts.requirement_result)}; "
            + ("balanskravet är uppfyllt." if met else "balanskravet är inte uppfyllt.")
        )
    if facts.equity is not None and facts.equity_limit is not None:
        relation = "över" if facts.equity > facts.equity_limit else "inom"
        stewardship.append(
            f"Eget kapital vid årets slut är {_tkr(facts.equity)}, {relation} Nationella rådets "
            f"rekommendation om högst {_tkr(facts.equity_limit)} för förbundets storlek."
        )
    goals = _goal_sentence(data.get("goals") or [])
    if goals:
        stewardship.append(goals)
    if stewardship:
        result["hushallning"] = " ".join(stewardship)
    if facts.participants:
        p = facts.participants
        result["verksamhet"] = (
            f"Under {year} deltog {p.get('unika deltagare', 0)} personer i förbundets "
            f"individinriktade insatser, i sammanlagt {p.get('deltaganden', 0)} deltaganden. "
            f"{p.get('nya deltagare', 0)} nya deltagare började och "
            f"{p.get('avslutade', 0)} deltaganden avslutades."
        )
    if facts.salaries > 0:
        staff = (
            f"Förbundet har anställd personal: lönekostnaderna uppgick till "
            f"{_tkr(facts.salaries)} och arbetsgivaravgifterna till {_tkr(facts.payroll_taxes)}."
        )
        if facts.staff_total is not None:
            staff += (
                f" Verksamheten motsvarade {format_number(facts.staff_total, 1)} årsarbetare, "
                f"varav en del kan vara personal som medlemmarna lånar ut."
            )
        result["personal"] = staff
    elif data.get("statements"):
        result["personal"] = (
            "Förbundet har ingen anställd personal; inga lönekostnader är bokförda. "
            "Kansliets tjänster köps eller lånas från medlemmarna."
        )
    summary = [text for text in (result.get("ekonomiska_resultat", "").split(". ")[0],) if text]
    if summary and facts.requirement_result is not None:
        summary.append(
            "Balanskravet är uppfyllt."
            if facts.requirement_result >= 0
            else "Balanskravet är inte uppfyllt."
        )
        result["sammanfattning"] = ". ".join(s.rstrip(".") for s in summary) + "."
    return result


def _goal_sentence(goals: list[Mapping[str, Any]]) -> str:
    from reports.builders.goals import summary_sentence

    return summary_sentence(goals)


# --- The check before adoption --------------------------------------------------------------

SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")

MET = re.compile(
    r"balanskravet\s+(?:är|har\s+(?:varit|blivit))\s+uppfyllt|uppfyller\s+(?:därmed\s+)?"
    r"balanskravet|balanskravet\s+(?:uppfylls|klaras)",
    re.IGNORECASE,
)
NOT_MET = re.compile(
    r"balanskravet\s+(?:är|har)\s+(?:inte|ej)\s+(?:varit\s+|blivit\s+)?uppfyllt|"
    r"uppfyller\s+inte\s+balanskravet|balanskravet\s+(?:uppfylls|klaras)\s+(?:inte|ej)",
    re.IGNORECASE,
)
SURPLUS = re.compile(
    r"\bett\s+överskott\b|\bpositivt\s+resultat|\bresultatet\s+är\s+positivt", re.IGNORECASE
)
DEFICIT = re.compile(
    r"\bett\s+underskott\b|\bnegativt\s+resultat|\bresultatet\s+är\s+negativt", re.IGNORECASE
)
BETTER = re.compile(
    r"bättre\s+än\s+budget|lägre\s+än\s+budget|(?:kostnaderna|kostnader)\s+(?:har\s+)?"
    r"(?:blev\s+|hållit\s+sig\s+|hölls\s+|höll\s+sig\s+|legat\s+)?(?:lägre\s+än\s+budgeterat|"
    r"inom\s+budget(?:en)?)",
    re.IGNORECASE,
)
WORSE = re.compile(
    r"sämre\s+än\s+budget|(?:kostnaderna|kostnader)\s+(?:har\s+)?(?:blev\s+)?"
    r"(?:högre\s+än\s+budgeterat|över\s+budget)|överskred\s+budget",
    re.IGNORECASE,
)
STABLE = re.compile(r"ekonomi(?:n)?\s+är\s+(?:stabil|god|i\s+balans|stark)", re.IGNORECASE)
NO_EMPLOYEES = re.compile(
    r"(?:ingen|inga|inte\s+någon|inte\s+några|saknar)\s+(?:egen\s+|egna\s+)?anställd|"
    r"(?:har|finns)\s+inga\s+anställda",
    re.IGNORECASE,
)
EMPLOYEES = re.compile(r"\b(?:har|finns)\s+(\d+|en|två|tre|fyra|fem)\s+anställda?\b", re.IGNORECASE)
ESF_FUNDED = re.compile(
    r"(?:ESF|Europeiska\s+socialfonden|socialfonden)[- ]?(?:\S+\s+){0,3}?"
    r"(?:finansier|medfinansier|delfinansier|bidrag|stöd)|"
    r"(?:finansier\w*|medfinansier\w*|delfinansier\w*)\s+(?:\S+\s+){0,3}?(?:av|med|från)\s+"
    r"(?:ESF|Europeiska\s+socialfonden)",
    re.IGNORECASE,
)
ESF_PLANS = re.compile(r"ansökan|ansöka|förbered|planer", re.IGNORECASE)
COUNT = re.compile(
    r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)\s+(?:nya\s+|unika\s+)?"
    r"(deltagare|personer|deltaganden)\b",
    re.IGNORECASE,
)
APPROXIMATE = re.compile(
    r"(?:cirka|ca\.?|drygt|knappt|omkring|ungefär|runt|nästan)\s*$", re.IGNORECASE
)
# "överskottet från tidigare år": a claim about another year is not checked against this one.
OTHER_YEARS = re.compile(r"tidigare\s+år|kommande\s+år|föregående\s+år|nästa\s+år", re.IGNORECASE)
TARGET = re.compile(r"(?:minst|högst|mål\w*|över|under|fler\s+än|färre\s+än)\s*$", re.IGNORECASE)


def _sentences(text: str) -> Iterator[str]:
    for match in SENTENCE.finditer(text.replace("**", "").replace("*", "")):
        sentence = match.group().strip(" -•\t")
        if sentence:
            yield sentence


def _texts(data: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(section key, title, text) of every narrative section and insats description."""
    titles = {section.key: section.title for section in sections_for(data["kind"])}
    for key, text in (data.get("texts") or {}).items():
        if text:
            yield key, titles.get(key, key), text
    for insats in data.get("insatser") or []:
        text = " ".join(part for part in (insats.get("description"), insats.get("methods")) if part)
        if text:
            yield f"insats-{insats['code']}", f"Insats {insats['name']}", text


def contradictions(data: Mapping[str, Any]) -> list[Contradiction]:
    facts = year_facts(data)
    found: list[Contradiction] = []
    seen: set[tuple[str, str]] = set()

    def add(rule: str, claim: str, section_key: str, title: str, quote: str, figures: str):
        if (rule, quote) in seen:
            return
        seen.add((rule, quote))
        number = sum(1 for c in found if c.key.startswith(f"{rule}:{section_key}:"))
        found.append(Contradiction(f"{rule}:{section_key}:{number}", claim, title, quote, figures))

    requirement = facts.requirement_result
    esf_marked = [
        (insats["code"], insats["name"])
        for insats in data.get("insatser") or []
        if insats.get("esf_financed")
    ]
    for key, title, text in _texts(data):
        for sentence in _sentences(text):
            if requirement is not None:
                if MET.search(sentence) and not NOT_MET.search(sentence) and requirement < 0:
                    add(
                        "balanskrav",
                        "Balanskravet uppfyllt",
                        key,
                        title,
                        sentence,
                        f"Balanskravsresultatet är {_tkr(requirement)}: balanskravet är inte "
                        f"uppfyllt.",
                    )
                if NOT_MET.search(sentence) and requirement >= 0:
                    add(
                        "balanskrav",
                        "Balanskravet inte uppfyllt",
                        key,
                        title,
                        sentence,
                        f"Balanskravsresultatet är {_tkr(requirement)}: balanskravet är uppfyllt.",
                    )
                if STABLE.search(sentence) and requirement < 0:
                    add(
                        "stabil",
                        "Ekonomin är stabil",
                        key,
                        title,
                        sentence,
                        f"Årets resultat är {_tkr(facts.result)} och balanskravet är inte "
                        f"uppfyllt (balanskravsresultat {_tkr(requirement)}).",
                    )
            if facts.result is not None and key != "forvantad_utveckling":
                other_year = OTHER_YEARS.search(sentence)
                if SURPLUS.search(sentence) and facts.result < 0 and not other_year:
                    add(
                        "resultat",
                        "Överskott",
                        key,
                        title,
                        sentence,
                        f"Årets resultat är {_tkr(facts.result)}, ett underskott.",
                    )
                if DEFICIT.search(sentence) and facts.result > 0 and not other_year:
                    add(
                        "resultat",
                        "Underskott",
                        key,
                        title,
                        sentence,
                        f"Årets resultat är {_tkr(facts.result)}, ett överskott.",
                    )
            if facts.costs is not None and facts.budget_costs:
                over = facts.costs - facts.budget_costs
                if BETTER.search(sentence) and over > 0:
                    add(
                        "budget",
                        "Kostnaderna inom budget",
                        key,
                        title,
                        sentence,
                        f"Kostnaderna blev {_tkr(facts.costs)} mot budgeterade "
                        f"{_tkr(facts.budget_costs)}: {_tkr(over)} över budget.",
                    )
                if WORSE.search(sentence) and over < 0:
                    add(
                        "budget",
                        "Kostnaderna över budget",
                        key,
                        title,
                        sentence,
                        f"Kostnaderna blev {_tkr(facts.costs)} mot budgeterade "
                        f"{_tkr(facts.budget_costs)}: {_tkr(-over)} under budget.",
                    )
            if data.get("statements"):
                if NO_EMPLOYEES.search(sentence) and facts.salaries > 0:
                    add(
                        "personal",
                        "Inga anställda",
                        key,
                        title,
                        sentence,
                        f"Bokföringen har lönekostnader på {_tkr(facts.salaries)} och "
                        f"arbetsgivaravgifter på {_tkr(facts.payroll_taxes)}.",
                    )
                if EMPLOYEES.search(sentence) and facts.salaries == 0:
                    add(
                        "personal",
                        "Anställd personal",
                        key,
                        title,
                        sentence,
                        "Bokföringen har inga lönekostnader för året.",
                    )
                if (
                    ESF_FUNDED.search(sentence)
                    and not ESF_PLANS.search(sentence)
                    and facts.esf_revenue == 0
                ):
                    add(
                        "esf",
                        "Finansiering från ESF",
                        key,
                        title,
                        sentence,
                        f"Bokföringen har inga intäkter från Europeiska socialfonden {facts.year}.",
                    )
            if facts.participants:
                for match in COUNT.finditer(sentence):
                    before = sentence[: match.start()]
                    if TARGET.search(before):
                        continue
                    number = int(re.sub(r"\D", "", match.group(1)))
                    known = facts.participants.values()
                    tolerance = 0.1 if APPROXIMATE.search(before) else 0
                    if any(abs(number - n) <= tolerance * n for n in known):
                        continue
                    add(
                        "deltagare",
                        f"{number} {match.group(2)}",
                        key,
                        title,
                        sentence,
                        "Årets siffror: "
                        + ", ".join(
                            f"{n} {label}" for label, n in list(facts.participants.items())[:4]
                        )
                        + ".",
                    )
    if data.get("statements") and facts.esf_revenue == 0:
        for code, name in esf_marked:
            if any(c.key.startswith(f"esf:insats-{code}:") for c in found):
                continue  # its description already says so
            add(
                "esf",
                "Finansiering från ESF",
                "insatser",
                f"Insats {name}",
                f"{name} är markerad som ESF-finansierad.",
                f"Bokföringen har inga intäkter från Europeiska socialfonden {facts.year}.",
            )
    return found
