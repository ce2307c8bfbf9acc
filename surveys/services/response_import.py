"""Import of the response file (docs/format/enkat.md, `import_survey_responses`).

One row per response. Same reading rules as the participant file; all or nothing; every error
with row, column, value and reason. `svar_id` is unique per förbund and instrument: a row
whose id is already stored replaces that response, so importing a file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django_scopes import scope

from core import audit
from core.tabular import (
    CellError,
    Column,
    FileLike,
    ImportFlow,
    ImportResult,
    Row,
    ValueProblem,
    cell_text,
    fold,
    parse_code,
    parse_date,
    parse_int,
    parse_text,
)
from organisations.models import Forbund
from participants.choices import Gender
from participants.models import Insats

from ..choices import QuestionKind, ResponseSource
from ..models import Answer, Instrument, Question, Response
from .instruments import ensure_builtin

NO_ANSWER = {"", "ej svar", "ejsvar", "-"}

BASE_COLUMNS: tuple[Column, ...] = (
    Column("svar_id", required=True, parse=parse_text(64)),
    Column("enkat", required=True, parse=parse_text(32), aliases=("enkät",)),
    Column("enkat_version", parse=parse_int(1, 1000), aliases=("enkät_version",)),
    Column("insats", required=True, parse=parse_text(32)),
    Column("datum", required=True, parse=parse_date),
    Column(
        "kon",
        parse=parse_code(
            Gender.choices,
            {"k": Gender.KVINNA, "m": Gender.MAN, "ej angivet": Gender.EJ_ANGIVET},
            empty=Gender.EJ_ANGIVET,
            spelling={"kvinna": "kvinna/k", "man": "man/m", "ej_angivet": "ej angivet/tomt"},
        ),
        aliases=("kön",),
    ),
)


@dataclass
class ResponseImportResult(ImportResult):
    per_instrument: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return _(
            "%(rows)s rader: %(created)s nya svar, %(updated)s ersatta, %(unchanged)s oförändrade."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class _Item:
    row: int
    external_id: str
    instrument: Instrument
    insats: Insats
    date: Any
    gender: str
    steps: dict[int, int | None]  # question id -> step
    texts: dict[int, str]  # question id -> free text


def import_survey_responses(
    forbund: Forbund, file: FileLike, filename: str, user=None, *, dry_run: bool = False
) -> ResponseImportResult:
    ensure_builtin(forbund)
    with scope(forbund=forbund):
        flow = ResponseImport(forbund, user)
        flow.file = file
        return flow.run(file, filename, dry_run=dry_run)


def step_parser(question: Question):
    """Parse a cell for a scale question: the step's text (any case) or its number."""
    scale = question.scale
    assert scale is not None
    steps = list(scale.steps)
    by_text = {fold(step): index for index, step in enumerate(steps, start=1)}

    def parse(raw: Any) -> int | None:
        text = cell_text(raw)
        folded = fold(text)
        if folded in NO_ANSWER:
            return None
        if folded in by_text:
            return by_text[folded]
        digits = folded.removesuffix(".0")
        if digits.isdigit() and 1 <= int(digits) <= len(steps):
            return int(digits)
        raise ValueProblem(
            _("Okänt svar. Ange ett av stegen (%(steps)s), ett tal 1–%(n)s eller lämna tomt.")
            % {"steps": ", ".join(steps), "n": len(steps)}
        )

    return parse


