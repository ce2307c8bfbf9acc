"""The annual report (årsredovisning) from its data snapshot, in the primer's order:

Ordförande har ordet · Sammanfattning av verksamhetsåret · 1 Förvaltningsberättelse (1.1–1.8)
· 2 Verksamhet och deltagare · 3 Ekonomiska resultat (3.1 Resultaträkning, 3.2 Balansräkning,
3.3 Kassaflödesanalys, 3.4 Driftredovisning) · 4 Noter · 5 Styrelsens underskrift · 6 Bilagor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.document import (
    Block,
    Column,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
)
from core.formatting import format_percent, format_tkr

from .common import (
    adoption_subtitle,
    board_blocks,
    cover_note,
    ideal_sentence,
    image_blocks,
    insats_description,
    insats_overview_table,
    join_names,
    members_sentence,
    members_table,
    narrative,
    signature_block,
)
from .economy import (
    area_chart,
    balance_requirement_follow_up_blocks,
    balance_requirement_table,
    balance_sheet_table,
    cash_flow_table,
    checks_table,
    five_year_chart,
    five_year_table,
    income_statement_table,
    missing_books,
    note_numbers,
    note_tables,
    operating_table,
    row_label,
    shown_statements,
    staff_table,
)
from .goals import goal_blocks, summary_sentence
from .notes import audit_note, pension_note, principles
from .participants import participant_blocks
from .surveys import survey_blocks

SIGNATURE_INTRO = (
    "Vi intygar att denna årsredovisning för {year} ger en rättvisande bild av verksamhetens "
    "resultat samt kostnader, intäkter och förbundets ekonomiska ställning."
)


def build_annual_report(data: Mapping[str, Any]) -> Document:
    builder = _AnnualReport(data)
    return builder.build()


class _AnnualReport:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.year: int = data["year"]
        self.texts: Mapping[str, str] = data["texts"]
        self.adoption = data.get("adoption")
        self.draft = self.adoption is None
        self.published = bool(data["for_publication"])
        # Whole tkr that tie as shown, for every table and sentence of the report.
        self.statements: dict[str, Any] = (
            shown_statements(data["statements"]) if data["statements"] else {}
        )
        self.doc = Document(
            title="Årsredovisning",
            year=self.year,
            organisation=data["forbund"]["name"],
            cover_note=cover_note(data),
            subtitle=adoption_subtitle(
                self.adoption, published=self.published, draft_text="Utkast – inte fastställd"
            ),
            metadata={
                "subject": f"Årsredovisning {self.year}",
                "keywords": "samordningsförbund, FINSAM, årsredovisning",
            },
        )

    def add(self, *blocks: Block | None) -> None:
        self.doc.add(*(block for block in blocks if block is not None))

    def text(self, key: str) -> list[Block]:
        """A section's prose, then the images placed in it."""
        return [
            *narrative(self.texts.get(key, ""), draft=self.draft),
            *image_blocks(self.data.get("images", []), key),
        ]

    def build(self) -> Document:
        self.add(TableOfContents())
        self.add(Heading(1, "Ordförande har ordet"), *self.text("ordforande"))
        self.summary()
        self.administration_report()
        self.activities()
        self.economic_results()
        self.notes()
        self.signatures()
        self.appendices()
        return self.doc

    # --- Sammanfattning ------------------------------------------------------------------

    def summary(self) -> None:
        self.add(Heading(1, f"Sammanfattning av verksamhetsåret {self.year}"))
        self.add(*self.text("sammanfattning"))
        self.add(self.key_figures())

    def key_figures(self) -> Table:
        year = str(self.year)
        previous = str(self.year - 1)
        docs = self.data["statistics"]
        rows: list[list[Any]] = []

        def count_row(label: str, get) -> None:
            rows.append([label, *(get(docs[y]) if y in docs else None for y in (year, previous))])

        count_row("Deltagare i individinriktade insatser", lambda d: d["unika_deltagare"]["totalt"])
        count_row("Nya deltagare", lambda d: d["totalt"]["paborjade"]["totalt"])
        count_row("Avslutade deltagare", lambda d: d["totalt"]["avslutade"]["totalt"])
        if self.statements:
            result = self.statements["resultatrakning"]
            balance = self.statements["balansrakning"]
            for label, figure in (
                ("Verksamhetens intäkter, tkr", result["verksamhetens_intakter"]),
                ("Verksamhetens kostnader, tkr", result["verksamhetens_kostnader"]),
                ("Årets resultat, tkr", result["arets_resultat"]),
                ("Eget kapital vid årets slut, tkr", balance["eget_kapital"]),
            ):
                rows.append([label, _tkr(figure["ar"]), _tkr(figure["foregaende_ar"])])
        return Table(
            columns=[
                Column("", width=3.4),
                Column(year, kind="number"),
                Column(previous, kind="number"),
            ],
            rows=rows,
            caption=f"Året i siffror {self.year}",
        )

    # --- 1 Förvaltningsberättelse ----------------------------------------------------------

    def administration_report(self) -> None:
        year = self.year
        self.add(Heading(1, "1 Förvaltningsberättelse"))
        self.add(
            Paragraph.from_text(
                f"Förvaltningsberättelsen innehåller en översiktlig redogörelse för verksamhetens "
                f"utveckling och resultat samt det ekonomiska utfallet för {year}, i tillämpliga "
                f"delar enligt lagen (2018:597) om kommunal bokföring och redovisning.",
                style="lead",
            )
        )
        members = self.data["members"]
        self.add(Heading(2, "1.1 Organisation och uppdrag"), *self.text("organisation"))
        if members:
            self.add(Paragraph.from_text(members_sentence(members, year)))
            self.add(members_table(members, year))
        ideal = ideal_sentence(self.data.get("ideal"), year)
        if ideal:
            self.add(Paragraph.from_text(ideal))
        self.add(*board_blocks(self.data["board"], year, self.data.get("trustees")))

        self.add(Heading(2, "1.2 Översikt över verksamhetens utveckling"), *self.text("utveckling"))
        overview = self.data["five_year"]
        if any(row["intakter"] is not None for row in overview):
            self.add(five_year_table(overview), five_year_chart(overview))
        else:
            self.add(missing_books(year))

        self.add(
            Heading(2, "1.3 Viktiga förhållanden för resultat och ekonomisk ställning"),
            *self.text("viktiga_forhallanden"),
        )
        self.add(Heading(2, "1.4 Händelser av väsentlig betydelse"), *self.text("handelser"))
        self.add(Heading(2, "1.5 Styrning och uppföljning av verksamheten"), *self.text("styrning"))
        self.add(
            Heading(2, "1.6 God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning"),
            *self.text("hushallning"),
        )
        goals = self.data["goals"]
        sentence = summary_sentence(goals)
        self.add(Heading(3, "Måluppfyllelse"))
        if sentence:
            self.add(Paragraph.from_text(sentence))
        self.add(*goal_blocks(goals, self.data["grading"], year))
        self.add(Heading(3, "Finansiella mål"))
        if self.data["checks"]:
            self.add(checks_table(self.shown_checks(), year))
        else:
            self.add(
                Paragraph.from_text(
                    f"De finansiella målen bedöms på årets bokföring, som inte är inläst för "
                    f"{year}."
                )
            )
        self.add(*self.financial_position())
        requirement = balance_requirement_table(self.statements) if self.statements else None
        if requirement is not None:
            self.add(Heading(3, "Balanskravsutredning"), requirement)
            self.add(
                *balance_requirement_follow_up_blocks(
                    self.data.get("balance_requirement"), self.statements
                )
            )

        self.add(Heading(2, "1.7 Väsentliga personalförhållanden"), *self.text("personal"))
        self.add(staff_table(overview))
        self.add(Heading(2, "1.8 Förväntad utveckling"), *self.text("forvantad_utveckling"))

    def shown_checks(self) -> list[dict[str, Any]]:
        """The checks with equity and the balanskravsresultat as the statements show them
        (whole tkr that tie), so the same figure reads the same in every table."""
        if not self.statements:
            return self.data["checks"]
        shown = {
            "eget_kapital": self.statements["balansrakning"]["eget_kapital"]["ar"],
            "balanskrav": self.statements["nyckeltal"]["balanskravsresultat"]["ar"],
        }
        return [
            {**check, "varde": shown[check["nyckel"]]} if check["nyckel"] in shown else check
            for check in self.data["checks"]
        ]

    def financial_position(self) -> list[Block]:
        if not self.statements:
            return []
        balance = self.statements["balansrakning"]
        keys = self.statements["nyckeltal"]
        parts = [
            f"Eget kapital vid årets slut uppgår till {_tkr(balance['eget_kapital']['ar'])} tkr"
        ]
        if balance["eget_kapital"]["foregaende_ar"] is not None:
            parts[0] += f" ({_tkr(balance['eget_kapital']['foregaende_ar'])} tkr föregående år)"
        if keys["soliditet_procent"]["ar"] is not None:
            parts.append(f"soliditeten är {_percent(keys['soliditet_procent']['ar'])}")
        text = ", ".join(parts) + "."
        requirement = keys["balanskravsresultat"]["ar"]
        if requirement is not None:
            verdict = "uppfyller" if requirement >= 0 else "uppfyller inte"
            text += (
                f" Balanskravsresultatet är {_tkr(requirement)} tkr och förbundet {verdict} "
                f"därmed balanskravet."
            )
        return [Paragraph.from_text(text)]

    # --- 2 Verksamhet ---------------------------------------------------------------------

    def activities(self) -> None:
        self.add(Heading(1, "2 Verksamhet och deltagare"), *self.text("verksamhet"))
        self.add(
            *participant_blocks(
                self.data["statistics"], self.year, published=self.published, number="2"
            )
        )
        self.add(*survey_blocks(self.data.get("surveys", []), self.year, self.doc))

    # --- 3 Ekonomiska resultat ------------------------------------------------------------

    def economic_results(self) -> None:
        year = self.year
        self.add(Heading(1, "3 Ekonomiska resultat"), *self.text("ekonomiska_resultat"))
        statements = self.statements
        operating = self.data.get("operating")
        if statements:
            self.add(Paragraph.from_text(self.result_summary()))
        if operating:
            self.add(area_chart(operating, f"Kostnader per område {year}, budget och utfall"))
        if not statements:
            self.add(missing_books(year))
            return
        notes = note_numbers(statements)
        self.add(Heading(2, "3.1 Resultaträkning"), income_statement_table(statements, notes))
        self.add(Heading(2, "3.2 Balansräkning"), balance_sheet_table(statements, notes))
        flow = cash_flow_table(statements)
        self.add(Heading(2, "3.3 Kassaflödesanalys"))
        self.add(
            flow
            if flow is not None
            else Paragraph.from_text(
                "Kassaflödesanalysen kräver föregående års balanser, som inte finns i bokföringen."
            )
        )
        if operating:
            # A long table: it starts a page rather than leave its header at the foot of one.
            self.add(PageBreak(), Heading(2, "3.4 Driftredovisning"))
            self.add(operating_table(operating, caption=f"Driftredovisning {year}"))

    def result_summary(self) -> str:
        result = self.statements["resultatrakning"]
        income = result["verksamhetens_intakter"]
        costs = result["verksamhetens_kostnader"]
        outcome = result["arets_resultat"]
        text = (
            f"Verksamhetens intäkter {self.year} uppgick till {_tkr(income['ar'])} tkr"
            + (
                f" ({_tkr(income['foregaende_ar'])} tkr {self.year - 1})"
                if income["foregaende_ar"] is not None
                else ""
            )
            + f" och verksamhetens kostnader till {_tkr(_negate(costs['ar']))} tkr"
            + (
                f" ({_tkr(_negate(costs['foregaende_ar']))} tkr)"
                if costs["foregaende_ar"] is not None
                else ""
            )
            + f". Årets resultat blev {_tkr(outcome['ar'])} tkr."
        )
        operating = self.data.get("operating")
        if operating and operating["har_budget"]:
            result_row = operating["rader"][-1]
            text += (
                f" Budgeterat resultat var {_tkr(result_row['budget_netto'])} tkr, vilket ger "
                f"en avvikelse mot budget på {_tkr(result_row['avvikelse'])} tkr."
            )
        return text

    # --- 4 Noter, 5 Underskrift, 6 Bilagor --------------------------------------------------

    def notes(self) -> None:
        self.add(Heading(1, "4 Noter"))
        self.add(Heading(2, "Redovisningsprinciper"), *self.text("redovisningsprinciper"))
        self.add(*principles(self.year))
        if self.statements:
            numbers = note_numbers(self.statements)
            self.add(*note_tables(self.statements, numbers))
            following = len(numbers) + 1
            self.add(*pension_note(self.statements, following))
            self.add(*audit_note(self.statements, following + 1))
        self.add(Heading(2, "Händelser efter balansdagen"), *self.text("efter_balansdagen"))

    def signatures(self) -> None:
        self.add(Heading(1, "5 Styrelsens underskrift"))
        self.add(
            signature_block(
                self.data["board"],
                self.adoption,
                SIGNATURE_INTRO.format(year=self.year),
                self.data.get("signing_place", ""),
            )
        )

    def appendices(self) -> None:
        self.add(Heading(1, "6 Bilagor"), *self.text("bilagor"))
        insatser = self.data["insatser"]
        if not insatser:
            return
        self.add(Heading(2, f"Bilaga 1. Förbundets insatser {self.year}"))
        overview = insats_overview_table(insatser, self.year)
        others = self.objects_without_insats()
        if others:
            overview.notes.append(
                f"Förbundet finansierar också {join_names(others)} utan en egen insats. De "
                f"ingår inte i tabellen men redovisas i driftredovisningen (avsnitt 3.4)."
            )
        self.add(overview)
        narratives = self.data.get("insats_texts", {})
        for insats in insatser:
            self.add(*insats_description(insats, 3, narratives.get(insats["code"], ""), self.year))

    def objects_without_insats(self) -> list[str]:
        """Driftredovisning lines within an area that are not an insats (a budget object such
        as "Gemensamma forum"), with lower-case initials as they stand in a sentence."""
        operating = self.data.get("operating")
        if not operating:
            return []
        names = [
            row_label(row)
            for row in operating["rader"]
            if row["nyckel"].startswith("omrade:")
            and row["nyckel"].count(":") == 2  # an object, not the area's rest
            and (row["kostnader"] or row["budget_netto"])
        ]
        return [name[:1].lower() + name[1:] if name[1:2].islower() else name for name in names]


def _tkr(value) -> str:
    return format_tkr(value)


def _negate(value):
    return None if value is None else -value


def _percent(value) -> str:
    return format_percent(value / 100, 1) if value is not None else "–"
