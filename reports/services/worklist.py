"""The start page's "Att göra" (work lists) and "Läget i år" (the year at a glance).

    work = worklist(membership, today)          # .groups: per insats, then the förbund
    glance = year_at_a_glance(membership, today)

Role-aware: each item needs the capability of the page where it is fixed, and reads only what
the role may read (an insatsansvarig: their own insatser's participations, survey rounds and
statistics; no budget, books or reports). Every item links to where it is fixed, with a count
that is exactly what that page shows (the participation list's filter "Att åtgärda" uses
participants.services.gaps, the same definitions).

Items:
- participations: endings without reason, 12-month follow-ups due, background data missing,
  future or impossible dates (participants.services.gaps), per insats;
- budget: driftredovisning rows over budget or at risk of going over (outcome so far against
  the budget for the same share of the year: economy.services.budget_status);
- books: months of the year not yet imported (the last booked voucher against the last full
  month before today);
- goals of the year not on target (reports.services.goals' grading; counts and budget use
  against the target for the share of the year gone);
- open survey rounds;
- the annual report of last year waiting for a step: not adopted, adopted without the
  auditors' report, or members' decisions on ansvarsfrihet missing.

The number of queries does not grow with the data (tests: reports/tests/test_worklist.py).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import figure_cache
from core.formatting import format_number, format_tkr
from core.status import BAD, INFO, OK, WARN, Status, worst
from economy.services import NoBooksError, operating_statement
from economy.services.budget_status import (
    books_through,
    row_status,
    share_of_year,
    statement_share,
)
from organisations.models import Member
from organisations.roles import has_capability
from participants.models import Insats, Participation
from participants.services.access import (
    participant_insatser,
    sees_all_insatser,
    statistics_insats_ids,
)
from participants.services.expected import target_status
from participants.services.gaps import GAP_KINDS, gap_counts_by_insats
from participants.services.statistics import year_statistics
from reports.choices import AuditDocumentKind, Grade, Indicator, ReportKind
from reports.models import AdoptedVersion, AuditDocument, Discharge, Goal
from reports.services import sources
from reports.services.goals import GoalResult, goal_results, thresholds_for
from reports.services.snapshot import jsonable
from surveys.services.access import visible_rounds

COUNT_INDICATORS = (Indicator.PARTICIPANTS, Indicator.STARTED)


@dataclass
class Item:
    label: str
    url: str
    status: Status
    count: int | None = None
    detail: str = ""


@dataclass
class Group:
    title: str
    url: str | None
    items: list[Item] = field(default_factory=list)

    @property
    def status(self) -> Status | None:
        return worst(item.status for item in self.items)


@dataclass
class Worklist:
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(len(group.items) for group in self.groups)


def _url(name: str, forbund, query: str = "", **kwargs) -> str:
    return reverse(name, kwargs={"forbund": forbund.slug, **kwargs}) + query


def year_share(today: date) -> Fraction:
    """The part of today's year that is gone, today included."""
    return share_of_year(today.year, today)


# --- Pieces ----------------------------------------------------------------------------------


def _gap_items(membership, today: date, groups: dict[int, tuple[str, Group]]) -> None:
    forbund = membership.forbund
    visible = (
        Participation.objects.all()
        if sees_all_insatser(membership)
        else Participation.objects.filter(insats__in=participant_insatser(membership))
    )
    labels = {kind.key: kind for kind in GAP_KINDS}
    for insats_id, counts in gap_counts_by_insats(visible, today).items():
        if insats_id not in groups:
            continue
        code, group = groups[insats_id]
        for key, count in counts.items():
            kind = labels[key]
            group.items.append(
                Item(
                    str(kind.label),
                    _url(
                        "participants:insats_participations",
                        forbund,
                        f"?saknas={key}",
                        insats=code,
                    ),
                    Status(BAD if key == "datum" else WARN, _("Att rätta")),
                    count,
                    str(kind.fix),
                )
            )


