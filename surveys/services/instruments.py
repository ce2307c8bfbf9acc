"""Instruments: the built-ins per förbund, the latest version, and new versions of frozen ones."""

from __future__ import annotations

from django.db import transaction
from django_scopes import scopes_disabled

from organisations.models import Forbund

from .. import builtin
from ..choices import QuestionKind
from ..models import Instrument, Question, Scale


def ensure_builtin(forbund: Forbund) -> None:
    """Create the built-in scales and instruments in the förbund if they are missing."""
    with scopes_disabled(), transaction.atomic():
        scales = {}
        for code, steps in builtin.SCALES.items():
            scales[code], _ = Scale.objects.get_or_create(
                forbund=forbund,
                code=code,
                defaults={"steps": steps, "positive": builtin.POSITIVE_TOP_THREE, "builtin": True},
            )
        for code, name, group, questions in builtin.INSTRUMENTS:
            if Instrument.objects.filter(forbund=forbund, code=code).exists():
                continue
            instrument = Instrument.objects.create(
                forbund=forbund, code=code, version=1, name=name, group=group, builtin=True
            )
            Question.objects.bulk_create(
                Question(
                    instrument=instrument,
                    position=position,
                    code=question_code,
                    text=text,
                    kind=QuestionKind.SCALE,
                    scale=scales[scale],
                )
                for position, (question_code, scale, text) in enumerate(questions, start=1)
            )


def latest_version(forbund: Forbund, code: str) -> Instrument | None:
    with scopes_disabled():
        return (
            Instrument.objects.filter(forbund=forbund, code__iexact=code)
            .order_by("-version")
            .first()
        )


def editable_version(instrument: Instrument) -> Instrument:
    """The instrument itself while it has no answers, else a new version copied from it.

    Answered versions are never changed, so results never mix versions."""
    if not instrument.frozen:
        return instrument
    with transaction.atomic():
        newest = Instrument.objects.filter(
            forbund=instrument.forbund, code=instrument.code
        ).order_by("-version")[0]
        if newest.pk != instrument.pk and not newest.frozen:
            return newest
        copy = Instrument.objects.create(
            forbund=instrument.forbund,
            code=instrument.code,
            version=newest.version + 1,
            name=instrument.name,
            group=instrument.group,
            builtin=instrument.builtin,
        )
        Question.objects.bulk_create(
            Question(
                instrument=copy,
                position=question.position,
                code=question.code,
                text=question.text,
                kind=question.kind,
                scale=question.scale,
            )
            for question in instrument.questions.all()
        )
        return copy
