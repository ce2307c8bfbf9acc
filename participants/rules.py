"""The participant file contract (docs/format/deltagarfil.md) and the rules of a
participation, in one place: the import, the export and the web forms all use these.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from core.tabular import (
    Column,
    ValueProblem,
    cell_text,
    memoized,
    parse_code,
    parse_date,
    parse_int,
)
from core.years import EARLIEST_BIRTH_YEAR

from .choices import Education, EndReason, FollowUp12, Gender, InterventionKind, Referrer
from .validators import participant_code_problem

PARTICIPANT_CODE_MAX = 64
MUNICIPALITY_MAX = 100

# Canonical spelling in files: the first value listed in the spec, with å/ä/ö and spaces.
FILE_SPELLING: dict[str, dict[str, str]] = {
    "kon": {Gender.KVINNA: "kvinna", Gender.MAN: "man", Gender.EJ_ANGIVET: "ej angivet"},
    "utbildning": {
        Education.GRUNDSKOLA: "grundskola",
        Education.GYMNASIUM: "gymnasium",
        Education.EFTERGYMNASIAL: "eftergymnasial",
    },
    "inremitterande_part": {
        Referrer.FORSAKRINGSKASSAN: "försäkringskassan",
        Referrer.ARBETSFORMEDLINGEN: "arbetsförmedlingen",
        Referrer.KOMMUN: "kommun",
        Referrer.REGION: "region",
        Referrer.EGEN: "egen",
        Referrer.ANNAN: "annan",
    },
    "avslutsorsak": {
        EndReason.ARBETE: "arbete",
        EndReason.STUDIER: "studier",
        EndReason.ARBETSSOKANDE: "arbetssökande",
        EndReason.FORTSATT_REHABILITERING: "fortsatt rehabilitering",
        EndReason.SJUKDOM: "sjukdom",
        EndReason.ANNAT: "annat",
    },
    "egen_forsorjning_12_man": {
        FollowUp12.JA: "ja",
        FollowUp12.NEJ: "nej",
        FollowUp12.EJ_NADD: "ej nådd",
    },
}


def parse_participant_code(value: Any) -> str:
    text = cell_text(value)
    if len(text) > PARTICIPANT_CODE_MAX:
        raise ValueProblem(
            _("Deltagar-id får vara högst %(max)s tecken.") % {"max": PARTICIPANT_CODE_MAX}
        )
    problem = participant_code_problem(text)
    if problem is not None:
        raise ValueProblem(problem)
    return text


_parse_year_number = parse_int(minimum=EARLIEST_BIRTH_YEAR, maximum=9999)


def parse_birth_year(value: Any) -> int | None:
    text = cell_text(value)
    if text and len(text) != 4:
        raise ValueProblem(_("Födelseåret skrivs med fyra siffror, till exempel 1985."))
    return _parse_year_number(text)


def parse_municipality(value: Any) -> str:
    text = cell_text(value)
    if len(text) > MUNICIPALITY_MAX:
        raise ValueProblem(
            _("Värdet är för långt (högst %(max)s tecken).") % {"max": MUNICIPALITY_MAX}
        )
    return text


def parse_insats_code(value: Any) -> str:
    return cell_text(value)


# Columns in the order the export writes them.
PARTICIPANT_COLUMNS: tuple[Column, ...] = (
    Column("deltagar_id", required=True, parse=parse_participant_code),
    Column("insats", required=True, parse=memoized(parse_insats_code)),
    Column(
        "kon",
        required=True,
        allow_empty=True,
        parse=parse_code(
            Gender.choices,
            {"k": Gender.KVINNA, "m": Gender.MAN},
            empty=Gender.EJ_ANGIVET,
            spelling=FILE_SPELLING["kon"],
        ),
    ),
    Column("fodelsear", parse=memoized(parse_birth_year)),
    Column(
        "utbildning",
        parse=parse_code(Education.choices, spelling=FILE_SPELLING["utbildning"]),
    ),
    Column(
        "inremitterande_part",
        parse=parse_code(
            Referrer.choices,
            {"egen anmälan": Referrer.EGEN},
            spelling=FILE_SPELLING["inremitterande_part"],
        ),
    ),
    Column("kommun", parse=memoized(parse_municipality)),
    Column("startdatum", required=True, parse=parse_date),
    Column("slutdatum", parse=parse_date),
    Column(
        "avslutsorsak",
        parse=parse_code(EndReason.choices, spelling=FILE_SPELLING["avslutsorsak"]),
    ),
    Column(
        "egen_forsorjning_12_man",
        parse=parse_code(FollowUp12.choices, spelling=FILE_SPELLING["egen_forsorjning_12_man"]),
    ),
)
PARTICIPANT_HEADERS: tuple[str, ...] = tuple(column.name for column in PARTICIPANT_COLUMNS)

# File column -> Participation field.
FIELD_OF_COLUMN: dict[str, str] = {
    "kon": "gender",
    "fodelsear": "birth_year",
    "utbildning": "education",
    "inremitterande_part": "referrer",
    "kommun": "municipality",
    "startdatum": "start_date",
    "slutdatum": "end_date",
    "avslutsorsak": "end_reason",
    "egen_forsorjning_12_man": "follow_up_12m",
}
COLUMN_OF_FIELD = {field: column for column, field in FIELD_OF_COLUMN.items()}

# Participation fields a file row or the participation form sets besides its identity
# (participant, insats, start date), in file order.
DATA_FIELDS: tuple[str, ...] = (
    "end_date",
    "end_reason",
    "gender",
    "birth_year",
    "education",
    "referrer",
    "municipality",
    "follow_up_12m",
)


def participation_problems(
    *,
    start_date: date | None,
    end_date: date | None,
    end_reason: str,
    birth_year: int | None,
) -> list[tuple[str, str, str]]:
    """The rules across fields of one participation, as (field, value, Swedish reason).

    Used by the import (per row) and the forms (clean), so both refuse the same things.
    """
    problems: list[tuple[str, str, str]] = []
    if start_date and end_date and end_date < start_date:
        problems.append(("end_date", end_date.isoformat(), _("Slutdatum ligger före startdatum.")))
    if end_reason and end_date is None:
        problems.append(
            (
                "end_reason",
                FILE_SPELLING["avslutsorsak"].get(end_reason, end_reason),
                _("Avslutsorsak kan bara anges tillsammans med slutdatum."),
            )
        )
    if start_date and birth_year and birth_year > start_date.year:
        problems.append(
            (
                "birth_year",
                str(birth_year),
                _("Födelseåret ligger efter startåret (%(year)s).") % {"year": start_date.year},
            )
        )
    return problems


def structural_warning(insats) -> str | None:
    if insats.kind == InterventionKind.STRUCTURAL:
        return _(
            "Insatsen %(code)s är strukturinriktad; deltagare registreras normalt bara i "
            "individinriktade insatser."
        ) % {"code": insats.code}
    return None