def _budget_items(membership, statement, share: Fraction, groups, forbund_group) -> None:
    forbund = membership.forbund
    url = _url("economy:operating", forbund, year=statement.year)
    for row in statement.rows:
        if row.is_total or row.is_area:
            continue
        status = row_status(row, share)
        if status is None or status.level not in (WARN, BAD):
            continue
        item = Item(
            _("Budget %(year)s: %(row)s") % {"year": statement.year, "row": row.label}
            if not row.key.startswith("insats:")
            else _("Budget %(year)s") % {"year": statement.year},
            url,
            status,
            detail=_("Utfall netto %(net)s kr, budget %(budget)s kr: avvikelse %(deviation)s kr.")
            % {
                "net": format_number(row.net),
                "budget": format_number(row.budget_net),
                "deviation": format_number(row.deviation, signed=True),
            },
        )
        if row.key.startswith("insats:"):
            group = groups.get(row.key[7:])
            if group is not None:
                group.items.append(item)
                continue
        forbund_group.items.append(item)


def _books_items(forbund, today: date, forbund_group: Group) -> None:
    """Months before this one whose books are not imported (in January: last year's last
    month)."""
    last_month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    year, month = last_month
    through = books_through(forbund, year)
    booked = 0 if through is None or through.year < year else through.month
    missing = month - booked
    if missing <= 0:
        return
    forbund_group.items.append(
        Item(
            ngettext(
                "Bokföringen för %(year)s saknar en månad",
                "Bokföringen för %(year)s saknar %(n)s månader",
                missing,
            )
            % {"year": year, "n": missing},
            _url("economy:upload", forbund),
            Status(WARN, _("Saknas")),
            missing,
            _("Senast bokförda dag: %(day)s.") % {"day": through.isoformat()}
            if through
            else _("Ingen bokföring är inläst för året."),
        )
    )


def goals_to_date(forbund, today: date, statistics, statement) -> list[GoalResult]:
    """This year's goals graded on the figures so far: a count or budget use is compared with
    the target for the part of the year gone (a share is compared as it is)."""
    share = year_share(today)
    goals = []
    for goal in Goal.objects.filter(year=today.year).select_related("insats"):
        if goal.indicator in COUNT_INDICATORS and share < 1:
            goal = copy.copy(goal)
            goal.target = goal.target * share.numerator / share.denominator
        goals.append(goal)
    use: dict[str | None, Any] = {}
    if statement is not None and statement.year == today.year:
        covered = statement_share(forbund, statement, today)
        raw = sources.budget_use(jsonable(statement.as_dict()))
        use = {key: value / covered if value else value for key, value in raw.items()}
    return goal_results(goals, statistics, use, thresholds_for(forbund))


def _goal_items(forbund, results: list[GoalResult], groups, forbund_group, today: date) -> None:
    url = _url("reports:goals", forbund, year=today.year)
    for result in results:
        if result.grade in (None, Grade.GOOD):
            continue
        status = _goal_status(result)
        if status is None:
            continue
        item = Item(_("Mål: %(title)s") % {"title": result.title}, url, status)
        group = groups.get(result.insats_code) if result.insats_code else None
        (group or forbund_group).items.append(item)


def _survey_items(membership, today: date, groups, forbund_group) -> None:
    rounds = (
        visible_rounds(membership)
        .filter(is_open=True, start_date__lte=today, end_date__gte=today)
        .annotate(answers=Count("responses", distinct=True))
    )
    for survey_round in rounds:
        item = Item(
            _("Enkät öppen: %(name)s, %(n)s svar, till %(end)s")
            % {
                "name": survey_round.name,
                "n": survey_round.answers,
                "end": survey_round.end_date.isoformat(),
            },
            _url("surveys:round", membership.forbund, round=survey_round.pk),
            Status(INFO, _("Pågår")),
        )
        placed = False
        for insats in survey_round.insatser.all():
            group = groups.get(insats.code)
            if group is not None:
                group.items.append(item)
                placed = True
        if not placed:
            forbund_group.items.append(item)


