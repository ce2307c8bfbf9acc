"""What people do with reports: write texts, set goals, adopt (sign) a version.

Views and commands call these; each change is audit-logged. Call inside scope(forbund=...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from core import audit
from participants.models import Insats
from reports.choices import ReportKind
from reports.models import AdoptedVersion, Goal, GoalGrading, Report, ReportText
from reports.services.consistency import Contradiction, contradictions
from reports.services.generation import annual_report_data, build, render_both
from reports.services.sections import sections_for
from reports.services.snapshot import sha256


class ReportError(Exception):
    """A change the rules do not allow; the message is Swedish and shown to the user."""


class UnacknowledgedContradictions(ReportError):
    """The text claims what the figures contradict, and no reason was given for keeping it."""

    def __init__(self, found: list[Contradiction]) -> None:
        self.contradictions = found
        lines = "; ".join(f"{c.section}: ”{c.quote}” – {c.figures}" for c in found)
        super().__init__(
            f"Texten säger emot siffrorna på {len(found)} ställen. Rätta texten eller ange "
            f"skäl att behålla den: {lines}"
        )


def get_or_create_report(forbund, kind: str, year: int, period: str = "") -> Report:
    report, _created = Report.objects.get_or_create(
        forbund=forbund, kind=kind, year=year, period=period
    )
    return report


@transaction.atomic
def save_texts(report: Report, texts: Mapping[str, str], user) -> int:
    """Store the sections' texts; returns how many changed. Unknown keys are refused. An
    annual report also has a text per insats of the förbund (key "insats:KOD")."""
    known = {section.key for section in sections_for(report.kind)}
    if report.kind == ReportKind.ANNUAL:
        known |= {
            f"insats:{code}"
            for code in Insats.objects.filter(forbund=report.forbund).values_list("code", flat=True)
        }
    unknown = set(texts) - known
    if unknown:
        raise ReportError(f"Okända avsnitt: {', '.join(sorted(unknown))}.")
    stored = {text.key: text for text in ReportText.objects.filter(report=report)}
    changed = []
    for key, value in texts.items():
        value = value.replace("\r\n", "\n").strip()
        existing = stored.get(key)
        if existing is None:
            if not value:
                continue
            ReportText.objects.create(
                forbund=report.forbund, report=report, key=key, text=value, updated_by=user
            )
            changed.append(key)
        elif existing.text != value:
            existing.text = value
            existing.updated_by = user
            existing.save(update_fields=["text", "updated_by", "updated_at"])
            changed.append(key)
    if changed:
        # The texts are the förbund's own prose, not personal data: the log names the sections.
        audit.log(user, "report.texts_saved", report, changes={"avsnitt": changed})
    return len(changed)


@dataclass(frozen=True)
class CopiedTexts:
    """What copy_previous_texts did: the sections copied, and those kept because they had
    a text of their own (overwritten, when overwriting was confirmed)."""

    from_year: int
    copied: list[str]
    kept: list[str]
    overwritten: list[str]


@transaction.atomic
def copy_previous_texts(forbund, kind: str, year: int, user, *, overwrite: bool) -> CopiedTexts:
    """Start this year's texts from last year's: each section with a text last year gets it
    this year, if this year's is empty; one that has a text is kept unless `overwrite` (the
    user confirmed). Logged as one event naming the sections (report.texts_copied)."""
    previous = Report.objects.filter(forbund=forbund, kind=kind, year=year - 1, period="").first()
    last = {}
    if previous is not None:
        last = {
            key: text.strip()
            for key, text in ReportText.objects.filter(report=previous).values_list("key", "text")
            if text.strip()
        }
    known = [section.key for section in sections_for(kind) if section.key in last]
    report = get_or_create_report(forbund, kind, year)
    current = {
        key: text.strip()
        for key, text in ReportText.objects.filter(report=report).values_list("key", "text")
    }
    copied, kept, overwritten = [], [], []
    for key in known:
        if current.get(key) == last[key]:
            continue
        if current.get(key):
            if not overwrite:
                kept.append(key)
                continue
            overwritten.append(key)
        copied.append(key)
    if copied:
        stored = {text.key: text for text in ReportText.objects.filter(report=report)}
        for key in copied:
            existing = stored.get(key)
            if existing is None:
                ReportText.objects.create(
                    forbund=forbund, report=report, key=key, text=last[key], updated_by=user
                )
            else:
                existing.text = last[key]
                existing.updated_by = user
                existing.save(update_fields=["text", "updated_by", "updated_at", "version"])
        audit.log(
            user,
            "report.texts_copied",
            report,
            changes={"från år": year - 1, "avsnitt": copied, "överskrivna": overwritten},
        )
    return CopiedTexts(year - 1, copied, kept, overwritten)


def save_report_options(report: Report, user, *, before: dict) -> Report:
    report.full_clean()
    report.save()
    changes = audit.diff(before, report)
    if changes:
        audit.log(user, "report.updated", report, changes=changes)
    return report


# --- Goals ---------------------------------------------------------------------------------


def save_goal(goal: Goal, user, *, before: dict | None = None) -> Goal:
    if goal.insats is not None and goal.insats.forbund_id != goal.forbund_id:
        raise ReportError("Insatsen hör inte till förbundet.")
    if goal.pk is None and not goal.position:
        highest = Goal.objects.filter(forbund=goal.forbund, year=goal.year).aggregate(
            Max("position")
        )["position__max"]
        goal.position = (highest or 0) + 10
    goal.full_clean()
    goal.save()
    changes = audit.diff(before, goal)
    if before is None or changes:  # an edit that changes nothing is not logged
        action = "goal.updated" if before is not None else "goal.created"
        audit.log(user, action, goal, changes=changes)
    return goal


def delete_goal(goal: Goal, user) -> None:
    audit.log(user, "goal.deleted", goal, changes={"mål": goal.title, "år": goal.year})
    goal.delete()


def save_grading(grading: GoalGrading, user, *, before: dict | None) -> GoalGrading:
    grading.full_clean()
    grading.save()
    changes = audit.diff(before, grading)
    if before is None or changes:
        audit.log(user, "goal_grading.updated", grading, changes=changes)
    return grading


@transaction.atomic
def copy_goals(forbund, from_year: int, to_year: int, user) -> int:
    """The goals of one year as the next year's starting point (results are not copied)."""
    if Goal.objects.filter(forbund=forbund, year=to_year).exists():
        raise ReportError(f"Det finns redan mål för {to_year}.")
    count = 0
    for goal in Goal.objects.filter(forbund=forbund, year=from_year).select_related("insats"):
        copy = Goal(
            forbund=forbund,
            year=to_year,
            insats=goal.insats,
            title=goal.title,
            indicator=goal.indicator,
            direction=goal.direction,
            target=goal.target,
            unit=goal.unit,
            position=goal.position,
        )
        save_goal(copy, user)
        count += 1
    return count


