"""Demo survey rounds: the NNS exit survey (NNS-DA) in FINSAM-team and Aktivitetsplatsen,
one closed round per year from 2022 to last year, and an open round this year, so the
results page, its charts and the annual report's survey section show something real.

Answers lean positive like Stockholms stad 2023 (about 85 % positive on the A questions, a
little over half on B2) and improve slowly year by year. Deterministic (fixed seed).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from participants.models import Insats
from surveys.choices import ResponseSource
from surveys.models import Round
from surveys.services import ensure_builtin, latest_version
from surveys.services.answering import WebAnswer
from surveys.services.response_import import save_responses

FIRST_YEAR = 2022
ANSWERS_PER_YEAR = {"FT": 28, "AP": 34}
# Weights of the six steps, lowest first, per question group (A: frekvens6, B: grad6).
WEIGHTS = {
    "A": [2, 3, 10, 14, 28, 43],
    "B": [6, 8, 20, 22, 24, 20],
    "B2": [14, 12, 22, 18, 18, 16],
}
GENDERS = ["kvinna"] * 66 + ["man"] * 22 + ["ej_angivet"] * 12


def _weights(code: str, year: int) -> list[float]:
    base = WEIGHTS.get(code, WEIGHTS[code[0]])
    lift = 1 + 0.06 * (year - FIRST_YEAR)  # a little better each year
    return [w * (lift if n >= 3 else 1) for n, w in enumerate(base)]


def load(forbund, users, today: date | None = None) -> None:
    today = today or timezone.localdate()
    rng = random.Random(2026_10)
    ensure_builtin(forbund)
    instrument = latest_version(forbund, "NNS-DA")
    assert instrument is not None
    questions = list(instrument.questions.all())
    insatser = {i.code: i for i in Insats.objects.filter(code__in=ANSWERS_PER_YEAR)}
    if not insatser:
        return
    for year in range(FIRST_YEAR, today.year + 1):
        current = year == today.year
        round = Round.objects.create(
            forbund=forbund,
            instrument=instrument,
            name=f"Avslutsenkät {year}",
            start_date=date(year, 1, 1),
            end_date=date(year, 12, 31),
            is_open=current,
        )
        round.insatser.set(insatser.values())
        last_day = min(today, date(year, 12, 31))
        days = (last_day - date(year, 1, 1)).days + 1
        share = 1.0 if not current else min(1.0, days / 365)
        items = []
        for code, insats in insatser.items():
            for _ in range(round_count(ANSWERS_PER_YEAR[code] * share)):
                steps: dict[int, int | None] = {}
                for question in questions:
                    if rng.random() < 0.02:
                        continue  # left unanswered
                    steps[question.pk] = rng.choices(
                        range(1, 7), weights=_weights(question.code, year)
                    )[0]
                items.append(
                    WebAnswer(
                        instrument=instrument,
                        insats=insats,
                        date=date(year, 1, 1) + timedelta(days=rng.randrange(days)),
                        gender=rng.choice(GENDERS),
                        steps=steps,
                        texts={},
                    )
                )
        save_responses(forbund, items, ResponseSource.WEB, round=round)


def round_count(value: float) -> int:
    return int(value + 0.5)
