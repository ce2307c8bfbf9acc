"""year_statistics follows docs/format/statistik.md rule by rule and agrees with a count by hand."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from participants.services.statistics import (
    AGE_BANDS,
    BREAKDOWNS,
    COUNT_KEYS,
    EDUCATION_LEVELS,
    END_REASONS,
    breakdown_shares,
    compare_years,
    follow_up_statistics,
    period_statistics,
    self_supporting_share,
    shares,
    year_statistics,
    years_with_participations,
)
from participants.tests.statistics_factories import (
    Row,
    add_rows,
    individual,
    make_insatser,
    structural,
)
from samples.participant_rows import participant_rows

CELL_KEYS = ["kvinna", "man", "ej_angivet", "totalt"]


@pytest.fixture
def insatser(world):
    return make_insatser(
        world.b,
        [individual("FT", "FINSAM-team"), individual("AP", "Akt"), structural("KOMP", "Kompetens")],
    )


def stats(world, rows, year=2023):
    add_rows(world.b, rows)
    return year_statistics(world.b, year)


def test_document_has_exactly_the_keys_of_the_spec(world, insatser):
    document = stats(world, [Row("p1", "FT", date(2023, 5, 1), gender="kvinna")])
    assert list(document) == ["forbund", "ar", "insatser", "totalt", "unika_deltagare"]
    assert document["forbund"] == "beta" and document["ar"] == 2023
    section = document["insatser"]["FT"]
    assert list(section) == [
        "namn",
        "deltagare",
        "paborjade",
        "avslutade",
        "avslutsorsaker",
        "alder_vid_start",
        "utbildning",
    ]
    assert section["namn"] == "FINSAM-team"
    assert list(section["avslutsorsaker"]) == list(END_REASONS)
    assert list(section["alder_vid_start"]) == list(AGE_BANDS)
    assert list(section["utbildning"]) == list(EDUCATION_LEVELS)
    for key in COUNT_KEYS:
        assert list(section[key]) == CELL_KEYS
    assert list(document["totalt"]) == list(section)[1:]
    assert list(document["unika_deltagare"]) == CELL_KEYS
    json.dumps(document)  # plain JSON types only


def test_active_means_started_by_31_december_and_not_ended_before_1_january(world, insatser):
    rows = [
        Row("ends-on-new-years-day", "FT", date(2020, 1, 1), date(2023, 1, 1), "annat"),
        Row("ended-the-year-before", "FT", date(2020, 1, 1), date(2022, 12, 31), "annat"),
        Row("starts-on-new-years-eve", "FT", date(2023, 12, 31)),
        Row("starts-the-year-after", "FT", date(2024, 1, 1)),
        Row("ongoing-since-long", "FT", date(2019, 6, 1)),
    ]
    document = stats(world, rows)
    assert document["insatser"]["FT"]["deltagare"]["totalt"] == 3


def test_started_and_ended_count_dates_within_the_year(world, insatser):
    rows = [
        Row("a", "FT", date(2023, 1, 1), date(2023, 12, 31), "arbete", "kvinna"),
        Row("b", "FT", date(2022, 12, 31), date(2024, 1, 1), "arbete", "man"),
        Row("c", "FT", date(2023, 3, 1), gender="man"),
        Row("d", "FT", date(2021, 3, 1), date(2023, 3, 1), "studier", "ej_angivet"),
    ]
    ft = stats(world, rows)["insatser"]["FT"]
    assert ft["paborjade"] == {"kvinna": 1, "man": 1, "ej_angivet": 0, "totalt": 2}
    assert ft["avslutade"] == {"kvinna": 1, "man": 0, "ej_angivet": 1, "totalt": 2}
    assert ft["avslutsorsaker"]["arbete"]["totalt"] == 1
    assert ft["avslutsorsaker"]["studier"]["ej_angivet"] == 1


def test_an_end_without_a_reason_is_ej_registrerad(world, insatser):
    ft = stats(world, [Row("a", "FT", date(2023, 2, 1), date(2023, 6, 1), "", "man")])["insatser"][
        "FT"
    ]
    assert ft["avslutsorsaker"]["ej_registrerad"] == {
        "kvinna": 0,
        "man": 1,
        "ej_angivet": 0,
        "totalt": 1,
    }


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [
        (1994, "under_30"),
        (1993, "30_50"),
        (1973, "30_50"),
        (1972, "over_50"),
        (None, "uppgift_saknas"),
    ],
)
def test_age_at_start_is_the_start_year_minus_the_birth_year(world, insatser, birth_year, band):
    rows = [Row("a", "FT", date(2023, 12, 1), birth_year=birth_year, gender="kvinna")]
    ages = stats(world, rows)["insatser"]["FT"]["alder_vid_start"]
    assert {name: cell["totalt"] for name, cell in ages.items() if cell["totalt"]} == {band: 1}


def test_age_and_education_describe_only_those_who_started_in_the_year(world, insatser):
    rows = [
        Row("before", "FT", date(2022, 5, 1), birth_year=1990, education="gymnasium"),
        Row("now", "FT", date(2023, 5, 1), birth_year=1990, education=""),
    ]
    ft = stats(world, rows)["insatser"]["FT"]
    assert ft["alder_vid_start"]["30_50"]["totalt"] == 1
    assert ft["utbildning"]["gymnasium"]["totalt"] == 0
    assert ft["utbildning"]["uppgift_saknas"]["totalt"] == 1


def test_only_individinriktade_insatser_with_someone_active_are_listed(world, insatser):
    rows = [
        Row("a", "FT", date(2023, 5, 1)),
        Row("b", "KOMP", date(2023, 5, 1)),
        Row("c", "AP", date(2020, 5, 1), date(2021, 1, 1)),
    ]
    document = stats(world, rows)
    assert list(document["insatser"]) == ["FT"]
    assert document["totalt"]["deltagare"]["totalt"] == 1
    assert document["unika_deltagare"]["totalt"] == 1


def test_totalt_is_the_sum_over_the_insatser(world, insatser):
    rows = [
        Row("a", "FT", date(2023, 5, 1), date(2023, 8, 1), "sjukdom", "kvinna", 1980),
        Row("b", "AP", date(2023, 6, 1), date(2023, 9, 1), "sjukdom", "kvinna", 2001, "grundskola"),
        Row("c", "AP", date(2022, 6, 1), gender="man"),
    ]
    document = stats(world, rows)
    total = document["totalt"]
    assert total["avslutsorsaker"]["sjukdom"] == {
        "kvinna": 2,
        "man": 0,
        "ej_angivet": 0,
        "totalt": 2,
    }
    assert total["deltagare"] == {"kvinna": 2, "man": 1, "ej_angivet": 0, "totalt": 3}
    assert total["alder_vid_start"]["under_30"]["totalt"] == 1
    assert total["utbildning"]["grundskola"]["totalt"] == 1


def test_a_person_in_two_insatser_is_one_unique_participant_with_the_latest_kon(world, insatser):
    rows = [
        Row("same", "FT", date(2022, 1, 1), date(2023, 3, 1), "annat", "kvinna"),
        Row("same", "AP", date(2023, 4, 1), gender="ej_angivet"),
        Row("other", "AP", date(2023, 4, 1), gender="man"),
    ]
    document = stats(world, rows)
    assert document["totalt"]["deltagare"]["totalt"] == 3
    assert document["unika_deltagare"] == {"kvinna": 0, "man": 1, "ej_angivet": 1, "totalt": 2}


@pytest.mark.parametrize("swapped", [False, True])
def test_same_day_participations_give_the_same_kon_in_either_row_order(world, insatser, swapped):
    """Issue 15: two participations of one person starting the same day with different kön.
    The later end decides; with equal ends, the insats code last in order (FT after AP)."""
    same_end = [
        Row("p", "AP", date(2023, 2, 1), date(2023, 6, 1), "annat", "kvinna"),
        Row("p", "FT", date(2023, 2, 1), date(2023, 6, 1), "annat", "man"),
    ]
    later_end = [
        Row("q", "FT", date(2023, 3, 1), date(2023, 4, 1), "annat", "man"),
        Row("q", "AP", date(2023, 3, 1), None, "", "kvinna"),
    ]
    rows = same_end + later_end
    if swapped:
        rows = same_end[::-1] + later_end[::-1]
    document = stats(world, rows)
    assert document["unika_deltagare"] == {"kvinna": 1, "man": 1, "ej_angivet": 0, "totalt": 2}


def test_statistics_take_one_query_whatever_the_size(
    world, insatser, django_assert_max_num_queries
):
    add_rows(
        world.b,
        [
            Row(f"p{n}", ("FT", "AP")[n % 2], date(2023, 1 + n % 12, 1), gender="kvinna")
            for n in range(300)
        ],
    )
    # One statement for the counts, and one for the förbund's frozen years (gallring.md).
    with django_assert_max_num_queries(2):
        year_statistics(world.b, 2023)


def test_statistics_of_one_forbund_never_count_another(world, insatser):
    make_insatser(world.a, [individual("FT", "Alfas FT")])
    add_rows(world.a, [Row("x", "FT", date(2023, 5, 1))])
    assert year_statistics(world.b, 2023)["insatser"] == {}
    assert year_statistics(world.a, 2023)["insatser"]["FT"]["namn"] == "Alfas FT"


# --- An independent count of a generated file ---------------------------------------------

FILE_GENDER = {"kvinna": "kvinna", "man": "man", "ej angivet": "ej_angivet"}
FILE_REASON = {
    "": "ej_registrerad",
    "arbete": "arbete",
    "studier": "studier",
    "arbetssökande": "arbetssokande",
    "fortsatt rehabilitering": "fortsatt_rehabilitering",
    "sjukdom": "sjukdom",
    "annat": "annat",
}
FILE_FOLLOW_UP = {"ja": "ja", "nej": "nej", "ej nådd": "ej_nadd"}


def rows_from_file(rows):
    """The generated file's rows as database rows (the import's job, done plainly)."""
    return [
        Row(
            person=r["deltagar_id"],
            insats=r["insats"],
            start=date.fromisoformat(r["startdatum"]),
            end=date.fromisoformat(r["slutdatum"]) if r["slutdatum"] else None,
            reason=FILE_REASON[r["avslutsorsak"]] if r["avslutsorsak"] else "",
            gender=FILE_GENDER[r["kon"]],
            birth_year=int(r["fodelsear"]) if r["fodelsear"] else None,
            education=r["utbildning"],
            follow_up=FILE_FOLLOW_UP.get(r["egen_forsorjning_12_man"], ""),
        )
        for r in rows
    ]


def count_by_hand(rows, year, individual_codes) -> Counter:
    """docs/format/statistik.md's definitions, over the file's rows, in plain Python."""
    counts: Counter = Counter()
    latest: dict[str, tuple] = {}
    for r in rows:
        if r["insats"] not in individual_codes:
            continue
        start = date.fromisoformat(r["startdatum"])
        end = date.fromisoformat(r["slutdatum"]) if r["slutdatum"] else None
        if start.year > year or (end is not None and end.year < year):
            continue
        code, gender = r["insats"], FILE_GENDER[r["kon"]]
        keys: list[tuple[str, ...]] = [("deltagare",)]
        if start.year == year:
            keys.append(("paborjade",))
            age = year - int(r["fodelsear"]) if r["fodelsear"] else None
            band = (
                "uppgift_saknas"
                if age is None
                else "under_30"
                if age < 30
                else "30_50"
                if age <= 50
                else "over_50"
            )
            keys.append(("alder_vid_start", band))
            keys.append(("utbildning", r["utbildning"] or "uppgift_saknas"))
        if end is not None and end.year == year:
            keys.append(("avslutade",))
            keys.append(("avslutsorsaker", FILE_REASON[r["avslutsorsak"]]))
        for key in keys:
            for where in (code, "totalt"):
                counts[(where, *key, gender)] += 1
                counts[(where, *key, "totalt")] += 1
        # Latest start, then latest end (ongoing last), then the insats code.
        rank = (start, end or date.max, code.encode())
        if r["deltagar_id"] not in latest or rank > latest[r["deltagar_id"]][0]:
            latest[r["deltagar_id"]] = (rank, gender)
    for _rank, gender in latest.values():
        counts[("unika_deltagare", gender)] += 1
        counts[("unika_deltagare", "totalt")] += 1
    return counts


def flatten(document):
    """The document's numbers as {(insats|totalt, part[, category], kön): n}, zeros left out."""
    flat = {}
    for where, section in [*document["insatser"].items(), ("totalt", document["totalt"])]:
        for key in COUNT_KEYS:
            flat.update({(where, key, g): n for g, n in section[key].items()})
        for name in BREAKDOWNS:
            for category, cell in section[name].items():
                flat.update({(where, name, category, g): n for g, n in cell.items()})
    flat.update({("unika_deltagare", g): n for g, n in document["unika_deltagare"].items()})
    return {key: n for key, n in flat.items() if n}


