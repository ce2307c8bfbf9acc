"""Samordningsförbundet Stockholms stad's annual report 2023, rebuilt from its published
tables and counted again.

The fixture reads the published numbers from data/stockholm_stad_2023.json (see
data/README.md): table 2 (started per insats by kön), tables 6, 8, 10 and 12 (ended per
reason by kön for four insatser), the sentences on all ended participants, and the paragraphs
on education and age. From those it generates participations; `year_statistics` must then give
back exactly what the report published. Where the report is silent (which insats a person with
a given education was in, the kön split of the age bands), the generator makes a choice and the
tests assert only what was published.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from core.formatting import round_shares_to_100
from participants.services.statistics import year_statistics
from participants.services.statistics_publication import publication
from participants.tests.statistics_factories import Row, add_rows, individual, make_insatser
from participants.tests.test_suppression_integration import check_publication

YEAR = 2023
PUBLISHED = Path(__file__).resolve().parent / "data" / "stockholm_stad_2023.json"

# Table 2's names, as the report writes them, and our codes for them.
CODES = {
    "FINSAM-team": "FT",
    "Aktivitetsplatsen": "AP",
    "IPS beroende-problematik": "IPSB",
    "IPS i psykosvården": "IPSP",
    "Novum": "NOVUM",
    "Hälsofrämjande insatser för nyanlända": "HALSA",
}
REASONS = {
    "Arbete": "arbete",
    "Studier": "studier",
    "Arbetssökande": "arbetssokande",
    "Fortsatt rehabilitering": "fortsatt_rehabilitering",
    "Sjukdom": "sjukdom",
    "Annat": "annat",
}


@dataclass
class Published:
    """What the report published for 2023."""

    started: dict[str, tuple[int, int]]  # insats → (women, men)
    ended: dict[str, dict[str, tuple[int, int]]]  # insats → reason → (women, men)
    ended_all: tuple[int, int]
    active: dict[str, tuple[int, int]] = field(default_factory=dict)
    education: dict[str, int] = field(default_factory=dict)
    education_share: dict[tuple[str, str], int] = field(default_factory=dict)
    age: dict[str, int] = field(default_factory=dict)


def women_and_men(cell: dict[str, int], where) -> tuple[int, int]:
    """A published (women, men) pair, checked against the published total beside it."""
    assert cell["women"] + cell["men"] == cell["total"], where
    return cell["women"], cell["men"]


@cache
def published() -> Published:
    data = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert data["year"] == YEAR

    table2 = data["started"]
    started = {
        CODES[name]: women_and_men(cell, ("Tabell 2", name))
        for name, cell in table2["rows"].items()
    }
    assert set(started) == set(CODES.values())
    assert sum(w + m for w, m in started.values()) == table2["total"]["total"]
    assert sum(w for w, _ in started.values()) == table2["total"]["women"]

    ended: dict[str, dict[str, tuple[int, int]]] = {}
    for table in data["ended_by_reason"]:
        rows = {
            REASONS[reason]: women_and_men(cell, (table["table"], reason))
            for reason, cell in table["rows"].items()
        }
        assert set(rows) == set(REASONS.values()), table["table"]
        assert sum(w + m for w, m in rows.values()) == table["total"]["total"], table["table"]
        ended[CODES[table["insats"]]] = rows
    assert data["ended_none"] == ["Novum"]  # "Novum avslutade inga deltagare under 2023."
    result = Published(started, ended, women_and_men(data["ended_all"], "avslutade"))

    # Participants during the year, where the report gives them.
    during = data["participants_during_year"]
    result.active["AP"] = women_and_men(during["Aktivitetsplatsen"], "Aktivitetsplatsen")
    ipsp = during["IPS i psykosvården"]  # published as shares: "116 deltagare (35% kvinnor…)"
    women = round(ipsp["total"] * ipsp["women_percent"] / 100)
    result.active["IPSP"] = (women, ipsp["total"] - women)

    background = data["background"]
    assert CODES[background["not_registered_for"]] == WITHOUT_BACKGROUND
    result.education = dict(background["education"])
    # "(40 procent av männen jämfört med 26 procent av kvinnorna)": only grundskola fits these
    # shares (46 + 62 = 108), although the sentence also names gymnasium.
    for level, shares in background["education_percent_of_gender"].items():
        result.education_share[(level, "man")] = shares["men"]
        result.education_share[(level, "kvinna")] = shares["women"]
    registered = women_and_men(background["registered"], "bakgrund")
    assert sum(result.education.values()) == sum(registered)
    result.age = dict(background["age_at_start"])
    return result


# --- Generating participations from the published numbers --------------------------------

# Background variables were registered for every insats but this one (the report says so).
WITHOUT_BACKGROUND = "HALSA"


def split_by_share(total: dict[str, int], women: int, men: int, shares) -> dict[str, tuple]:
    """A women/men split of each education level that reproduces the published shares."""
    result: dict[str, tuple[int, ...]] = {}
    for level in ("grundskola", "eftergymnasial"):
        wanted_w, wanted_m = shares[(level, "kvinna")], shares[(level, "man")]
        options = [
            (w, total[level] - w)
            for w in range(total[level] + 1)
            if round(100 * w / women) == wanted_w
            and round(100 * (total[level] - w) / men) == wanted_m
        ]
        result[level] = options[0]
    missing = total["uppgift_saknas"]
    result["uppgift_saknas"] = (missing // 2, missing - missing // 2)
    result["gymnasium"] = tuple(
        count - sum(result[level][g] for level in result) for g, count in enumerate((women, men))
    )
    return result


def split_age(total: dict[str, int], women: int, men: int) -> dict[str, tuple[int, int]]:
    """Proportional split, tilted as the report says: under 30 slightly more common among
    men, 30–50 among women."""
    known = sum(total.values())
    missing = women + men - known
    result = {"uppgift_saknas": (missing // 2 + missing % 2, missing // 2)}
    left_w = women - result["uppgift_saknas"][0]
    women_per_band = {band: round(total[band] * left_w / known) for band in total}
    women_per_band["over_50"] += left_w - sum(women_per_band.values())
    tilt = 3
    women_per_band["under_30"] -= tilt
    women_per_band["30_50"] += tilt
    for band, w in women_per_band.items():
        result[band] = (w, total[band] - w)
    return result


def background_values(pub: Published) -> dict[str, list[tuple[str, int | None]]]:
    """Per kön, one (education, birth year) per started participant with registered background."""
    women = sum(w for code, (w, _m) in pub.started.items() if code != WITHOUT_BACKGROUND)
    men = sum(m for code, (_w, m) in pub.started.items() if code != WITHOUT_BACKGROUND)
    education = split_by_share(pub.education, women, men, pub.education_share)
    age = split_age(pub.age, women, men)
    birth_year = {
        "under_30": YEAR - 25,
        "30_50": YEAR - 40,
        "over_50": YEAR - 58,
        "uppgift_saknas": None,
    }
    result = {}
    for index, gender in enumerate(("kvinna", "man")):
        levels = [level for level, split in education.items() for _ in range(split[index])]
        years = [birth_year[band] for band, split in age.items() for _ in range(split[index])]
        assert len(levels) == len(years) == (women, men)[index]
        result[gender] = list(zip(levels, years, strict=True))
    return result


def generate_rows(pub: Published) -> list[Row]:
    """Participations that reproduce the published numbers for 2023.

    Per insats and kön: the started ones start in 2023; people still there from before
    (where the report gives the active count, or as many as ended beyond the started) start
    in 2022. The ended ones are taken from those from before first.
    """
    background = background_values(pub)
    rows: list[Row] = []
    serial = 0
    for code in CODES.values():
        for index, gender in enumerate(("kvinna", "man")):
            started = pub.started[code][index]
            reasons = [
                reason
                for reason, split in pub.ended.get(code, {}).items()
                for _ in range(split[index])
            ]
            if code == WITHOUT_BACKGROUND:  # ended without a registered reason
                others = sum(sum(split[index] for split in t.values()) for t in pub.ended.values())
                reasons = [""] * (pub.ended_all[index] - others)
            if code in pub.active:
                earlier = pub.active[code][index] - started
            else:
                earlier = max(len(reasons) - started, 0)
            for n in range(earlier + started):
                serial += 1
                from_before = n < earlier
                start = (
                    date(YEAR - 1, 2, 1) + timedelta(days=n % 300)
                    if from_before
                    else date(YEAR, 1, 2) + timedelta(days=n % 170)
                )
                education, birth_year = "", None
                if not from_before and code != WITHOUT_BACKGROUND:
                    education, birth_year = background[gender].pop()
                reason = reasons[n] if n < len(reasons) else None
                rows.append(
                    Row(
                        person=f"S004-{serial:05d}",
                        insats=code,
                        start=start,
                        end=None if reason is None else date(YEAR, 11, 15) + timedelta(n % 40),
                        reason=reason or "",
                        gender=gender,
                        birth_year=birth_year,
                        education=education,
                    )
                )
    assert all(not left for left in background.values()), "every background value is used"
    return rows


@pytest.fixture
def seed_document(world):
    names = {code: name for name, code in CODES.items()}
    make_insatser(world.b, [individual(code, names[code]) for code in CODES.values()])
    add_rows(world.b, generate_rows(published()))
    return year_statistics(world.b, YEAR)


# --- The published tables, counted again ---------------------------------------------------


def women_men(cell) -> tuple[int, int]:
    return cell["kvinna"], cell["man"]


def test_table_2_started_per_insats_by_kon_is_reproduced(seed_document):
    insatser = seed_document["insatser"]
    assert women_men(insatser["FT"]["paborjade"]) == (81, 49)
    assert insatser["FT"]["paborjade"]["totalt"] == 130
    assert women_men(insatser["AP"]["paborjade"]) == (59, 24)
    assert women_men(insatser["IPSB"]["paborjade"]) == (11, 50)
    assert women_men(insatser["IPSP"]["paborjade"]) == (13, 23)
    assert women_men(insatser["NOVUM"]["paborjade"]) == (13, 9)
    assert women_men(insatser["HALSA"]["paborjade"]) == (165, 56)
    assert seed_document["totalt"]["paborjade"] == {
        "kvinna": 342,
        "man": 211,
        "ej_angivet": 0,
        "totalt": 553,
    }


def test_tables_6_8_10_12_ended_per_reason_by_kon_are_reproduced(seed_document):
    for code, reasons in published().ended.items():
        got = seed_document["insatser"][code]["avslutsorsaker"]
        for reason, split in reasons.items():
            assert women_men(got[reason]) == split, (code, reason)
        assert got["ej_registrerad"]["totalt"] == 0
    ft = seed_document["insatser"]["FT"]
    assert women_men(ft["avslutsorsaker"]["arbete"]) == (8, 7)
    assert women_men(ft["avslutsorsaker"]["sjukdom"]) == (36, 22)
    assert women_men(ft["avslutade"]) == (71, 63)
    assert seed_document["insatser"]["AP"]["avslutade"]["totalt"] == 214
    assert seed_document["insatser"]["IPSP"]["avslutade"]["totalt"] == 43
    assert women_men(seed_document["insatser"]["IPSB"]["avslutade"]) == (3, 8)
    assert seed_document["insatser"]["NOVUM"]["avslutade"]["totalt"] == 0


def test_table_3_ended_by_grouped_reason_and_its_shares_are_reproduced(seed_document):
    def grouped(code):
        r = seed_document["insatser"][code]["avslutsorsaker"]
        work = sum(r[k]["totalt"] for k in ("arbete", "studier", "arbetssokande"))
        return [
            work,
            r["fortsatt_rehabilitering"]["totalt"],
            r["sjukdom"]["totalt"],
            r["annat"]["totalt"],
        ]

    assert grouped("FT") == [57, 12, 58, 7]
    assert grouped("AP") == [16, 96, 98, 4]
    assert grouped("IPSP") == [14, 6, 19, 4]
    assert grouped("IPSB") == [2, 5, 0, 4]
    # The shares printed in table 3 (largest remainder gives the same for these two).
    assert round_shares_to_100(grouped("FT")) == [43, 9, 43, 5]
    assert round_shares_to_100(grouped("IPSP")) == [33, 14, 44, 9]


def test_all_ended_and_ended_with_a_registered_reason_are_reproduced(seed_document):
    total = seed_document["totalt"]
    assert women_men(total["avslutade"]) == (408, 215)
    assert total["avslutade"]["totalt"] == 623
    registered = total["avslutade"]["totalt"] - total["avslutsorsaker"]["ej_registrerad"]["totalt"]
    assert registered == 402
    # "avslutades 8 procent (17 kvinnor och 15 män) till arbete, 1 procent till studier
    # (1 kvinna och 4 män), 13 procent till arbetssökande (22 kvinnor och 30 män), 30 procent
    # till fortsatt rehabilitering (81 kvinnor och 38 män), 44 procent (112 kvinnor och 63 män)
    # på grund av sjukdom och 5 procent till annat (9 kvinnor och 10 män)."
    reasons = total["avslutsorsaker"]
    assert women_men(reasons["arbete"]) == (17, 15)
    assert women_men(reasons["studier"]) == (1, 4)
    assert women_men(reasons["arbetssokande"]) == (22, 30)
    assert women_men(reasons["fortsatt_rehabilitering"]) == (81, 38)
    assert women_men(reasons["sjukdom"]) == (112, 63)
    assert women_men(reasons["annat"]) == (9, 10)
    assert women_men(seed_document["insatser"]["HALSA"]["avslutsorsaker"]["ej_registrerad"]) == (
        166,
        55,
    )


def registered_background(document, breakdown):
    """The breakdown summed over the insatser with registered background (all but one)."""
    result = Counter()
    for code, insats in document["insatser"].items():
        if code != WITHOUT_BACKGROUND:
            for category, cell in insats[breakdown].items():
                for gender, count in cell.items():
                    result[(category, gender)] += count
    return result


def test_education_paragraph_is_reproduced(seed_document):
    education = registered_background(seed_document, "utbildning")
    assert education[("grundskola", "totalt")] == 108
    assert education[("gymnasium", "totalt")] == 118
    assert education[("eftergymnasial", "totalt")] == 102
    assert education[("uppgift_saknas", "totalt")] == 4
    known = [
        education[(level, "totalt")] for level in ("grundskola", "gymnasium", "eftergymnasial")
    ]
    # The shares are of those whose education is known: 33, 36 and 31 percent.
    assert round_shares_to_100(known) == [33, 36, 31]
    women = sum(
        education[(level, "kvinna")]
        for level in ("grundskola", "gymnasium", "eftergymnasial", "uppgift_saknas")
    )
    men = sum(
        education[(level, "man")]
        for level in ("grundskola", "gymnasium", "eftergymnasial", "uppgift_saknas")
    )
    assert (women, men) == (177, 155)
    assert round(100 * education[("grundskola", "man")] / men) == 40
    assert round(100 * education[("grundskola", "kvinna")] / women) == 26
    assert round(100 * education[("eftergymnasial", "kvinna")] / women) == 41
    assert round(100 * education[("eftergymnasial", "man")] / men) == 19


def test_age_paragraph_is_reproduced(seed_document):
    age = registered_background(seed_document, "alder_vid_start")
    bands = [age[(band, "totalt")] for band in ("under_30", "30_50", "over_50")]
    assert bands == [55, 173, 97]
    # The shares are of those whose age is known: 17, 53 and 30 percent.
    assert round_shares_to_100(bands) == [17, 53, 30]
    # "Andel deltagare under 30 år är något högre hos männen … 30 till 50 år … hos kvinnorna"
    women = sum(age[(b, "kvinna")] for b in ("under_30", "30_50", "over_50"))
    men = sum(age[(b, "man")] for b in ("under_30", "30_50", "over_50"))
    assert age[("under_30", "man")] / men > age[("under_30", "kvinna")] / women
    assert age[("30_50", "kvinna")] / women > age[("30_50", "man")] / men


def test_insats_without_background_counts_everyone_as_missing(seed_document):
    halsa = seed_document["insatser"]["HALSA"]
    assert halsa["utbildning"]["uppgift_saknas"]["totalt"] == 221
    assert halsa["alder_vid_start"]["uppgift_saknas"]["totalt"] == 221


def test_participants_during_the_year_match_the_insats_reports(seed_document):
    assert women_men(seed_document["insatser"]["AP"]["deltagare"]) == (154, 60)
    ipsp = seed_document["insatser"]["IPSP"]["deltagare"]
    assert ipsp["totalt"] == 116
    assert round(100 * ipsp["kvinna"] / ipsp["totalt"]) == 35
    ipsb = seed_document["insatser"]["IPSB"]["deltagare"]
    assert ipsb["totalt"] == 61 and round(100 * ipsb["kvinna"] / 61) == 18  # table 11


def test_publishable_version_of_the_seed_year_is_protected(seed_document):
    result = publication(seed_document)
    check_publication(seed_document, result)
    shown = result.document
    # Large published numbers survive: the report's main table stays readable.
    assert shown["insatser"]["HALSA"]["paborjade"]["kvinna"] == 165
    assert shown["insatser"]["AP"]["deltagare"] == {
        "kvinna": 154,
        "man": 60,
        "ej_angivet": 0,
        "totalt": 214,
    }