class ResponseImport(ImportFlow[ResponseImportResult]):
    result_class = ResponseImportResult
    empty_file_reason = _("Filen har inga svar.")

    def __init__(self, forbund: Forbund, user):
        super().__init__()
        self.forbund, self.user = forbund, user
        self.file: FileLike | None = None  # for the log's file facts (never its name)
        self.instruments = list(
            Instrument.objects.filter(forbund=forbund).prefetch_related("questions__scale")
        )
        self.question_codes = sorted({q.code for i in self.instruments for q in i.questions.all()})
        self.insatser = {fold(i.code): i for i in Insats.objects.filter(forbund=forbund)}
        self.first_row_of: dict[tuple[str, str], int] = {}
        self._parsers: dict[int, Any] = {}

    def columns(self):
        return BASE_COLUMNS + tuple(Column(code) for code in self.question_codes)

    def _instrument(self, code: str, version: int | None) -> Instrument | None:
        matching = [i for i in self.instruments if fold(i.code) == fold(code)]
        if version is not None:
            matching = [i for i in matching if i.version == version]
        return max(matching, key=lambda i: i.version, default=None)

    def check_row(self, row: Row, values: dict[str, Any], errors: list[CellError]):
        before = len(errors)
        instrument = insats = None
        if values["enkat"]:
            instrument = self._instrument(values["enkat"], values["enkat_version"])
            if instrument is None:
                column = "enkat_version" if values["enkat_version"] else "enkat"
                value = values["enkat_version"] or values["enkat"]
                errors.append(
                    CellError(row.number, column, str(value), _("Förbundet har ingen sådan enkät."))
                )
        if values["insats"]:
            insats = self.insatser.get(fold(values["insats"]))
            if insats is None:
                errors.append(
                    CellError(
                        row.number,
                        "insats",
                        values["insats"],
                        _("Förbundet har ingen sådan insats."),
                    )
                )
        if instrument is not None and values["svar_id"]:
            key = (fold(instrument.code), values["svar_id"])
            earlier = self.first_row_of.setdefault(key, row.number)
            if earlier != row.number:
                errors.append(
                    CellError(
                        row.number,
                        "svar_id",
                        values["svar_id"],
                        _("Samma svar_id som rad %(row)s.") % {"row": earlier},
                    )
                )
        if instrument is None or insats is None or len(errors) > before:
            return None
        steps: dict[int, int | None] = {}
        texts: dict[int, str] = {}
        get = row.cells.get
        for question in instrument.questions.all():
            source = self.sources.get(question.code)
            if source is None:
                continue
            raw = get(source)
            if question.kind == QuestionKind.TEXT:
                text = cell_text(raw)
                if text:
                    texts[question.pk] = text
                continue
            parse = self._parsers.get(question.pk)
            if parse is None:
                parse = self._parsers[question.pk] = step_parser(question)
            try:
                steps[question.pk] = parse(raw)
            except ValueProblem as problem:
                errors.append(CellError(row.number, question.code, cell_text(raw), problem.reason))
        return _Item(
            row.number,
            values["svar_id"],
            instrument,
            insats,
            values["datum"],
            values["kon"],
            steps,
            texts,
        )

    def write(self, plan: list[_Item], result: ResponseImportResult) -> None:
        codes = {item.instrument.code for item in plan}
        existing: dict[tuple[str, str], Response] = {
            (response.instrument.code, response.external_id): response
            for response in Response.objects.filter(instrument__code__in=codes, external_id__gt="")
            .select_related("instrument")
            .prefetch_related("answers")
        }
        replaced: list[int] = []
        new_items: list[_Item] = []
        for item in plan:
            old = existing.get((item.instrument.code, item.external_id))
            if old is not None and _same(old, item):
                result.unchanged += 1
                continue
            if old is not None:
                replaced.append(old.pk)
                result.updated += 1
            else:
                result.created += 1
            new_items.append(item)
            result.per_instrument[item.instrument.code] = (
                result.per_instrument.get(item.instrument.code, 0) + 1
            )
        if replaced:
            Answer.objects.filter(response_id__in=replaced).delete()
            Response.objects.filter(pk__in=replaced).delete()
        save_responses(self.forbund, new_items, ResponseSource.IMPORT)
        if new_items:
            audit.log(
                self.user,
                "survey.responses_imported",
                forbund=self.forbund,
                changes={
                    "fil": audit.file_facts(result.filename, self.file),
                    "nya": result.created,
                    "ersatta": result.updated,
                },
            )


def _same(response: Response, item: _Item) -> bool:
    if (
        response.instrument_id != item.instrument.pk
        or response.insats_id != item.insats.pk
        or response.date != item.date
        or response.gender != item.gender
    ):
        return False
    stored = {(a.question_id, a.step, a.text) for a in response.answers.all()}
    wanted: set[tuple[int, int | None, str]] = {
        (q, s, "") for q, s in item.steps.items() if s is not None
    }
    wanted |= {(q, None, t) for q, t in item.texts.items()}
    return stored == wanted


def save_responses(forbund: Forbund, items, source: str, round=None) -> list[Response]:
    """Store responses and their answers in bulk (used by the import and the web form)."""
    responses = Response.objects.bulk_create(
        [
            Response(
                forbund=forbund,
                instrument=item.instrument,
                insats=item.insats,
                round=round,
                external_id=item.external_id,
                date=item.date,
                year=item.date.year,
                gender=item.gender,
                source=source,
            )
            for item in items
        ],
        batch_size=2000,
    )
    answers = []
    for response, item in zip(responses, items, strict=True):
        common = {
            "response": response,
            "instrument": item.instrument,
            "year": response.year,
            "insats": item.insats,
            "gender": item.gender,
        }
        for question_id, step in item.steps.items():
            if step is not None:
                answers.append(Answer(question_id=question_id, step=step, **common))
        for question_id, text in item.texts.items():
            answers.append(Answer(question_id=question_id, text=text, **common))
    Answer.objects.bulk_create(answers, batch_size=5000)
    return responses