@pytest.mark.parametrize("year", [2016, 2019, 2023])
def test_statistics_of_a_generated_file_match_a_count_by_hand(world, year):
    from samples.participant_rows import insatser as insats_specs

    specs = insats_specs(8, first_year=2015)
    make_insatser(world.b, [(s.code, s.name, s.kind) for s in specs])
    rows = participant_rows(rows=1500, insats_count=8, years=10, first_year=2015, seed=year)
    add_rows(world.b, rows_from_file(rows))
    individual_codes = {s.code for s in specs if s.kind == "individinriktad"}
    document = year_statistics(world.b, year)
    assert flatten(document) == dict(count_by_hand(rows, year, individual_codes))
    assert set(document["insatser"]) == {
        code
        for (code, *_rest) in count_by_hand(rows, year, individual_codes)
        if code in individual_codes
    }


# --- Helpers for pages and reports --------------------------------------------------------


def test_shares_sum_to_100_and_follow_the_largest_remainders():
    assert shares({"a": 16, "b": 96, "c": 98, "d": 4}) == {"a": 7, "b": 45, "c": 46, "d": 2}
    assert sum(shares({"a": 1, "b": 1, "c": 1}).values()) == 100
    assert shares({"a": 0, "b": 0}) == {"a": 0, "b": 0}


