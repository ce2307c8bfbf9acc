"""What is missing or wrong in the participations: the start page's work list and the
participation list's filter "Att åtgärda" (?saknas=KIND) use the same definitions, so a count
on the start page is exactly the number of rows its link shows.

Kinds (all relative to `today`):
- "avslutsorsak": ended (end date today or earlier) without an end reason ("Ej registrerad").
- "uppfoljning": the twelve-month follow-up is due: an individinriktad insats's participation
  that ended at least twelve months ago (on or before the same day a year ago) and has no
  answer on egen försörjning.
- "bakgrund": background data missing: kön "ej angivet", no födelseår or no utbildning.
- "datum": future or impossible dates: a start or end after today, an end before the start,
  a födelseår after the start year, or an age at the start under AGE_MIN or over AGE_MAX.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from participants.choices import Gender, InterventionKind
from participants.models import Participation

StrOrPromise = str | Promise

# Ages at the start that no participant in a FINSAM insats can have (Uppföljning Finsam
# counts people of working age: 16–64; a few years' margin on each side).
AGE_MIN = 15
AGE_MAX = 70


@dataclass(frozen=True)
class GapKind:
    key: str
    label: StrOrPromise  # the filter's and the work list's text
    fix: StrOrPromise  # what to do about it


GAP_KINDS: tuple[GapKind, ...] = (
    GapKind(
        "avslutsorsak",
        _("Avslut utan avslutsorsak"),
        _("Ange avslutsorsak på deltagandet."),
    ),
    GapKind(
        "uppfoljning",
        _("Uppföljning efter 12 månader saknas"),
        _("Registrera om deltagaren har egen försörjning tolv månader efter avslutet."),
    ),
    GapKind(
        "bakgrund",
        _("Bakgrundsuppgifter saknas (kön, födelseår eller utbildning)"),
        _("Komplettera kön, födelseår och utbildning."),
    ),
    GapKind(
        "datum",
        _("Datum i framtiden eller orimliga uppgifter"),
        _("Rätta startdatum, slutdatum eller födelseår."),
    ),
)
GAP_KEYS = tuple(kind.key for kind in GAP_KINDS)


def _year_ago(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def gap_filter(key: str, today: date) -> Q:
    """The participations of one kind of gap, as a filter."""
    if key == "avslutsorsak":
        return Q(end_date__isnull=False, end_date__lte=today, end_reason="")
    if key == "uppfoljning":
        return Q(
            insats__kind=InterventionKind.INDIVIDUAL,
            end_date__isnull=False,
            end_date__lte=_year_ago(today),
            follow_up_12m="",
        )
    if key == "bakgrund":
        return (
            Q(gender=Gender.EJ_ANGIVET)
            | ~Q(gender__in=Gender.values)
            | Q(birth_year__isnull=True)
            | Q(education="")
        )
    if key == "datum":
        return (
            Q(start_date__gt=today)
            | Q(end_date__gt=today)
            | Q(end_date__lt=F("start_date"))
            | Q(birth_year__gt=F("start_date__year") - AGE_MIN)
            | Q(birth_year__lt=F("start_date__year") - AGE_MAX)
        )
    raise ValueError(f"Okänd sorts brist: {key!r}.")


def with_gap(participations: QuerySet[Participation], key: str, today: date):
    return participations.filter(gap_filter(key, today))


def gap_counts_by_insats(
    participations: QuerySet[Participation], today: date
) -> dict[int, dict[str, int]]:
    """Per insats id: the number of participations of each kind of gap (one query; insatser
    without any gap are left out)."""
    rows = (
        participations.order_by()
        .values("insats_id")
        .annotate(**{key: Count("pk", filter=gap_filter(key, today)) for key in GAP_KEYS})
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = {key: row[key] for key in GAP_KEYS if row[key]}
        if counts:
            result[row["insats_id"]] = counts
    return result
