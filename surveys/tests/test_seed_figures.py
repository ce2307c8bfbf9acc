"""Seed 004 (Stockholms stad 2023) figures 7-8 from answer-level data.

The fixture writes a response file with one row per respondent whose answers agree with what
the report published (data/stockholm_stad_2023_nns.json, see data/README.md), imports it with
the command and reads the results with the command. Where the report shows no label (the
narrowest bars), the generator makes a choice; the test asserts only what was published.
"""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from organisations.models import Forbund
from participants.choices import InterventionKind
from participants.models import Insats
from surveys.models import Response

PUBLISHED = json.loads(
    (Path(__file__).resolve().parent / "data" / "stockholm_stad_2023_nns.json").read_text()
)
CODES = {"Aktivitetsplatsen": "AP", "Arbetsträning": "AT", "Stöd av lots via FINSAM-team": "FT"}

# Counts per step, lowest first, that give the published labels (n = 75, or 74 where one
# respondent left the question unanswered).
ANSWERS = {
    "A1": [1, 1, 7, 10, 21, 35],
    "A2": [1, 1, 8, 8, 20, 37],
    "A3": [0, 1, 8, 3, 24, 39],
    "A4": [3, 5, 8, 8, 12, 38],
    "B1": [3, 5, 17, 13, 23, 13],
    "B2": [12, 9, 21, 10, 12, 11],
    "B3": [0, 0, 8, 16, 20, 31],
}


def response_file(path: Path) -> Path:
    genders = (
        ["kvinna"] * PUBLISHED["svar"]["kvinna"]
        + ["m"] * PUBLISHED["svar"]["man"]
        + [""] * PUBLISHED["svar"]["ej_angivet"]
    )
    insatser = [CODES[name] for name, n in PUBLISHED["per_insats"].items() for _ in range(n)]
    total = PUBLISHED["svar"]["totalt"]
    assert len(genders) == len(insatser) == total
    columns: dict[str, list[str]] = {}
    for code, counts in ANSWERS.items():
        cells = [str(step) for step, n in enumerate(counts, 1) for _ in range(n)]
        cells += ["ej svar"] * (total - len(cells))
        # Spread the answers over the respondents (a fixed stride, co-prime with 75).
        columns[code] = [cells[(i * 7 + len(code)) % total] for i in range(total)]
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["svar_id", "enkat", "insats", "datum", "kon", *ANSWERS])
    for i in range(total):
        writer.writerow(
            [f"S{i + 1:03}", "NNS-DA", insatser[i], f"2023-{i % 12 + 1:02}-15", genders[i]]
            + [columns[code][i] for code in ANSWERS]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def stockholm(db, tmp_path):
    with scopes_disabled():
        forbund = Forbund.objects.create(slug="sthlm-seed", name="Samordningsförbundet Sthlm")
        for name, code in CODES.items():
            Insats.objects.create(
                forbund=forbund, code=code, name=name, kind=InterventionKind.INDIVIDUAL
            )
    file = response_file(tmp_path / "svar.csv")
    call_command("import_survey_responses", "--forbund", forbund.slug, str(file), stdout=StringIO())
    return forbund, file


def results(forbund, *extra: str) -> dict:
    out = StringIO()
    call_command(
        "survey_results", "--forbund", forbund.slug, "--year", "2023", "--enkat", "NNS-DA",
        *extra, stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


def test_figures_7_and_8_are_reproduced(stockholm):
    forbund, _file = stockholm
    document = results(forbund)
    assert document["enkat"] == {"kod": "NNS-DA", "namn": "Deltagarenkät vid avslut", "version": 1}
    assert document["svar"] == PUBLISHED["svar"]
    assert document["per_insats"] == {CODES[name]: n for name, n in PUBLISHED["per_insats"].items()}
    questions = {q["kod"]: q for q in document["fragor"]}
    assert list(questions) == ["A1", "A2", "A3", "A4", "B1", "B2", "B3"]
    for code, labels in PUBLISHED["andel_som_lasbar_i_figuren"].items():
        shown = {step: questions[code]["andel"][step] for step in labels}
        assert shown == labels, code
    for code, share in PUBLISHED["andel_positiva_exakt"].items():
        assert questions[code]["andel_positiva"] == share, code
    for code, bounds in PUBLISHED["andel_positiva_ungefar"].items():
        assert bounds["min"] <= questions[code]["andel_positiva"] <= bounds["max"], code
    # The spec's own example: A1 has one "Aldrig", 35 "Alltid", 88 % positive, no ej_svar.
    a1 = questions["A1"]
    assert (a1["antal"]["Aldrig"], a1["antal"]["Alltid"], a1["antal"]["ej_svar"]) == (1, 35, 0)
    assert a1["andel_positiva"] == 88
    assert questions["A4"]["antal"]["ej_svar"] == 1


def test_importing_the_same_file_again_changes_nothing(stockholm):
    forbund, file = stockholm
    before = results(forbund)
    out = StringIO()
    call_command("import_survey_responses", "--forbund", forbund.slug, str(file), stdout=out)
    assert "0 nya svar, 0 ersatta, 75 oförändrade" in out.getvalue()
    with scopes_disabled():
        assert Response.objects.filter(forbund=forbund).count() == 75
    assert results(forbund) == before


def test_one_insats_and_publication(stockholm):
    forbund, _file = stockholm
    document = results(forbund, "--insats", "FT", "--publicering")
    assert document["per_insats"] == {"FT": 12}
    assert document["svar"]["totalt"] == 12
    # Kön split of FT's 12 respondents: all are among the last rows (men and ej angivet).
    counts = [document["svar"][k] for k in ("kvinna", "man", "ej_angivet")]
    assert None not in [document["svar"]["totalt"]]
    hidden = [c for c in counts if c is None]
    assert all(c is None or c == 0 or c >= 5 for c in counts)
    assert len(hidden) != 1  # one hidden count could be recovered from the total