# --- Adoption ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatoryInput:
    name: str
    role: str = ""


def parse_signatories(text: str) -> list[SignatoryInput]:
    """One signatory per line: "Namn, roll" (the role is optional)."""
    result = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, _comma, role = line.partition(",")
        result.append(SignatoryInput(name.strip(), role.strip()))
    return result


def next_version(report: Report) -> int:
    highest = AdoptedVersion.objects.filter(report=report).aggregate(Max("version"))
    return (highest["version__max"] or 0) + 1


def _check_decision(decision_reference: str, signatories: Sequence[SignatoryInput]) -> None:
    if not signatories:
        raise ReportError("Ange minst en undertecknare.")
    if not decision_reference.strip():
        raise ReportError("Ange beslutet, till exempel ”Styrelsen 2024-03-20 § 5”.")


def _check_note(version: int, note: str) -> None:
    if version > 1 and not note.strip():
        raise ReportError("Skriv varför en ny version fastställs (till exempel en rättelse).")


def check_adoption(
    forbund,
    year: int,
    *,
    decision_reference: str,
    signatories: Sequence[SignatoryInput],
    note: str = "",
) -> None:
    """The adoption's own rules, checked before the files are made (the page does, so a
    mistake is shown on the form, not after the job): raises ReportError. adopt_annual_report
    checks them again, with the contradictions, when it runs."""
    _check_decision(decision_reference, signatories)
    report = Report.objects.filter(
        forbund=forbund, kind=ReportKind.ANNUAL, year=year, period=""
    ).first()
    _check_note(next_version(report) if report is not None else 1, note)


