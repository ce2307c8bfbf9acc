"""The participants of the national export (Uppföljning Finsam), per insats and year.

The whole export (money block, budget and outcome per insats, the files) needs the budget and
the books, so it is built one layer up, in economy.services.national_export; this module
gives it what the participant follow-up knows (docs/format/uppfoljning-finsam.md):

- the insatser that ran some time in the year, or have a participation active in it;
- per individinriktad insats, **persons**, not participations: every participant with at
  least one participation in that insats active some day of the year, counted once, with
  the kön of their latest such participation (statistics.latest_order: latest start, then
  latest end, so that the order of registration never decides);
- per strukturinriktad insats, the aggregate counts entered for the year
  (StructuralParticipantCount); when none are entered but participations are registered
  on it, the persons as above; else None (nothing known).

This is not the participant statistics' `deltagare` (docs/format/statistik.md), which counts
participations: a person who came back to an insats is two participations and one person.

    participants = national_participants(forbund, 2023)
    participants.cell(insats)     # {"kvinna": n, "man": n, "ej_angivet": n, "totalt": n} | None
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q
from django_scopes import scope

from participants.choices import TOTAL, InterventionKind
from participants.models import Insats, Participation, StructuralParticipantCount
from participants.services.frozen_statistics import PERSONS, stored
from participants.services.statistics import GENDERS, Cell, empty_cell, latest_order


@dataclass(frozen=True)
class NationalParticipants:
    year: int
    insatser: list[Insats]  # by code
    persons: dict[int, Cell]  # insats id → persons by kön (from participations)
    structural: dict[int, Cell]  # strukturinriktad insats id → entered counts by kön

    def cell(self, insats: Insats) -> Cell | None:
        """The insats's participants (None: a structural insats with nothing entered)."""
        if insats.kind == InterventionKind.INDIVIDUAL:
            return self.persons.get(insats.pk, empty_cell())
        return self.structural.get(insats.pk, self.persons.get(insats.pk))


def _persons_sql() -> str:
    participation = Participation._meta.db_table
    insats = Insats._meta.db_table
    return f"""
SELECT t.insats_id, t.gender, COUNT(*)
FROM (
  SELECT p.insats_id, p.gender,
         ROW_NUMBER() OVER (PARTITION BY p.participant_id, p.insats_id
                            ORDER BY {latest_order()}) AS latest
  FROM {participation} p JOIN {insats} i ON i.id = p.insats_id
  WHERE p.forbund_id = %(forbund)s AND i.forbund_id = %(forbund)s
    AND p.start_date <= %(last)s AND (p.end_date IS NULL OR p.end_date >= %(first)s)
) t
WHERE t.latest = 1
GROUP BY t.insats_id, t.gender
"""  # noqa: S608 (table names from the models)


def persons_per_insats(forbund, year: int, *, live: bool = False) -> dict[int, Cell]:
    """Persons per insats active in `year`, by the kön of their latest participation in
    that insats (a frozen year's stored figures unless `live`). One SQL statement; the
    förbund is filtered by hand."""
    if not live and (frozen := stored(forbund, year, PERSONS)) is not None:
        return {int(pk): cell for pk, cell in frozen.items()}
    params = {
        "forbund": forbund.pk,
        "first": date(year, 1, 1),
        "last": date(year, 12, 31),
    }
    with connection.cursor() as cursor:
        cursor.execute(_persons_sql(), params)
        rows = cursor.fetchall()
    result: dict[int, Cell] = {}
    for insats_id, stored_gender, count in rows:
        cell = result.setdefault(insats_id, empty_cell())
        gender = stored_gender if stored_gender in GENDERS else "ej_angivet"
        cell[gender] += count
        cell[TOTAL] += count
    return result


def structural_counts(forbund, year: int) -> dict[int, Cell]:
    """The entered participant counts of the strukturinriktade insatser in `year`."""
    with scope(forbund=forbund):
        rows = StructuralParticipantCount.objects.filter(forbund=forbund, year=year)
        return {
            row.insats_id: {
                "kvinna": row.women,
                "man": row.men,
                "ej_angivet": row.not_stated,
                TOTAL: row.total,
            }
            for row in rows
        }


def national_participants(forbund, year: int) -> NationalParticipants:
    first, last = date(year, 1, 1), date(year, 12, 31)
    persons = persons_per_insats(forbund, year)
    structural = structural_counts(forbund, year)
    with scope(forbund=forbund):
        running = Q(start_date__isnull=True) | Q(start_date__lte=last)
        running &= Q(end_date__isnull=True) | Q(end_date__gte=first)
        insatser = list(
            Insats.objects.filter(forbund=forbund)
            .filter(running | Q(pk__in=list(persons)) | Q(pk__in=list(structural)))
            .order_by("code")
        )
    return NationalParticipants(year, insatser, persons, structural)
