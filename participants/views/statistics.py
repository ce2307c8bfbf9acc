"""Pages of the participant statistics: aggregates only, never a participant row.

Everyone with "statistics.view" (kansli, styrelse, ekonom, revisor) sees the förbund's exact
counts; an insatsansvarig ("statistics.own") the same pages for their own insatser only.
`?publicering=1` shows the version that may be published (statistics_publication), with the
same tables and no charts. The numbers come from participants.services.statistics, as in
the `participant_stats` command and the reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import figure_cache
from core.formatting import format_count_with_share, format_number, round_shares_to_100
from core.suppression import Display
from organisations.access import forbund_view
from participants.choices import END_REASON_GROUPS
from participants.models import Insats
from participants.services.access import statistics_insats_ids
from participants.services.frozen_statistics import frozen_years
from participants.services.statistics import (
    GENDERS,
    TOTAL,
    follow_up_statistics,
    self_supporting_share,
    year_statistics,
    years_with_participations,
)
from participants.services.statistics_publication import publishable
from participants.views import charts
from participants.views.charts import CATEGORIES, label

COLUMNS = (*GENDERS, TOTAL)


@dataclass
class GridRow:
    label: str
    cells: list[str]
    total: bool = False


@dataclass
class Grid:
    """A table of numbers for the template (already formatted, hidden values as signs)."""

    caption: str
    row_title: str
    columns: list[str]
    rows: list[GridRow] = field(default_factory=list)


def fmt(value: Display | None) -> str:
    return value if isinstance(value, str) else format_number(value)


def with_shares(values: Sequence[Display]) -> list[str]:
    """Counts with whole-percent shares summing to 100; only counts when any is hidden
    (a share of published numbers adds nothing, a share of hidden ones would reveal them)."""
    if any(isinstance(v, str) for v in values):
        return [fmt(v) for v in values]
    counts = [v for v in values if not isinstance(v, str)]  # all of them; typed as ints
    shares = round_shares_to_100(counts)
    if not sum(counts):
        return [fmt(v) for v in values]
    return [format_count_with_share(v, s) for v, s in zip(counts, shares, strict=True)]


def _gender_columns() -> list[str]:
    return [label(key) for key in COLUMNS]


def count_grid(document: Mapping[str, Any], part: str, caption: str) -> Grid:
    grid = Grid(caption, _("Insats"), _gender_columns())
    for section in document["insatser"].values():
        grid.rows.append(GridRow(section["namn"], [fmt(section[part][k]) for k in COLUMNS]))
    grid.rows.append(
        GridRow(
            _("Samtliga insatser"), [fmt(document["totalt"][part][k]) for k in COLUMNS], total=True
        )
    )
    return grid


def reasons_per_insats_grid(document: Mapping[str, Any], caption: str) -> Grid:
    """Stockholm 2023, table 3: ended per insats by reason, with shares of the insats' ended."""
    reasons = CATEGORIES["avslutsorsaker"]
    grid = Grid(caption, _("Insats"), [label(r) for r in reasons] + [_("Totalt")])
    sections = [s for s in document["insatser"].values() if s["avslutade"][TOTAL] != 0]
    for section, total in [*((s, False) for s in sections), (document["totalt"], True)]:
        values = [section["avslutsorsaker"][r][TOTAL] for r in reasons]
        name = _("Samtliga insatser") if total else section["namn"]
        grid.rows.append(
            GridRow(name, [*with_shares(values), fmt(section["avslutade"][TOTAL])], total)
        )
    return grid


def breakdown_grid(section: Mapping[str, Any], breakdown: str, caption: str) -> Grid:
    """Categories × kön, each kön column with its shares (summing to 100 %)."""
    categories = CATEGORIES[breakdown]
    grid = Grid(caption, "", _gender_columns())
    columns = {
        key: with_shares([section[breakdown][c][key] for c in categories]) for key in COLUMNS
    }
    for index, category in enumerate(categories):
        grid.rows.append(GridRow(label(category), [columns[key][index] for key in COLUMNS]))
    parent = {"avslutsorsaker": "avslutade"}.get(breakdown, "paborjade")
    grid.rows.append(
        GridRow(_("Totalt"), [fmt(section[parent][key]) for key in COLUMNS], total=True)
    )
    return grid


