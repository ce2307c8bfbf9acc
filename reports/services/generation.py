"""Generating reports: collect the data snapshot, build the Document, render DOCX or PDF.

    data = annual_report_data(forbund, 2023)                 # JSON-ready snapshot
    doc = build_annual_report(data)                          # reports.builders.annual
    content = render(doc, "pdf")                             # or "docx"

`report_file(kind, data, fmt)` does the last two steps through a cache keyed by the data's
fingerprint: the same data gives the same file without rendering again (board members who
download the same draft, the URL walk of the tests).
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.cache import cache
from django_scopes import scope

from core import figure_cache
from core.document import Document
from reports.builders.annual import build_annual_report
from reports.builders.period import build_period_report
from reports.builders.plan import build_business_plan
from reports.choices import PERIOD_LAST_MONTH, PERIOD_TITLES, Indicator, Period, ReportKind
from reports.documents.render_docx import render_docx
from reports.documents.render_pdf import heading_pages, render_pdf, render_pdf_with_pages
from reports.models import Goal, Report
from reports.services import sources
from reports.services.accrual import accrue_contributions
from reports.services.forecast import forecast_document, stored_forecasts
from reports.services.goal_bases import with_all_endings
from reports.services.goals import goal_results, thresholds_for
from reports.services.images import images_data
from reports.services.period_statistics import statistics_to_date
from reports.services.snapshot import SCHEMA_VERSION, data_fingerprint, jsonable
from surveys.services import report as survey_report

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# Bump when a builder or renderer changes what a file looks like: the cache key includes it.
RENDER_VERSION = 4
CACHE_SECONDS = 60 * 60


class ReportFormatError(ValueError):
    pass


def check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ReportFormatError(
            f"Okänt filformat {fmt!r}: rapporten kan skapas som .docx eller .pdf."
        )
    return fmt


def find_report(forbund, kind: str, year: int, period: str = "") -> Report | None:
    return Report.objects.filter(forbund=forbund, kind=kind, year=year, period=period).first()


@figure_cache.kept
def annual_report_data(
    forbund,
    year: int,
    *,
    for_publication: bool | None = None,
    adoption: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the annual report of `year` shows, as JSON (see reports.services.snapshot).

    `for_publication` None: as the report is marked (Report.for_publication).
    """
    with scope(forbund=forbund):
        report = find_report(forbund, ReportKind.ANNUAL, year)
        if for_publication is None:
            for_publication = bool(report and report.for_publication)
        statistics = sources.statistics(forbund, year, for_publication=for_publication)
        statements = sources.statements(forbund, year)
        operating = sources.operating(forbund, year)
        thresholds = thresholds_for(forbund)
        goals = Goal.objects.filter(forbund=forbund, year=year).select_related("insats")
        results = goal_results(
            goals,
            statistics["exact"][str(year)],
            sources.budget_use(operating),
            thresholds,
        )
        data = {
            "schema": SCHEMA_VERSION,
            "kind": ReportKind.ANNUAL.value,
            "year": year,
            "forbund": sources.forbund_info(forbund),
            "for_publication": for_publication,
            "signing_place": (report.signing_place if report else "") or forbund.seat,
            "texts": sources.texts(report, ReportKind.ANNUAL),
            "members": sources.members(forbund, year),
            "board": sources.board(forbund, year),
            "trustees": sources.trustees(forbund, year),
            "ideal": sources.ideal(forbund, year),
            "statistics": statistics["shown"],
            "statements": statements,
            "balance_requirement": sources.balance_requirement(forbund, year)
            if statements
            else None,
            "five_year": sources.five_year_overview(forbund, year),
            "operating": operating,
            "checks": sources.checks(forbund, year),
            "goals": with_all_endings(
                [result.as_data() for result in results], statistics["exact"][str(year)]
            ),
            "grading": jsonable(
                {"good_within": thresholds.good_within, "partly_within": thresholds.partly_within}
            ),
            "insatser": sources.insatser(forbund, year),
            "insats_texts": sources.insats_texts(report),
            "images": images_data(report),
            "surveys": survey_report.annual_sections(
                forbund, year, for_publication=for_publication
            ),
            "adoption": dict(adoption) if adoption else None,
        }
    return jsonable(data)


def business_plan_data(forbund, year: int) -> dict[str, Any]:
    """Everything the business plan of `year` shows (goals as targets, the 3-year budget)."""
    with scope(forbund=forbund):
        report = find_report(forbund, ReportKind.PLAN, year)
        thresholds = thresholds_for(forbund)
        goals = Goal.objects.filter(forbund=forbund, year=year).select_related("insats")
        targets = goal_results(goals, None, {}, thresholds)
        data = {
            "schema": SCHEMA_VERSION,
            "kind": ReportKind.PLAN.value,
            "year": year,
            "forbund": sources.forbund_info(forbund),
            "for_publication": False,
            "texts": sources.texts(report, ReportKind.PLAN),
            "members": sources.members(forbund, year),
            "board": sources.board(forbund, year),
            "trustees": sources.trustees(forbund, year),
            "ideal": sources.ideal(forbund, year),
            "goals": [target.as_data() for target in targets],
            "grading": jsonable(
                {"good_within": thresholds.good_within, "partly_within": thresholds.partly_within}
            ),
            "insatser": sources.insatser(forbund, year),
            "plan": sources.three_year_plan(forbund, year),
            "adoption": None,
        }
    return jsonable(data)


