"""The nightly retention job (participants/jobs.py, docs/gallring.md): registered with the
background jobs' daily hook, it applies every förbund's rule as of the day it runs."""

from __future__ import annotations

import datetime as dt

import time_machine
from django_scopes import scopes_disabled

from core import jobs
from participants.jobs import apply_retention_everywhere
from participants.models import Participant, Participation, RetentionRun


def test_the_nightly_job_is_registered_and_applies_every_rule(world):
    jobs.autodiscover()
    assert apply_retention_everywhere in jobs.DAILY
    with scopes_disabled():
        ongoing = set(
            Participation.objects.filter(end_date__isnull=True).values_list(
                "participant_id", flat=True
            )
        )
        forbund_ids = set(Participant.objects.values_list("forbund_id", flat=True))
    with time_machine.travel(dt.datetime(2100, 1, 1, 2, 15, tzinfo=dt.UTC), tick=False):
        jobs.run_daily()
    with scopes_disabled():
        remaining = set(Participant.objects.values_list("pk", flat=True))
        runs = RetentionRun.objects.filter(as_of=dt.date(2100, 1, 1))
        assert {run.forbund_id for run in runs} >= forbund_ids
    # As of 2100 every ended participant is past any rule; the ongoing stay.
    assert remaining == ongoing
