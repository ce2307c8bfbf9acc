"""A deltagar-id is never a personnummer or samordningsnummer, however it is spelt
(participants.validators.looks_like_personnummer; docs/format/deltagarfil.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tabular import ValueProblem
from participants.models import Participant, Participation
from participants.rules import parse_participant_code
from participants.services import import_participants
from participants.validators import looks_like_personnummer, validate_not_personnummer
from samples.participant_rows import csv_bytes, row, xlsx_bytes

SEPARATORS = [
    "",
    "-",
    "+",
    " ",
    "  ",
    "\u00a0",  # non-breaking space
    "\u202f",  # narrow non-breaking space
    "\u2010",  # hyphen
    "\u2011",  # non-breaking hyphen
    "\u2013",  # en dash
    "\u2014",  # em dash
    "\u2212",  # minus sign
    "\uff0d",  # full-width hyphen-minus
    "_",
    ".",
    "/",
    ":",
    " - ",
]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def personnummer_spellings(draw) -> str:
    """A birth date (or samordningsnummer date), four more digits, with or without century,
    with any separators before the last four and inside the date, maybe in full-width digits."""
    born = draw(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)))
    century = draw(st.booleans()) or not 1900 <= born.year <= 2099
    day = born.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer: day + 60
    year = f"{born.year:04d}" if century else f"{born.year % 100:02d}"
    inner = draw(st.sampled_from(["", "", "", " ", "-", "."]))
    birth = inner.join((year, f"{born.month:02d}", f"{day:02d}"))
    tail = f"{draw(st.integers(0, 9999)):04d}"
    text = birth + draw(st.sampled_from(SEPARATORS)) + tail
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    padding = st.sampled_from(["", " ", "\u00a0"])
    return draw(padding) + text + draw(padding)


@settings(max_examples=500)
@given(personnummer_spellings())
def test_every_spelling_of_a_personnummer_is_refused(text):
    assert looks_like_personnummer(text)
    with pytest.raises(ValidationError, match="personnummer"):
        validate_not_personnummer(text)
    with pytest.raises(ValueProblem, match="personnummer"):
        parse_participant_code(text)


# Codes as docs/format/deltagarfil.md recommends: letters first (the insats or a prefix of the
# förbund's own), then a running number; or a year and a running number.
LETTER_CODES = st.from_regex(r"[A-ZÅÄÖ]{1,4}[0-9]{0,2}[-_ ]?[0-9]{1,12}", fullmatch=True)
YEAR_CODES = st.from_regex(r"20[0-9]{2}-[0-9]{1,4}", fullmatch=True)
OTHER_DIGIT_COUNTS = st.from_regex(r"[0-9]{1,9}|[0-9]{11}|[0-9]{13,20}", fullmatch=True)


@settings(max_examples=500)
@given(st.one_of(LETTER_CODES, YEAR_CODES, OTHER_DIGIT_COUNTS))
def test_pseudonymous_codes_are_accepted(code):
    assert not looks_like_personnummer(code)
    validate_not_personnummer(code)
    assert parse_participant_code(code) == code.strip()


@pytest.mark.parametrize(
    "code",
    [
        "0000000000",  # no month 00
        "8513011234",  # no month 13
        "8502301234",  # 30 February
        "8502921234",  # samordningsnummer day 32
        "170001011234",  # no century 17
        "P-8501011234",  # letters: a code of its own (the check is on digits and separators)
    ],
)
def test_digits_that_are_no_birth_date_are_accepted(code):
    assert not looks_like_personnummer(code)


@pytest.mark.parametrize(
    "code",
    [
        "850101 1234",
        "850101–1234",  # en dash
        "19850101_1234",
        "850101−1234",  # minus sign
        "85 01 01-1234",
        "850161-1234",  # samordningsnummer
        "000229-1234",  # 29 February 2000
        "19850101+1234",
        "８５０１０１－１２３４",
    ],
)
def test_the_import_refuses_a_personnummer_in_any_spelling(world, code):
    result = import_participants(world.a, csv_bytes([row(deltagar_id=code)]), "d.csv")
    assert [(e.row, e.column) for e in result.errors] == [(2, "deltagar_id")]
    assert "personnummer" in result.errors[0].reason
    with scope(forbund=world.a):
        assert not Participant.objects.filter(code=code.strip()).exists()


def test_the_import_refuses_a_personnummer_typed_as_a_number_in_excel(world):
    data = xlsx_bytes([row(deltagar_id=8501611234)])  # samordningsnummer as a number cell
    result = import_participants(world.a, data, "d.xlsx")
    assert [(e.row, e.column, e.value) for e in result.errors] == [(2, "deltagar_id", "8501611234")]


@pytest.mark.parametrize("code", ["850101 1234", "19850101_1234", "850101–1234"])
def test_the_form_refuses_a_personnummer_in_any_spelling(world, clients, code):
    from django.urls import reverse

    path = reverse("participants:participation_add", kwargs={"forbund": "alfa", "insats": "A1"})
    response = clients["kansli"].post(
        path,
        {
            "participant_code": code,
            "start_date": "2024-03-01",
            "gender": "kvinna",
            "referrer": "",
            "municipality": "",
        },
    )
    assert response.status_code == 200
    assert "personnummer" in " ".join(response.context["form"].errors["participant_code"])
    with scope(forbund=world.a):
        assert not Participation.objects.filter(participant__code=code).exists()


def test_a_participant_code_with_a_control_character_is_refused(world):
    with pytest.raises(ValidationError, match="U\\+0001"):
        validate_not_personnummer("ALFA\x01-1")
    with pytest.raises(ValidationError, match="radbrytning"):
        validate_not_personnummer("ALFA\n1")