def test_breakdown_shares_of_a_section_sum_to_100(world, insatser):
    rows = [
        Row(
            f"p{n}",
            "FT",
            date(2023, 1, 1),
            date(2023, 6, 1),
            ("arbete", "sjukdom", "annat")[n % 3],
            "kvinna",
        )
        for n in range(7)
    ]
    ft = stats(world, rows)["insatser"]["FT"]
    assert breakdown_shares(ft, "avslutsorsaker") == {
        "arbete": 43,
        "studier": 0,
        "arbetssokande": 0,
        "fortsatt_rehabilitering": 0,
        "sjukdom": 29,
        "annat": 28,
        "ej_registrerad": 0,
    }
    assert sum(breakdown_shares(ft, "avslutsorsaker", "kvinna").values()) == 100


def test_compare_years_gives_the_year_and_the_two_before_oldest_first(world, insatser):
    add_rows(
        world.b,
        [
            Row("a", "FT", date(2021, 5, 1), date(2021, 9, 1), "arbete"),
            Row("b", "FT", date(2023, 5, 1)),
        ],
    )
    years = compare_years(world.b, 2023)
    assert list(years) == [2021, 2022, 2023]
    assert years[2021]["totalt"]["avslutade"]["totalt"] == 1
    assert years[2022]["insatser"] == {}
    assert years[2023]["totalt"]["paborjade"]["totalt"] == 1


