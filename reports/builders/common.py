"""Blocks every report uses: narrative sections, members, signatures, insats descriptions."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from core.document import (
    Block,
    BulletList,
    Column,
    Figure,
    Heading,
    Paragraph,
    Signatory,
    SignatureBlock,
    Table,
    parse_simple_formatting,
)
from core.formatting import format_date_long, format_number, format_tkr, round_shares_to_100

MISSING_TEXT = "*Texten är inte skriven ännu. Den skrivs under Rapporter i Samordna.*"


def narrative(text: str, *, draft: bool) -> list[Block]:
    """A section's prose; in a draft, a visible reminder where nothing is written."""
    if text.strip():
        return list(parse_simple_formatting(text))
    return [Paragraph.from_text(MISSING_TEXT, style="small")] if draft else []


IMAGE_MAX_WIDTH_CM = 16.0
IMAGE_MAX_HEIGHT_CM = 12.0


def image_blocks(images: Sequence[Mapping[str, Any]], section: str) -> list[Block]:
    """The images placed in `section` (reports.services.images), at most the text width and
    12 cm high, at their aspect ratio, each with its caption and text alternative."""
    blocks: list[Block] = []
    for image in images:
        if image["section"] != section:
            continue
        ratio = image["height"] / image["width"]
        width = min(IMAGE_MAX_WIDTH_CM, IMAGE_MAX_HEIGHT_CM / ratio)
        blocks.append(
            Figure(
                caption=image["caption"],
                image_png=base64.b64decode(image["data"]),
                alt_text=image["alt_text"],
                width_cm=round(width, 2),
                height_cm=round(width * ratio, 2),
            )
        )
    return blocks


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"


def members_sentence(members: Sequence[Mapping[str, Any]], year: int) -> str:
    return f"Förbundets medlemmar {year} är {join_names([m['name'] for m in members])}."


def members_table(
    members: Sequence[Mapping[str, Any]], year: int, *, amount: str = "decided"
) -> Table:
    """Members with their contribution for the year and its share (shares sum to 100)."""
    amounts = [m[amount] for m in members]
    have_amounts = any(a is not None for a in amounts)
    columns = [Column("Medlem", width=2.6), Column("Medlem sedan", width=1.3)]
    label = "Tilldelning" if amount == "decided" else "Äskning"
    if have_amounts:
        columns += [
            Column(f"{label} {year}", kind="tkr", width=1.3),
            Column("Andel", align="right", width=0.9),
        ]
    counts: list[int] = [amount or 0 for amount in amounts]
    total = sum(counts)
    shares = round_shares_to_100(counts) if have_amounts and total else None
    rows = []
    for index, member in enumerate(members):
        joined = member["joined_on"][:4] if member["joined_on"] else "–"
        row: list[Any] = [member["name"], joined]
        if have_amounts:
            row += [member[amount], f"{shares[index]}\u00a0%" if shares else None]
        rows.append(row)
    totals = []
    if have_amounts:
        totals = [["Summa", "", total, "100\u00a0%" if shares else None]]
    return Table(
        columns=columns,
        rows=rows,
        total_rows=totals,
        caption=f"Medlemmar och medlemsbidrag {year}" if have_amounts else f"Medlemmar {year}",
        unit="Belopp i tkr" if have_amounts else "",
        notes=(
            ["Försäkringskassan betalar statens andel, även Arbetsförmedlingens."]
            if any(m["kind"] == "arbetsformedlingen" for m in members) and have_amounts
            else []
        ),
    )