def period_report_data(
    forbund, year: int, period: str, *, for_publication: bool | None = None
) -> dict[str, Any]:
    """Budget against outcome and participants from 1 January to the end of `period`."""
    period = Period(period)
    last_month = PERIOD_LAST_MONTH[period]
    until = date(year, last_month, monthrange(year, last_month)[1])
    with scope(forbund=forbund):
        report = find_report(forbund, ReportKind.PERIOD, year, period)
        if for_publication is None:
            for_publication = bool(report and report.for_publication)
        operating = accrue_contributions(sources.operating(forbund, year, until=until), last_month)
        participants = statistics_to_date(forbund, year, until, for_publication=for_publication)
        thresholds = thresholds_for(forbund)
        goals = [
            goal
            for goal in Goal.objects.filter(forbund=forbund, year=year).select_related("insats")
            if goal.indicator in MEASURABLE_TO_DATE
        ]
        results = goal_results(goals, _statistics_document(participants), {}, thresholds)
        data = {
            "schema": SCHEMA_VERSION,
            "kind": ReportKind.PERIOD.value,
            "year": year,
            "period": period.value,
            "title": PERIOD_TITLES[period],
            "until": until,
            "months": last_month,
            "forbund": sources.forbund_info(forbund),
            "for_publication": for_publication,
            "texts": sources.texts(report, ReportKind.PERIOD),
            "members": sources.members(forbund, year),
            "operating": operating,
            "forecast": forecast_document(operating, stored_forecasts(report)),
            "statements": sources.period_statements(forbund, year, until),
            "participants": participants,
            "survey_rounds": survey_report.rounds_in_progress(forbund, until),
            "goals": [result.as_data() for result in results],
            "adoption": None,
        }
    return jsonable(data)


# Goals a period report can show a result for so far (shares of the ended and budget use
# are judged on the whole year, in the annual report).
MEASURABLE_TO_DATE = (Indicator.PARTICIPANTS, Indicator.STARTED, Indicator.SHARE_WOMEN)


def _statistics_document(participants: Mapping[str, Any]) -> dict[str, Any] | None:
    """The to-date counts in the shape goal_results reads (only what it needs)."""
    cells = [*participants["totalt"].values(), participants["unika_deltagare"]]
    if any(isinstance(v, str) for cell in cells for v in cell.values()):
        return None  # suppressed counts: no results computed on them
    sections = {
        code: {"deltagare": section["deltagare"], "paborjade": section["paborjade"]}
        for code, section in participants["insatser"].items()
    }
    total = participants["totalt"]
    return {
        "insatser": sections,
        "totalt": {"deltagare": total["deltagare"], "paborjade": total["paborjade"]},
        "unika_deltagare": participants["unika_deltagare"],
    }


BUILDERS: dict[str, Callable[[Mapping[str, Any]], Document]] = {
    ReportKind.ANNUAL: build_annual_report,
    ReportKind.PLAN: build_business_plan,
    ReportKind.PERIOD: build_period_report,
}


def build(data: Mapping[str, Any]) -> Document:
    return BUILDERS[data["kind"]](data)


def render(doc: Document, fmt: str, *, pages: list[int] | None = None) -> bytes:
    """DOCX or PDF bytes. `pages`: the headings' pages if already known (from a PDF of the
    same document), which spares the DOCX a layout of its own for the TOC."""
    fmt = check_format(fmt)
    if fmt == "pdf":
        return render_pdf(doc)
    return render_docx(doc, heading_pages=pages if pages is not None else heading_pages(doc))


def render_both(doc: Document) -> tuple[bytes, bytes]:
    """(DOCX, PDF) with one layout: the PDF's page numbers fill the DOCX's TOC."""
    pdf, pages = render_pdf_with_pages(doc)
    return render_docx(doc, heading_pages=pages), pdf


def report_file(data: Mapping[str, Any], fmt: str) -> bytes:
    """The rendered file for the data, from the cache when the same data was rendered.

    Rendering the PDF also caches the headings' pages, so the DOCX of the same data that
    follows (the same draft downloaded in both formats) needs no layout of its own.
    """
    fmt = check_format(fmt)
    fingerprint = data_fingerprint(data)
    key = f"reports:{RENDER_VERSION}:{fmt}:{fingerprint}"
    pages_key = f"reports:{RENDER_VERSION}:pages:{fingerprint}"
    content = cache.get(key)
    if content is None:
        doc = build(data)
        if fmt == "pdf":
            content, pages = render_pdf_with_pages(doc)
            cache.set(pages_key, pages, CACHE_SECONDS)
        else:
            content = render(doc, fmt, pages=cache.get(pages_key))
        cache.set(key, content, CACHE_SECONDS)
    return content


def file_name(data: Mapping[str, Any], fmt: str) -> str:
    """ "arsredovisning-2023-demo.pdf"; "-publicering" for the publication version."""
    parts = [data["kind"], str(data["year"])]
    if data.get("period"):
        parts.append(data["period"])
    parts.append(data["forbund"]["slug"])
    if data.get("for_publication"):
        parts.append("publicering")
    adoption = data.get("adoption")
    if adoption:
        parts.append(f"v{adoption['version']}")
    return "-".join(parts) + f".{fmt}"