def test_follow_up_of_a_year_describes_those_who_ended_the_year_before(world, insatser):
    rows = [
        Row("a", "FT", date(2021, 5, 1), date(2022, 3, 1), "arbete", "kvinna", follow_up="ja"),
        Row("b", "FT", date(2021, 5, 1), date(2022, 4, 1), "annat", "man", follow_up="nej"),
        Row("c", "FT", date(2021, 5, 1), date(2022, 5, 1), "annat", "man", follow_up="ja"),
        Row("d", "FT", date(2021, 5, 1), date(2022, 6, 1), "annat", "man", follow_up="ej_nadd"),
        Row("e", "AP", date(2021, 5, 1), date(2022, 6, 1), "", "kvinna"),
        Row("f", "FT", date(2022, 5, 1), date(2023, 6, 1), "annat", "man", follow_up="ja"),
    ]
    add_rows(world.b, rows)
    follow_up = follow_up_statistics(world.b, 2023)
    assert follow_up["avslutade_ar"] == 2022
    ft = follow_up["insatser"]["FT"]["svar"]
    assert ft["ja"] == {"kvinna": 1, "man": 1, "ej_angivet": 0, "totalt": 2}
    assert ft["ej_nadd"]["totalt"] == 1
    assert follow_up["totalt"]["ej_registrerad"]["totalt"] == 1
    assert self_supporting_share(ft) == 67  # 2 of the 3 reached
    assert self_supporting_share(follow_up["insatser"]["AP"]["svar"]) is None


