"""The participants app's objects in the shared test world (see samples/testing/__init__.py)."""

from __future__ import annotations

from datetime import date

from participants.choices import ActivityKind, EndReason, Gender
from participants.models import Activity, Participant, Participation
from samples.testing import URL_KWARGS, WORLD_EXTENSIONS, World


def add_participations(world: World) -> None:
    """One participation with an activity in insats A1 and one in A2 (förbund B gets none:
    statistics tests count on an empty B; tests needing B's rows create them)."""
    for forbund, insats, code in (
        (world.a, world.insats_a1, "A1-0001"),
        (world.a, world.insats_a2, "A2-0001"),
    ):
        participant = Participant.objects.create(forbund=forbund, code=code)
        participation = Participation.objects.create(
            forbund=forbund,
            participant=participant,
            insats=insats,
            start_date=date(2024, 2, 1),
            end_date=date(2024, 9, 30),
            end_reason=EndReason.ARBETE,
            gender=Gender.KVINNA,
            birth_year=1990,
        )
        activity = Activity.objects.create(
            forbund=forbund,
            participation=participation,
            kind=ActivityKind.ARBETSTRANING,
            start_date=date(2024, 3, 1),
        )
        world.extra[f"participation_{insats.code.lower()}"] = participation
        world.extra[f"participant_{insats.code.lower()}"] = participant
        world.extra[f"activity_{insats.code.lower()}"] = activity


WORLD_EXTENSIONS.append(add_participations)
URL_KWARGS["participation"] = lambda w: w.extra["participation_a1"].pk
URL_KWARGS["activity"] = lambda w: w.extra["activity_a1"].pk
URL_KWARGS["participant"] = lambda w: w.extra["participant_a1"].pk
