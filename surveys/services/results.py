"""Survey results (`survey_results`, docs/format/enkat.md): the one computation behind the
command, the results page, the export and the annual report's section.

Counts per question and step for one instrument version, year and (optionally) insats and
kön; shares are whole percent, half up, of those who answered the question; the positive
share is computed from the counts. Free-text answers never appear here.

Publication mode (anything leaving the förbund): respondent counts 1-4 are null with
complementary hiding (core.suppression), and a question answered by fewer than 5 has no
distribution. A question answered by fewer than 5 shows no distribution in any mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django_scopes import scope

from core import figure_cache
from core.suppression import is_hidden, suppress_row
from organisations.models import Forbund
from participants.choices import Gender
from participants.models import Insats

from ..choices import QuestionKind
from ..models import Answer, Instrument, Response
from .frozen import frozen_counts

MIN_SHOWN = 5
NO_ANSWER_KEY = "ej_svar"
GENDER_KEYS = (Gender.KVINNA.value, Gender.MAN.value, Gender.EJ_ANGIVET.value)


class NoSuchInstrument(LookupError):
    pass


def percent(part: int, whole: int) -> int:
    """Whole percent, half up, with integers only."""
    return (200 * part + whole) // (2 * whole)


def instrument_for_year(forbund: Forbund, code: str, year: int, version: int | None = None):
    """The version whose results are shown for a year: the given one, else the newest version
    with answers that year, else the newest version."""
    with scope(forbund=forbund):
        versions = Instrument.objects.filter(code__iexact=code).order_by("-version")
        if version is not None:
            versions = versions.filter(version=version)
        answered = versions.filter(
            Exists(Response.objects.filter(instrument=OuterRef("pk"), year=year))
        ).first()
        instrument = answered or versions.first()
    if instrument is None:
        raise NoSuchInstrument(code)
    return instrument


@figure_cache.kept
def survey_results(
    forbund: Forbund,
    year: int,
    code: str,
    *,
    insats: str | None = None,
    gender: str | None = None,
    insatser: Iterable[int] | None = None,
    publication: bool = False,
    version: int | None = None,
) -> dict[str, Any]:
    """The results as the JSON of docs/format/enkat.md.

    `insats` (a code) limits everything to one insats, `gender` to one kön; `insatser` (ids)
    limits to the insatser a user may see (an insatsansvarig's own)."""
    instrument = instrument_for_year(forbund, code, year, version)
    with scope(forbund=forbund):
        codes = dict(Insats.objects.values_list("pk", "code"))
        ids: list[int] | None = None if insatser is None else list(insatser)
        if insats is not None:
            wanted = [pk for pk, c in codes.items() if c.casefold() == insats.casefold()]
            ids = wanted if ids is None else [pk for pk in ids if pk in wanted]
        # Grouped on the two tables' own columns (no joins): one scan each.
        responses = Response.objects.filter(instrument=instrument, year=year)
        answers = Answer.objects.filter(instrument=instrument, year=year, step__isnull=False)
        if ids is not None:
            responses = responses.filter(insats_id__in=ids)
            answers = answers.filter(insats_id__in=ids)
        if gender is not None:
            responses = responses.filter(gender=gender)
            answers = answers.filter(gender=gender)
        frozen = frozen_counts(instrument, year)
        if frozen is None:
            response_rows = [
                (row["insats_id"], row["gender"], row["n"])
                for row in responses.values("insats_id", "gender")
                .annotate(n=Count("id"))
                .order_by()
            ]
            counts: dict[tuple[int, int], int] = {
                (row["question_id"], row["step"]): row["n"]
                for row in answers.values("question_id", "step").annotate(n=Count("id")).order_by()
            }
        else:  # the counts stored before participants were removed (frozen.py)
            response_rows, counts = _frozen_rows(frozen, ids, gender)
        by_gender = dict.fromkeys(GENDER_KEYS, 0)
        per_insats: dict[str, int] = {}
        for insats_id, respondent_gender, n in response_rows:
            by_gender[respondent_gender] += n
            code = codes[insats_id]
            per_insats[code] = per_insats.get(code, 0) + n
        total = sum(by_gender.values())
        questions = list(
            instrument.questions.filter(kind=QuestionKind.SCALE).select_related("scale")
        )
    fragor = []
    for question in questions:
        assert question.scale is not None
        steps = list(question.scale.steps)
        antal_steps = {step: counts.get((question.pk, n), 0) for n, step in enumerate(steps, 1)}
        answered = sum(antal_steps.values())
        entry: dict[str, Any] = {
            "kod": question.code,
            "text": question.text,
            "skala": steps,
        }
        if answered < MIN_SHOWN:
            entry.update(antal=None, andel=None, andel_positiva=None)
        else:
            positive = sum(antal_steps[steps[n - 1]] for n in question.scale.positive)
            entry["antal"] = antal_steps | {NO_ANSWER_KEY: total - answered}
            entry["andel"] = {step: percent(n, answered) for step, n in antal_steps.items()}
            entry["andel_positiva"] = percent(positive, answered)
        fragor.append(entry)
    svar: dict[str, Any] = dict(by_gender) | {"totalt": total}
    insats_counts: dict[str, Any] = dict(sorted(per_insats.items()))
    if publication:
        svar = _published(by_gender)
        insats_counts = {
            key: value for key, value in _published(per_insats).items() if key != "totalt"
        }
    return {
        "forbund": forbund.slug,
        "ar": year,
        "enkat": {"kod": instrument.code, "namn": instrument.name, "version": instrument.version},
        "svar": svar,
        "per_insats": insats_counts,
        "fragor": fragor,
    }


def _frozen_rows(
    frozen, ids: list[int] | None, gender: str | None
) -> tuple[list[tuple[int, str, int]], dict[tuple[int, int], int]]:
    """The stored counts with the same filters as the live query."""

    def wanted(insats_id: int, respondent_gender: str) -> bool:
        return (ids is None or insats_id in ids) and (gender is None or respondent_gender == gender)

    rows = [(i, g, n) for i, g, n in frozen.responses if wanted(i, g)]
    counts: dict[tuple[int, int], int] = {}
    for question_id, step, insats_id, respondent_gender, n in frozen.answers:
        if wanted(insats_id, respondent_gender):
            counts[(question_id, step)] = counts.get((question_id, step), 0) + n
    return rows, counts


def _published(cells: dict[str, int]) -> dict[str, int | None]:
    """A row of counts with its total, small counts null with complementary hiding."""
    if not cells:
        return {"totalt": 0}
    shown = suppress_row(cells)
    return {
        key: value if isinstance(value, int) and not is_hidden(value) else None
        for key, value in shown.items()
    }


def positive_shares_by_year(
    forbund: Forbund,
    code: str,
    years: Iterable[int],
    *,
    known: Mapping[int, Mapping[str, Any]] | None = None,
    **filters: Any,
) -> dict[int, dict[str, int | None]]:
    """The positive share per question for each year with answers (for comparisons).

    Only years with answers are computed (one query finds them), and `known` holds results
    already computed with the same filters (the results page's own year)."""
    years = list(years)
    with scope(forbund=forbund):
        answered = set(
            Response.objects.filter(instrument__code__iexact=code, year__in=years)
            .values_list("year", flat=True)
            .distinct()
        )
    shares: dict[int, dict[str, int | None]] = {}
    for year in years:
        if year not in answered:
            continue
        result = (known or {}).get(year)
        if result is None:
            try:
                result = survey_results(forbund, year, code, **filters)
            except NoSuchInstrument:
                continue
        if result["svar"]["totalt"]:
            shares[year] = {f["kod"]: f["andel_positiva"] for f in result["fragor"]}
    return shares
