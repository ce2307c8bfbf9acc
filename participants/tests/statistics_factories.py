"""Building participations for the statistics tests: plain rows, bulk-inserted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django_scopes import scopes_disabled

from participants.choices import InterventionKind
from participants.models import Insats, Participant, Participation


@dataclass(frozen=True)
class Row:
    """One row of a participant file, as the statistics see it."""

    person: str
    insats: str  # insats code
    start: date
    end: date | None = None
    reason: str = ""
    gender: str = "ej_angivet"
    birth_year: int | None = None
    education: str = ""
    follow_up: str = ""


def make_insatser(forbund, specs: Iterable[tuple[str, str, str]]) -> dict[str, Insats]:
    """(code, name, kind) → the förbund's insatser by code."""
    with scopes_disabled():
        return {
            code: Insats.objects.create(
                forbund=forbund, code=code, name=name, kind=kind, start_date=date(2015, 1, 1)
            )
            for code, name, kind in specs
        }


def individual(code: str, name: str) -> tuple[str, str, str]:
    return code, name, InterventionKind.INDIVIDUAL


def structural(code: str, name: str) -> tuple[str, str, str]:
    return code, name, InterventionKind.STRUCTURAL


def add_rows(forbund, rows: Iterable[Row]) -> int:
    """Insert the rows (people created as needed); returns the number of participations."""
    rows = list(rows)
    with scopes_disabled():
        insatser = {i.code: i for i in Insats.objects.filter(forbund=forbund)}
        people = {p.code: p for p in Participant.objects.filter(forbund=forbund)}
        new_people = sorted({r.person for r in rows} - set(people))
        Participant.objects.bulk_create(
            [Participant(forbund=forbund, code=code) for code in new_people]
        )
        people = {p.code: p for p in Participant.objects.filter(forbund=forbund)}
        Participation.objects.bulk_create(
            [
                Participation(
                    forbund=forbund,
                    participant=people[r.person],
                    insats=insatser[r.insats],
                    start_date=r.start,
                    end_date=r.end,
                    end_reason=r.reason,
                    gender=r.gender,
                    birth_year=r.birth_year,
                    education=r.education,
                    follow_up_12m=r.follow_up,
                )
                for r in rows
            ],
            batch_size=1000,
        )
    return len(rows)


SECRET = "HEMLIG-KOD"


def add_year_2023(world):
    """Förbund A in 2023: plenty in A1, three women in A2 (a small count), seven in a
    strukturinriktad insats, and six who ended in A1 in 2022 with a follow-up."""
    make_insatser(world.a, [structural("KOMP", "Kompetensutveckling")])
    rows = [
        Row(
            f"{SECRET}-{n}",
            "A1",
            date(2023, 1 + n % 12, 3),
            date(2023, 12, 1) if n % 3 == 0 else None,
            ("arbete", "sjukdom", "")[n % 3] if n % 3 == 0 else "",
            ("kvinna", "man")[n % 2],
            1970 + n % 40,
            ("gymnasium", "grundskola", "")[n % 3],
        )
        for n in range(40)
    ]
    rows += [Row(f"A2-{n}", "A2", date(2023, 3, 1), gender="kvinna") for n in range(3)]
    rows += [
        Row(f"B-{n}", "A1", date(2022, 3, 1), date(2022, 11, 1), "arbete", "man", follow_up="ja")
        for n in range(6)
    ]
    rows += [Row(f"K-{n}", "KOMP", date(2023, 3, 1), gender="man") for n in range(7)]
    add_rows(world.a, rows)
    return world


def statistics_url(world, name: str = "statistics:year", **kwargs) -> str:
    from django.urls import reverse

    kwargs.setdefault("year", 2023)
    return reverse(name, kwargs={"forbund": world.a.slug, **kwargs})