def _report_items(membership, today: date, forbund_group: Group) -> None:
    forbund = membership.forbund
    year = today.year - 1
    version = (
        AdoptedVersion.objects.filter(report__kind=ReportKind.ANNUAL, report__year=year)
        .only("pk", "report_id")
        .order_by("-version")
        .first()
    )
    annual = _url("reports:annual", forbund, year=year)
    if version is None:
        forbund_group.items.append(
            Item(
                _("Årsredovisningen %(year)s är inte fastställd") % {"year": year},
                annual,
                Status(WARN, _("Väntar")),
            )
        )
        return
    audit = _url("reports:audit", forbund, year=year)
    audited = AuditDocument.objects.filter(
        report_id=version.report_id, kind=AuditDocumentKind.AUDIT_REPORT
    ).exists()
    if not audited:
        forbund_group.items.append(
            Item(
                _("Revisionsberättelsen för %(year)s är inte arkiverad") % {"year": year},
                audit,
                Status(WARN, _("Väntar på revisorerna")),
            )
        )
        return
    members = Member.objects.filter(forbund=forbund).count()
    decided = Discharge.objects.filter(report_id=version.report_id).count()
    if decided < members:
        forbund_group.items.append(
            Item(
                ngettext(
                    "Beslut om ansvarsfrihet %(year)s saknas från en medlem",
                    "Beslut om ansvarsfrihet %(year)s saknas från %(n)s medlemmar",
                    members - decided,
                )
                % {"year": year, "n": members - decided},
                audit,
                Status(WARN, _("Väntar på medlemmarna")),
                members - decided,
            )
        )


# --- The lists -------------------------------------------------------------------------------


def _insats_groups(membership) -> dict[str, Group]:
    """A group per insats the member works with (kansli and the economy and report roles:
    every insats; an insatsansvarig: their own), by code, in code order."""
    forbund = membership.forbund
    if membership.role == "insatsansvarig":
        insatser = participant_insatser(membership)
    else:
        insatser = Insats.objects.all()
    return {
        insats.code: Group(
            f"{insats.name} ({insats.code})",
            _url("participants:insats", forbund, insats=insats.code),
        )
        for insats in insatser.order_by("code").only("pk", "code", "name")
    }


def worklist(membership, today: date, *, statement=None, statistics=None) -> Worklist:
    """What the member should do, grouped per insats and then the förbund (empty groups are
    left out). Runs inside the förbund's scope."""
    forbund = membership.forbund
    role = membership.role
    groups = _insats_groups(membership)
    if has_capability(role, "participants.view"):
        ids = dict(Insats.objects.filter(code__in=groups).values_list("pk", "code"))
        by_id = {pk: (code, groups[code]) for pk, code in ids.items()}
        _gap_items(membership, today, by_id)
    forbund_group = Group(_("Förbundet"), None)
    if has_capability(role, "economy.manage"):
        _books_items(forbund, today, forbund_group)
    if has_capability(role, "economy.view"):
        if statement is None:
            statement = operating_to_date(forbund, today)
        if statement is not None:
            share = statement_share(forbund, statement, today)
            _budget_items(membership, statement, share, groups, forbund_group)
    if has_capability(role, "reports.view"):
        if statistics is None:
            statistics = year_statistics(forbund, today.year)
        results = goals_to_date(forbund, today, statistics, statement)
        _goal_items(forbund, results, groups, forbund_group, today)
        _report_items(membership, today, forbund_group)
    if has_capability(role, "surveys.rounds"):
        _survey_items(membership, today, groups, forbund_group)
    ordered = [group for group in groups.values() if group.items]
    if forbund_group.items:
        ordered.append(forbund_group)
    return Worklist(ordered)


# --- The year at a glance --------------------------------------------------------------------


@dataclass
class GlanceRow:
    label: str
    value: str
    target: str = ""
    status: Status | None = None
    url: str | None = None


@dataclass
class Glance:
    year: int
    participants: list[GlanceRow]
    economy: list[GlanceRow]
    books_through: date | None = None
    economy_year: int | None = None
    scope_note: str = ""


