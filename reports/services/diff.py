"""Figure-level differences between two data snapshots of a report.

`figures(data)` flattens a snapshot into labelled figures (every number a table or chart of
the report shows); `differences(before, after)` lists those that differ, so the board sees
what a new version changes against the adopted one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.formatting import MISSING, format_number, format_tkr
from economy.services import presentation
from participants import choices
from reports.builders.participants import AGE_LABELS, EDUCATION_LABELS, END_REASON_LABELS
from reports.services.sections import sections_for

# Mid-sentence ("Deltagare, kvinnor"): the statistics labels of participants.choices, in lower case.
GENDER_LABELS = {
    **{str(key): str(label).lower() for key, label in choices.GENDER_LABELS.items()},
    choices.TOTAL: "totalt",
}
PART_LABELS = {"deltagare": "deltagare", "paborjade": "nya deltagare", "avslutade": "avslutade"}
BREAKDOWN_LABELS = {
    "avslutsorsaker": ("avslutsorsak", END_REASON_LABELS),
    "alder_vid_start": ("ålder", AGE_LABELS),
    "utbildning": ("utbildning", EDUCATION_LABELS),
}


@dataclass(frozen=True)
class Figure:
    section: str
    label: str
    value: Any
    kind: str  # "tkr", "number", "percent", "text"

    def shown(self) -> str:
        value = self.value
        if value is None:
            return MISSING
        if isinstance(value, str):
            return value
        if self.kind == "tkr":
            return f"{format_tkr(value)} tkr"
        if self.kind == "percent":
            return f"{format_number(value, 1)} %"
        return format_number(value, 0 if float(value) == int(value) else 1)


@dataclass(frozen=True)
class Difference:
    section: str
    label: str
    before: str
    after: str


def figures(data: Mapping[str, Any]) -> dict[str, Figure]:
    result: dict[str, Figure] = {}

    def add(key: str, section: str, label: str, value: Any, kind: str = "number") -> None:
        result[key] = Figure(section, label, value, kind)

    for year, doc in sorted(data["statistics"].items()):
        section = f"Deltagare {year}"
        scopes = [(code, s["namn"], s) for code, s in doc["insatser"].items()]
        scopes.append(("", "Samtliga insatser", doc["totalt"]))
        for code, name, scope in scopes:
            for part, part_label in PART_LABELS.items():
                for gender, gender_label in GENDER_LABELS.items():
                    add(
                        f"stat/{year}/{code}/{part}/{gender}",
                        section,
                        f"{name}: {part_label}, {gender_label}",
                        scope[part][gender],
                    )
            for breakdown, (title, labels) in BREAKDOWN_LABELS.items():
                for category, label in labels.items():
                    for gender, gender_label in GENDER_LABELS.items():
                        add(
                            f"stat/{year}/{code}/{breakdown}/{category}/{gender}",
                            section,
                            f"{name}: {title} {label.lower()}, {gender_label}",
                            scope[breakdown][category][gender],
                        )
        for gender, gender_label in GENDER_LABELS.items():
            add(
                f"stat/{year}/unika/{gender}",
                section,
                f"Unika deltagare, {gender_label}",
                doc["unika_deltagare"][gender],
            )

    statements = data.get("statements")
    if statements:
        year = statements["ar"]
        parts = (
            ("resultatrakning", "Resultaträkning", presentation.INCOME_STATEMENT),
            ("balansrakning", "Balansräkning", presentation.BALANCE_SHEET),
            ("kassaflodesanalys", "Kassaflödesanalys", presentation.CASH_FLOW),
        )
        for part, section, layout in parts:
            lines = [(line.key, str(line.label)) for line in layout if line.kind != "rubrik"]
            for key, label in lines:
                for when, y in (("ar", year), ("foregaende_ar", year - 1)):
                    add(
                        f"{part}/{key}/{when}",
                        section,
                        f"{label} {y}",
                        statements[part][key][when],
                        "tkr",
                    )
        for when, y in (("ar", year), ("foregaende_ar", year - 1)):
            add(
                f"nyckeltal/soliditet/{when}",
                "Nyckeltal",
                f"Soliditet {y}",
                statements["nyckeltal"]["soliditet_procent"][when],
                "percent",
            )
            add(
                f"nyckeltal/balanskrav/{when}",
                "Nyckeltal",
                f"Balanskravsresultat {y}",
                statements["nyckeltal"]["balanskravsresultat"][when],
                "tkr",
            )
        for line, entries in statements["noter"].items():
            for entry in entries:
                for when, y in (("ar", year), ("foregaende_ar", year - 1)):
                    add(
                        f"noter/{line}/{entry['konto']}/{when}",
                        f"Not: {presentation.note_title(line)}",
                        f"{entry['konto']} {entry['namn']} {y}".strip(),
                        entry[when],
                        "tkr",
                    )

    for row in data.get("five_year", []):
        year = row["ar"]
        for key, label, kind in (
            ("intakter", "Intäkter totalt", "tkr"),
            ("kostnader", "Kostnader totalt", "tkr"),
            ("arets_resultat", "Årets resultat", "tkr"),
            ("eget_kapital", "Eget kapital", "tkr"),
            ("soliditet_procent", "Soliditet", "percent"),
        ):
            add(f"five/{year}/{key}", "Femårsöversikt", f"{label} {year}", row[key], kind)
        add(
            f"five/{year}/staff",
            "Femårsöversikt",
            f"Årsarbetare {year}",
            row["arsarbetare"]["totalt"],
        )

    operating = data.get("operating")
    if operating:
        for row in operating["rader"]:
            for field, label in (
                ("intakter", "intäkter"),
                ("kostnader", "kostnader"),
                ("budget_netto", "budget netto"),
                ("foregaende_ar_netto", "netto föregående år"),
            ):
                add(
                    f"drift/{row['nyckel']}/{field}",
                    "Driftredovisning",
                    f"{row['rubrik']}, {label}",
                    row[field],
                    "tkr",
                )

    for check in data.get("checks", []):
        kind = "percent" if check["enhet"] == "procent" else "tkr"
        add(f"check/{check['nyckel']}", "Finansiella mål", check["rubrik"], check["varde"], kind)
        add(
            f"check/{check['nyckel']}/status",
            "Finansiella mål",
            f"{check['rubrik']}, bedömning",
            check["status"].replace("_", " "),
            "text",
        )

    for goal in data.get("goals", []):
        name = f"{goal['insats_name']}: {goal['title']}" if goal["insats_name"] else goal["title"]
        kind = "percent" if goal["percent"] else "number"
        add(f"goal/{name}/target", "Mål", f"{name}, målvärde", goal["target"], kind)
        add(f"goal/{name}/result", "Mål", f"{name}, resultat", goal["result"], kind)
        add(f"goal/{name}/grade", "Mål", f"{name}, måluppfyllelse", goal["grade_label"], "text")

    for member in data.get("members", []):
        add(f"member/{member['name']}", "Medlemsbidrag", member["name"], member["decided"], "tkr")
    for insats in data.get("insatser", []):
        add(
            f"insats/{insats['code']}/budget",
            "Insatser",
            f"{insats['name']}, budget",
            insats["budget"],
            "tkr",
        )
    return result


def differences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Difference]:
    """Every figure that differs (or exists in only one), in the order of `after`, then the
    figures only `before` had; then the narrative sections whose text changed."""
    old, new = figures(before), figures(after)
    result = []
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and _same(a.value, b.value):
            continue
        if (a is None or a.value in (None, 0)) and (b is None or b.value in (None, 0)):
            continue  # a zero that appears or disappears shows nothing new
        shown = b or a
        assert shown is not None
        result.append(
            Difference(
                shown.section,
                shown.label,
                a.shown() if a is not None else MISSING,
                b.shown() if b is not None else MISSING,
            )
        )
    titles = {section.key: section.title for section in sections_for(after["kind"])}
    for key, title in titles.items():
        if before["texts"].get(key, "") != after["texts"].get(key, ""):
            result.append(Difference("Texter", title, "tidigare text", "ändrad text"))
    names = {insats["code"]: insats["name"] for insats in after.get("insatser", [])}
    old_insats, new_insats = before.get("insats_texts", {}), after.get("insats_texts", {})
    for code in sorted({*old_insats, *new_insats}):
        if old_insats.get(code, "") != new_insats.get(code, ""):
            label = f"{names.get(code, code)}: året"
            result.append(Difference("Texter", label, "tidigare text", "ändrad text"))

    def images(data: Mapping[str, Any]) -> dict[str, str]:
        return {
            f"{image['sha256']}/{image['section']}": f"{image['caption']} ({image['alt_text']})"
            for image in data.get("images", [])
        }

    old_images, new_images = images(before), images(after)
    for key in [*new_images, *(k for k in old_images if k not in new_images)]:
        if old_images.get(key) != new_images.get(key):
            result.append(
                Difference(
                    "Bilder",
                    (new_images.get(key) or old_images[key]).split(" (")[0],
                    old_images.get(key, MISSING),
                    new_images.get(key, MISSING),
                )
            )
    return result


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 0.005
    return a == b
