"""The surveys app's objects in the shared test world (see samples/testing/__init__.py)."""

from __future__ import annotations

from datetime import date

from samples.testing import URL_KWARGS, WORLD_EXTENSIONS, World
from surveys.models import Round
from surveys.services import ensure_builtin, latest_version


def add_survey_round(world: World) -> None:
    """An open NNS-DA round in insats A1 of förbund A."""
    ensure_builtin(world.a)
    ensure_builtin(world.b)
    instrument = latest_version(world.a, "NNS-DA")
    assert instrument is not None
    round = Round.objects.create(
        forbund=world.a,
        instrument=instrument,
        name="Avslutsenkät 2024",
        start_date=date(2024, 1, 1),
        end_date=date(2099, 12, 31),
    )
    round.insatser.add(world.insats_a1)
    world.extra["survey_round"] = round


WORLD_EXTENSIONS.append(add_survey_round)
URL_KWARGS["round"] = lambda w: w.extra["survey_round"].pk
URL_KWARGS["enkat"] = lambda w: "NNS-DA"
URL_KWARGS["file_format"] = lambda w: "csv"
URL_KWARGS["instrument"] = lambda w: w.extra["survey_round"].instrument_id
URL_KWARGS["survey_token"] = lambda w: w.extra["survey_round"].token