def year_at_a_glance(membership, today: date, *, statement=None, statistics=None) -> Glance:
    """This year's figures against budget and targets: participants (for whoever may see the
    statistics, an insatsansvarig their own insatser) and outcome against budget so far (for
    economy readers)."""
    forbund = membership.forbund
    role = membership.role
    year = today.year
    share = year_share(today)
    glance = Glance(year, [], [])
    if has_capability(role, "statistics.own"):
        ids = statistics_insats_ids(membership)
        document = (
            statistics
            if statistics is not None and ids is None
            else year_statistics(forbund, year, ids)
        )
        if ids is not None:
            glance.scope_note = _("Dina insatser")
        insatser = Insats.objects.filter(code__in=document["insatser"]).only(
            "code", "expected_participants"
        )
        expected = {i.code: i.expected_participants for i in insatser}
        for code, section in document["insatser"].items():
            target = expected.get(code)
            active = section["deltagare"]["totalt"]
            glance.participants.append(
                GlanceRow(
                    section["namn"],
                    format_number(active),
                    format_number(target) if target else "",
                    target_status(Fraction(active), Fraction(target) * share) if target else None,
                    _url("participants:insats", forbund, insats=code),
                )
            )
        glance.participants.append(
            GlanceRow(
                _("Unika deltagare, alla insatser") if ids is None else _("Unika deltagare"),
                format_number(document["unika_deltagare"]["totalt"]),
            )
        )
        glance.participants.append(
            GlanceRow(_("Började i år"), format_number(document["totalt"]["paborjade"]["totalt"]))
        )
        glance.participants.append(
            GlanceRow(_("Avslutade i år"), format_number(document["totalt"]["avslutade"]["totalt"]))
        )
    if has_capability(role, "economy.view"):
        if statement is None:
            statement = operating_to_date(forbund, today)
        if statement is not None:
            glance.economy_year = statement.year
            glance.books_through = books_through(forbund, statement.year)
            books_share = statement_share(forbund, statement, today)
            url = _url("economy:operating", forbund, year=statement.year)
            for row in statement.rows:
                area = row.key in ("individinriktad", "strukturinriktad")
                if not (row.is_total or area or row.key.startswith("insats:")):
                    continue
                label = _("Kostnader totalt") if row.is_total else row.label
                budget = row.budget.costs if row.budget is not None else None
                glance.economy.append(
                    GlanceRow(
                        label,
                        format_tkr(row.outcome.costs),
                        format_tkr(budget) if budget is not None else "",
                        row_status(row, books_share)
                        if not row.is_total
                        else _total_status(row, books_share),
                        url,
                    )
                )
    return glance


def _total_status(row, share: Fraction) -> Status | None:
    """The whole year's costs against budgeted costs (the result row's net may be a budgeted
    surplus, so costs are compared here)."""
    if row.budget is None or not row.budget.costs:
        return None
    budget = Fraction(row.budget.costs)
    costs = Fraction(row.outcome.costs)
    if costs > budget:
        return Status(BAD, _("Över budget"))
    if share < 1 and costs > budget * share * Fraction(11, 10):
        return Status(WARN, _("Risk att överskrida"))
    return Status(OK, _("Inom budget"))


# --- The insats page -------------------------------------------------------------------------


def operating_to_date(forbund, today: date):
    """This year's driftredovisning so far; until this year's books are imported, last
    year's (None without either)."""
    for year in (today.year, today.year - 1):
        try:
            return operating_statement(forbund, year)
        except NoBooksError:
            continue
    return None


@figure_cache.kept
def insats_overview(membership, insats, today: date) -> dict[str, Any] | None:
    """Budget against outcome so far (economy.view) and the year's goals with their status so
    far (reports.view) for one insats; None when the member may see neither."""
    forbund = membership.forbund
    role = membership.role
    result: dict[str, Any] = {}
    statement = None
    if has_capability(role, "economy.view"):
        statement = operating_to_date(forbund, today)
        if statement is not None:
            key = f"insats:{insats.code}"
            row = next((r for r in statement.rows if r.key == key), None)
            result["budget"] = {
                "year": statement.year,
                "row": row,
                "status": row_status(row, statement_share(forbund, statement, today))
                if row is not None
                else None,
                "through": books_through(forbund, statement.year),
                "url": _url("economy:operating", forbund, year=statement.year),
            }
    if has_capability(role, "reports.view"):
        goals = Goal.objects.filter(year=today.year, insats=insats).exists()
        if goals:
            statistics = year_statistics(forbund, today.year)
            results = [
                goal
                for goal in goals_to_date(forbund, today, statistics, statement)
                if goal.insats_code == insats.code
            ]
            result["goals"] = [(goal, _goal_status(goal)) for goal in results]
            result["goals_year"] = today.year
            result["goals_url"] = _url("reports:goals", forbund, year=today.year)
    return result or None


def _goal_status(result: GoalResult) -> Status | None:
    if result.grade is None:
        return None
    if result.grade == Grade.GOOD:
        return Status(OK, _("I fas"))
    if result.grade == Grade.PARTLY:
        return Status(WARN, _("Delvis i fas"))
    return Status(BAD, _("Målet är i fara"))