def comparison_grid(documents: Mapping[int, Mapping[str, Any]], caption: str) -> Grid:
    """The year and the two before: counts, then ended by grouped reason with shares."""
    years = list(documents)
    grid = Grid(caption, "", [str(year) for year in years])
    for part, name in (
        ("deltagare", _("Deltagare under året")),
        ("paborjade", _("Började en insats")),
        ("avslutade", _("Avslutade en insats")),
    ):
        grid.rows.append(GridRow(name, [fmt(documents[y]["totalt"][part][TOTAL]) for y in years]))
    grid.rows.append(
        GridRow(_("Unika deltagare"), [fmt(documents[y]["unika_deltagare"][TOTAL]) for y in years])
    )
    per_year = {
        year: with_shares([_group_sum(documents[year], g.members) for g in END_REASON_GROUPS])
        for year in years
    }
    for index, group in enumerate(END_REASON_GROUPS):
        grid.rows.append(
            GridRow(
                _("Avslutade: %(reason)s") % {"reason": group.label},
                [per_year[y][index] for y in years],
            )
        )
    return grid


def _group_sum(document: Mapping[str, Any], reasons: Sequence[str]) -> Display:
    values = [document["totalt"]["avslutsorsaker"][r][TOTAL] for r in reasons]
    if any(isinstance(v, str) for v in values):
        return values[0] if len(values) == 1 else ".."
    return sum(values)


def follow_up_grid(
    entries: Sequence[tuple[str, Mapping[str, Any], Display, bool]], caption: str
) -> Grid:
    """Per insats: the answers with shares, their total, and the share self-supporting among
    those reached (entries: name, answers, total ended, is the total row)."""
    answers = CATEGORIES["svar"]
    grid = Grid(
        caption,
        _("Insats"),
        [label(a) for a in answers] + [_("Totalt"), _("Egen försörjning av nådda")],
    )
    for name, cells, total, is_total in entries:
        values = [cells[a][TOTAL] for a in answers]
        reached = ".."
        if not any(isinstance(v, str) for v in values):
            share = self_supporting_share(cells)
            reached = "–" if share is None else f"{share}\u00a0%"
        grid.rows.append(GridRow(name, [*with_shares(values), fmt(total), reached], is_total))
    return grid


# --- Views -------------------------------------------------------------------------------


def _default_year(forbund, insats_ids) -> tuple[int, list[int]]:
    years = years_with_participations(forbund, insats_ids)
    last_complete = timezone.localdate().year - 1
    if last_complete in years or not years:
        return last_complete, years
    return years[0], years


@forbund_view("statistics.own", methods=("GET", "HEAD"))
def statistics_index(request):
    ids = statistics_insats_ids(request.membership)
    year, years = _default_year(request.forbund, ids)
    return _statistics_page(request, year, years, ids)


@forbund_view("statistics.own", methods=("GET", "HEAD"))
def statistics_year(request, year: int):
    ids = statistics_insats_ids(request.membership)
    return _statistics_page(request, year, years_with_participations(request.forbund, ids), ids)


def _statistics_page(request, year: int, years: list[int], insats_ids: set[int] | None):
    """The page; `insats_ids` limits every figure to those insatser (None: the förbund). Its
    tables and charts are the same for everyone who sees the same insatser: kept between
    requests until the data change (core/figure_cache.py)."""
    forbund = request.forbund
    publication = request.GET.get("publicering") == "1"
    own = None if insats_ids is None else tuple(sorted(insats_ids))
    body = figure_cache.fetch(
        "participants.statistics_page",
        (forbund, year, tuple(years), own, publication, translation.get_language()),
        lambda: render_to_string(
            "participants/_statistics_body.html",
            _statistics_context(forbund, year, years, insats_ids, publication),
        ),
    )
    return render(
        request,
        "participants/statistics.html",
        {"year": year, "body": mark_safe(body), "limited": insats_ids is not None},  # noqa: S308 - our own rendering
    )