def board_blocks(
    board: Sequence[Mapping[str, str]],
    year: int,
    trustees: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> list[Block]:
    """The board and the auditors of the year from the register of förtroendevalda (names
    and organisations exactly as entered); without a register, the signing board."""
    if trustees and (trustees.get("board") or trustees.get("auditors")):
        blocks: list[Block] = []
        if trustees.get("board"):
            blocks.append(_trustee_table(trustees["board"], f"Styrelsen {year}", "Utsedd av", year))
        if trustees.get("auditors"):
            blocks.append(
                _trustee_table(trustees["auditors"], f"Revisorer {year}", "Organisation", year)
            )
        return blocks
    if not board:
        return []
    return [
        Table(
            columns=[Column("Namn", width=2.0), Column("Uppdrag", width=3.0)],
            rows=[[person["name"], person["role"]] for person in board],
            caption=f"Styrelsen {year}",
        )
    ]


def _mandate(person: Mapping[str, Any], year: int) -> str:
    start = person["start"][:7] if person.get("start") else ""
    end = person["end"][:7] if person.get("end") else "tills vidare"
    return f"{start} – {end}"


def _trustee_table(
    people: Sequence[Mapping[str, Any]], caption: str, organisation: str, year: int
) -> Table:
    return Table(
        columns=[
            Column("Namn", width=2.2),
            Column("Uppdrag", width=1.6),
            Column(organisation, width=2.2),
            Column("Mandatperiod", width=1.8),
        ],
        rows=[[p["name"], p["role_label"], p["organisation"], _mandate(p, year)] for p in people],
        caption=caption,
    )


def ideal_sentence(ideal: Mapping[str, Any] | None, year: int) -> str:
    if not ideal or ideal["actual_total"] is None:
        return ""
    share = ideal["share_of_ideal"]
    return (
        f"Enligt statens fördelningsmodell skulle förbundets samlade tilldelning {year} vara "
        f"{format_tkr(ideal['ideal_total'])} tkr. Den faktiska tilldelningen är "
        f"{format_tkr(ideal['actual_total'])} tkr, vilket motsvarar "
        f"{format_number(share * 100)} % av modellens nivå."
    )


def signature_block(
    board: Sequence[Mapping[str, str]], adoption: Mapping[str, Any] | None, intro: str, place: str
) -> SignatureBlock:
    if adoption:
        signatories = [Signatory(s["name"], s.get("role", "")) for s in adoption["signatories"]]
        return SignatureBlock(
            signatories=signatories,
            place=adoption.get("place") or place,
            date=date.fromisoformat(adoption["adopted_on"]),
            intro=intro,
        )
    signatories = [Signatory(person["name"], person["role"]) for person in board]
    if not signatories:
        signatories = [Signatory("", "Ordförande"), Signatory("", "Vice ordförande")]
    return SignatureBlock(signatories=signatories, place=place, intro=intro)


def adoption_subtitle(
    adoption: Mapping[str, Any] | None, *, published: bool, draft_text: str
) -> str:
    if adoption:
        adopted_on = date.fromisoformat(adoption["adopted_on"])
        text = f"Fastställd av styrelsen den {format_date_long(adopted_on)}"
        if adoption.get("decision_reference"):
            text += f" ({adoption['decision_reference']})"
        if adoption.get("version", 1) > 1:
            text += f". Version {adoption['version']}"
    else:
        text = draft_text
    if published:
        text += ". Publiceringsversion"
    return text


def insats_overview_table(insatser: Sequence[Mapping[str, Any]], year: int) -> Table:
    rows = []
    for insats in insatser:
        start = insats["start_date"][:7] if insats["start_date"] else ""
        end = insats["end_date"][:7] if insats["end_date"] else "tills vidare"
        rows.append(
            [
                insats["name"],
                "Individinriktad" if insats["individual"] else "Strukturinriktad",
                f"{start} – {end}" if start else end,
                insats["budget"],
            ]
        )
    return Table(
        columns=[
            Column("Insats", width=3.0),
            Column("Inriktning", width=1.5),
            Column("Period", width=1.7),
            Column(f"Budget {year}", kind="tkr", width=1.1),
        ],
        rows=rows,
        total_rows=[["Summa", "", "", sum_or_none(i["budget"] for i in insatser)]],
        caption=f"Förbundets insatser {year}",
        unit="Belopp i tkr",
    )


def sum_or_none(values) -> Any:
    """The sum of the values given; None ("–") when there is none, not a made-up 0."""
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def insats_description(
    insats: Mapping[str, Any], level: int, narrative_text: str = "", year: int | None = None
) -> list[Block]:
    """An insats: its description and facts; in the annual report, the förbund's own text
    about the insats's year (`narrative_text`) after the facts."""
    blocks: list[Block] = [Heading(level, insats["name"])]
    if insats["description"]:
        blocks += parse_simple_formatting(insats["description"])
    facts = []
    if insats["target_group"]:
        facts.append(f"**Målgrupp:** {insats['target_group']}")
    if insats["methods"]:
        facts.append(f"**Metoder:** {insats['methods']}")
    if insats["executing_members"]:
        facts.append(f"**Utförare:** {join_names(insats['executing_members'])}")
    if insats["esf_financed"]:
        facts.append("**Finansiering:** delfinansierad av Europeiska socialfonden (ESF)")
    expected = []
    if insats["expected_participants"]:
        expected.append(f"{insats['expected_participants']} deltagare")
    if insats["expected_share_women"] is not None:
        expected.append(f"{format_number(insats['expected_share_women'])} % kvinnor")
    if insats["expected_share_work_or_studies"] is not None:
        expected.append(
            f"{format_number(insats['expected_share_work_or_studies'])} % avslutade till arbete "
            f"eller studier"
        )
    if expected:
        facts.append(f"**Förväntat resultat:** {', '.join(expected)}")
    if facts:
        blocks.append(BulletList.from_texts(facts))
    if narrative_text.strip():
        # "Året 2024:" leads the first paragraph (a line of its own could end a page).
        lead = f"**Året {year}:**" if year else "**Året:**"
        text = narrative_text.strip()
        if text.startswith("- "):
            blocks.append(Paragraph.from_text(lead))
            blocks += parse_simple_formatting(text)
        else:
            blocks += parse_simple_formatting(f"{lead} {text}")
    if len(blocks) == 1:
        blocks.append(Paragraph.from_text("Ingen beskrivning är registrerad.", style="small"))
    return blocks


def cover_note(data: Mapping[str, Any]) -> str:
    """Who the förbund is, for the foot of the cover (Roslagen 2023 has it)."""
    forbund = data["forbund"]
    lines = [
        f"{forbund['name']} är ett samordningsförbund enligt lagen (2003:1210) om finansiell "
        f"samordning av rehabiliteringsinsatser."
    ]
    members = [member["name"] for member in data.get("members", [])]
    if members:
        lines[0] += f" Medlemmar är {join_names(members)}."
    facts = []
    if forbund.get("org_number"):
        facts.append(f"Organisationsnummer {forbund['org_number']}")
    if forbund.get("seat"):
        facts.append(f"Säte {forbund['seat']}")
    if facts:
        lines.append(" · ".join(facts))
    return "\n".join(lines)