@transaction.atomic
def adopt_annual_report(
    forbund,
    year: int,
    user,
    *,
    adopted_on: date,
    decision_reference: str,
    signatories: Sequence[SignatoryInput],
    place: str = "",
    note: str = "",
    acknowledgements: Mapping[str, str] | None = None,
    for_publication: bool | None = None,
) -> AdoptedVersion:
    """Freeze the annual report as the board adopted it: the data snapshot, both files and
    their hashes. Later changes of data do not change this version; a correction is a new
    version (the previous ones stay).

    Every claim of the text that the figures contradict (services.consistency) must be
    acknowledged with a reason in `acknowledgements` (contradiction key → reason), or the
    text fixed first: otherwise UnacknowledgedContradictions. `for_publication`: which
    version leaves the förbund (None: as the report is marked)."""
    _check_decision(decision_reference, signatories)
    report = get_or_create_report(forbund, ReportKind.ANNUAL, year)
    Report.objects.select_for_update().filter(pk=report.pk).first()  # one adoption at a time
    version = next_version(report)
    _check_note(version, note)
    adoption: dict[str, Any] = {
        "version": version,
        "adopted_on": adopted_on.isoformat(),
        "decision_reference": decision_reference.strip(),
        "place": place.strip() or report.signing_place or forbund.seat,
        "signatories": [{"name": s.name, "role": s.role} for s in signatories],
    }
    data = annual_report_data(forbund, year, adoption=adoption, for_publication=for_publication)
    found = contradictions(data)
    reasons = {key: reason.strip() for key, reason in (acknowledgements or {}).items()}
    missing = [c for c in found if not reasons.get(c.key)]
    if missing:
        raise UnacknowledgedContradictions(missing)
    acknowledged = [{**c.as_dict(), "reason": reasons[c.key]} for c in found]
    doc = build(data)
    docx, pdf = render_both(doc)
    adopted = AdoptedVersion.objects.create(
        forbund=forbund,
        report=report,
        version=version,
        adopted_on=adopted_on,
        decision_reference=adoption["decision_reference"],
        place=adoption["place"],
        signatories=adoption["signatories"],
        note=note.strip(),
        for_publication=data["for_publication"],
        acknowledged_contradictions=acknowledged,
        data=data,
        docx=docx,
        pdf=pdf,
        docx_sha256=sha256(docx),
        pdf_sha256=sha256(pdf),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    audit.log(
        user,
        "report.adopted",
        adopted,
        changes={
            "rapport": str(report),
            "version": version,
            "beslut": adoption["decision_reference"],
            "pdf_sha256": adopted.pdf_sha256,
            "docx_sha256": adopted.docx_sha256,
            "publicering": adopted.for_publication,
            "godtagna_avvikelser": len(acknowledged),
        },
    )
    return adopted


def latest_version(report: Report | None) -> AdoptedVersion | None:
    if report is None or report.pk is None:
        return None
    return (
        AdoptedVersion.objects.filter(report=report)
        .defer("docx", "pdf")
        .order_by("-version")
        .first()
    )


def versions(report: Report | None) -> list[AdoptedVersion]:
    if report is None or report.pk is None:
        return []
    return list(
        AdoptedVersion.objects.filter(report=report)
        .defer("docx", "pdf", "data")
        .order_by("-version")
    )


def current_data_for(version: AdoptedVersion) -> dict[str, Any]:
    """Today's data for the version's report, with the same options, to compare with."""
    return annual_report_data(
        version.forbund, version.report.year, for_publication=version.for_publication
    )