def _statistics_context(
    forbund, year: int, years: list[int], insats_ids: set[int] | None, publication: bool
) -> dict:
    exact = year_statistics(forbund, year, insats_ids)
    previous = {y: year_statistics(forbund, y, insats_ids) for y in (year - 2, year - 1)}
    follow_up = follow_up_statistics(forbund, year, insats_ids)
    if publication:
        document = publishable(exact)
        before = publishable(previous[year - 1], follow_up)
        follow = before.pop("uppfoljning_12_man")
        follow_entries = [
            (e["namn"], follow[code], before["insatser"][code]["avslutade"][TOTAL], False)
            for code, e in follow_up["insatser"].items()
        ]
        follow_entries.append(
            (_("Samtliga insatser"), follow[TOTAL], before["totalt"]["avslutade"][TOTAL], True)
        )
        compared = {year - 2: publishable(previous[year - 2]), year - 1: before, year: document}
    else:
        document = exact
        follow_entries = [
            (e["namn"], e["svar"], sum(c[TOTAL] for c in e["svar"].values()), False)
            for e in follow_up["insatser"].values()
        ]
        follow_entries.append(
            (
                _("Samtliga insatser"),
                follow_up["totalt"],
                sum(c[TOTAL] for c in follow_up["totalt"].values()),
                True,
            )
        )
        compared = {**previous, year: exact}

    per_insats = [
        {
            "name": section["namn"],
            "reasons": breakdown_grid(
                section,
                "avslutsorsaker",
                _("Avslutade i %(name)s per avslutsorsak och kön") % {"name": section["namn"]},
            )
            if exact["insatser"][code]["avslutade"][TOTAL]
            else None,
            "age": breakdown_grid(section, "alder_vid_start", _("Ålder vid start")),
            "education": breakdown_grid(section, "utbildning", _("Utbildning")),
        }
        for code, section in document["insatser"].items()
    ]
    context = {
        "year": year,
        "own_insatser": None
        if insats_ids is None
        else list(Insats.objects.filter(pk__in=insats_ids).order_by("code")),
        "years": sorted(set(years) | {year}, reverse=True),
        "publication": publication,
        "document": document,
        "has_data": bool(exact["insatser"]),
        "unique": [(label(k), fmt(document["unika_deltagare"][k])) for k in COLUMNS],
        "facts": [
            (_("Deltagare under året"), fmt(document["totalt"]["deltagare"][TOTAL])),
            (_("Började en insats"), fmt(document["totalt"]["paborjade"][TOTAL])),
            (_("Avslutade en insats"), fmt(document["totalt"]["avslutade"][TOTAL])),
            (_("Unika deltagare"), fmt(document["unika_deltagare"][TOTAL])),
        ],
        "started": count_grid(
            document,
            "paborjade",
            _("Deltagare som började en insats %(year)s, per insats och kön") % {"year": year},
        ),
        "active": count_grid(
            document, "deltagare", _("Deltagare under %(year)s per insats och kön") % {"year": year}
        ),
        "ended": count_grid(
            document,
            "avslutade",
            _("Deltagare som avslutade en insats %(year)s, per insats och kön") % {"year": year},
        ),
        "reasons": reasons_per_insats_grid(
            document, _("Avslutade %(year)s per insats och avslutsorsak") % {"year": year}
        ),
        "reasons_total": breakdown_grid(
            document["totalt"],
            "avslutsorsaker",
            _("Avslutsorsaker %(year)s, samtliga insatser, per kön") % {"year": year},
        ),
        "age": breakdown_grid(
            document["totalt"],
            "alder_vid_start",
            _("Ålder när deltagarna började %(year)s, per kön") % {"year": year},
        ),
        "education": breakdown_grid(
            document["totalt"],
            "utbildning",
            _("Utbildning när deltagarna började %(year)s, per kön") % {"year": year},
        ),
        "per_insats": per_insats,
        "comparison": comparison_grid(
            compared, _("%(first)s–%(last)s, samtliga insatser") % {"first": year - 2, "last": year}
        ),
        "follow_up": follow_up_grid(
            follow_entries,
            _("Egen försörjning tolv månader efter avslut, deltagare som avslutades %(year)s")
            % {"year": year - 1},
        ),
        "follow_up_year": year - 1,
        # Participants counted in the year have been removed since: stored figures (gallring.md).
        "frozen": year in frozen_years(forbund),
        "charts": {}
        if publication or not exact["insatser"]
        else _charts(exact, compared, follow_up, year),
        "forbund": forbund,
    }
    return context


def _charts(document, compared, follow_up, year: int) -> dict[str, charts.RenderedChart]:
    """The page's charts by place; each states its numbers in its alt text."""
    values = {"year": year, "first": year - 2, "last": year, "ended": year - 1}
    rendered = {
        "started": charts.render(
            charts.by_insats_and_gender(
                document, "paborjade", _("Började en insats %(year)s, per kön") % values
            )
        ),
        "age": charts.render(
            charts.breakdown_by_gender(
                document["totalt"], "alder_vid_start", _("Ålder vid start %(year)s") % values
            )
        ),
        "education": charts.render(
            charts.breakdown_by_gender(
                document["totalt"], "utbildning", _("Utbildning vid start %(year)s") % values
            )
        ),
    }
    if document["totalt"]["avslutade"][TOTAL]:
        rendered["reasons"] = charts.render(
            charts.reasons_per_insats(
                document, _("Avslutsorsaker per insats %(year)s, andel") % values
            )
        )
    if any(d["totalt"]["avslutade"][TOTAL] for d in compared.values()):
        rendered["comparison"] = charts.render(
            charts.reasons_per_year(
                compared, _("Avslutsorsaker %(first)s–%(last)s, andel") % values
            )
        )
    if follow_up["insatser"]:
        rendered["follow_up"] = charts.render(
            charts.follow_up_per_insats(
                follow_up,
                _("Egen försörjning tolv månader efter avslut, avslutade %(ended)s") % values,
            )
        )
    return rendered