def test_years_with_participations_run_from_the_first_start_to_the_last_date(world, insatser):
    assert years_with_participations(world.b) == []
    add_rows(
        world.b,
        [
            Row("a", "FT", date(2019, 5, 1), date(2022, 2, 1), "annat"),
            Row("b", "FT", date(2020, 5, 1)),
        ],
    )
    assert years_with_participations(world.b) == [2022, 2021, 2020, 2019]


def test_years_with_participations_leave_out_years_before_finsam(world, insatser):
    add_rows(world.b, [Row("a", "FT", date(2002, 5, 1), date(2005, 2, 1), "annat")])
    assert years_with_participations(world.b) == [2005, 2004]


# --- The command -----------------------------------------------------------------------


def test_participant_stats_prints_the_document_as_json(world, insatser, capsys):
    add_rows(world.b, [Row("å", "FT", date(2023, 5, 1), gender="kvinna")])
    call_command("participant_stats", "--forbund", "beta", "--year", "2023")
    out = capsys.readouterr().out
    assert json.loads(out) == year_statistics(world.b, 2023)
    assert '"namn": "FINSAM-team"' in out and "\n  " in out  # indented, unescaped


def test_participant_stats_can_print_the_publishable_version(world, insatser, capsys):
    add_rows(world.b, [Row("a", "FT", date(2023, 5, 1), gender="kvinna")])
    call_command("participant_stats", "--forbund", "beta", "--year", "2023", "--publicering")
    document = json.loads(capsys.readouterr().out)
    assert document["insatser"]["FT"]["deltagare"]["kvinna"] == "<5"


def test_participant_stats_refuses_an_unknown_forbund_in_swedish(db):
    with pytest.raises(CommandError, match="Det finns inget förbund med kortnamnet ”saknas”"):
        call_command("participant_stats", "--forbund", "saknas", "--year", "2023")


def test_period_statistics_count_from_1_january_to_the_period_end(world, insatser):
    rows = [
        Row("a", "FT", date(2023, 2, 1), date(2023, 5, 1), "arbete", "kvinna"),
        Row("b", "FT", date(2023, 3, 1), date(2023, 9, 1), "arbete", "man"),  # ends after
        Row("c", "FT", date(2023, 7, 1), gender="man"),  # starts after
    ]
    add_rows(world.b, rows)
    period = period_statistics(world.b, date(2023, 1, 1), date(2023, 6, 30))
    assert (period["ar"], period["fran"], period["till"]) == (2023, "2023-01-01", "2023-06-30")
    ft = period["insatser"]["FT"]
    assert ft["deltagare"]["totalt"] == 2
    assert ft["paborjade"]["totalt"] == 2
    assert ft["avslutade"] == {"kvinna": 1, "man": 0, "ej_angivet": 0, "totalt": 1}
    with pytest.raises(ValueError, match="inom ett och samma år"):
        period_statistics(world.b, date(2022, 7, 1), date(2023, 6, 30))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_participant_stats_of_an_imported_file_match_a_count_of_the_file(
    world, tmp_path, capsys, suffix
):
    from participants.services import import_participants
    from samples.participant_rows import insatser as insats_specs
    from samples.participant_rows import write_rows

    specs = insats_specs(6, first_year=2018)
    make_insatser(world.b, [(s.code, s.name, s.kind) for s in specs])
    path = tmp_path / f"deltagare{suffix}"
    write_rows(participant_rows(rows=800, insats_count=6, years=6, first_year=2018), path)
    with path.open("rb") as handle:
        result = import_participants(world.b, handle, path.name)
    assert result.errors == [] and result.created == 800

    if suffix == ".csv":  # the file itself, read plainly
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
    else:
        sheet = load_workbook(path).worksheets[0]
        header, *body = sheet.iter_rows(values_only=True)
        rows = [
            {
                k: "" if v is None else v.date().isoformat() if hasattr(v, "date") else str(v)
                for k, v in zip(header, values, strict=True)
            }
            for values in body
        ]
    individual_codes = {s.code for s in specs if s.kind == "individinriktad"}
    call_command("participant_stats", "--forbund", "beta", "--year", "2021")
    printed = json.loads(capsys.readouterr().out)
    assert flatten(printed) == dict(count_by_hand(rows, 2021, individual_codes))
