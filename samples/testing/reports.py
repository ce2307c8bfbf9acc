"""The reports app's objects in the shared test world (see samples/testing/__init__.py).

Objects are made when a URL needs them (the providers below), not for every test: an adopted
version carries a data snapshot, which costs a little to collect.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django_scopes import scopes_disabled

from reports.choices import Direction, Indicator, Period, ReportKind
from samples.testing import URL_KWARGS, World

YEAR = 2024  # samples.testing's "year"

# The board's adoption of the annual report, as the office fills in the form.
ADOPTION_FORM = {
    "adopted_on": "2025-03-19",
    "decision_reference": "Styrelsen 2025-03-19 § 4",
    "place": "Alfaby",
    "signatories": "Anna Andersson, ordförande\nBo Berg, ledamot",
    "note": "",
    "publication": "1",
}


def _goal(world: World) -> int:
    from reports.models import Goal

    key = "reports_goal"
    if key not in world.extra:
        with scopes_disabled():
            world.extra[key] = Goal.objects.create(
                forbund=world.a,
                year=YEAR,
                insats=world.insats_a1,
                title="Minst 100 deltagare",
                indicator=Indicator.PARTICIPANTS,
                direction=Direction.AT_LEAST,
                target=Decimal(100),
            )
    return world.extra[key].pk


def _version(world: World) -> int:
    """An adopted version 1 of förbund A's annual report (files are stand-ins: the walk only
    downloads them)."""
    from reports.models import AdoptedVersion, Report
    from reports.services.generation import annual_report_data
    from reports.services.snapshot import sha256

    key = "reports_version"
    if key not in world.extra:
        with scopes_disabled():
            report, _created = Report.objects.get_or_create(
                forbund=world.a, kind=ReportKind.ANNUAL, year=YEAR, period=""
            )
            adoption: dict[str, Any] = {
                "version": 1,
                "adopted_on": "2025-03-20",
                "decision_reference": "Styrelsen 2025-03-20 § 5",
                "place": "Alfa",
                "signatories": [{"name": "Styrelse Alfa", "role": "Ordförande"}],
            }
            data = annual_report_data(world.a, YEAR, adoption=adoption)
            pdf, docx = b"%PDF-1.7 stand-in", b"PK stand-in"
            world.extra[key] = AdoptedVersion.objects.create(
                forbund=world.a,
                report=report,
                version=1,
                adopted_on=date(2025, 3, 20),
                decision_reference=adoption["decision_reference"],
                signatories=adoption["signatories"],
                data=data,
                docx=docx,
                pdf=pdf,
                docx_sha256=sha256(docx),
                pdf_sha256=sha256(pdf),
            )
    return world.extra[key].version


URL_KWARGS["goal"] = _goal
URL_KWARGS["report_version"] = _version
URL_KWARGS["report_period"] = lambda world: Period.T1.value


def _audit_document(world: World) -> int:
    """A revisionsberättelse filed for förbund A's annual report."""
    from reports.models import AuditDocument, Report
    from reports.services.snapshot import sha256

    key = "reports_audit_document"
    if key not in world.extra:
        with scopes_disabled():
            report, _created = Report.objects.get_or_create(
                forbund=world.a, kind=ReportKind.ANNUAL, year=YEAR, period=""
            )
            content = b"%PDF-1.7 stand-in"
            world.extra[key] = AuditDocument.objects.create(
                forbund=world.a,
                report=report,
                kind="revisionsberattelse",
                file_name="revisionsberattelse.pdf",
                content=content,
                sha256=sha256(content),
                dated=date(2025, 4, 2),
            )
    return world.extra[key].pk


URL_KWARGS["document"] = _audit_document
