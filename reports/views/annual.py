"""The annual report of a year: overview, texts, options, downloads, adoption, versions."""

from __future__ import annotations

import base64
from datetime import date
from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import jobs
from core.versioning import save_or_conflict, save_rows_or_conflict
from core.years import is_valid_year
from organisations.access import forbund_view
from reports import jobs as report_jobs
from reports import services
from reports.builders.notes import book_warnings
from reports.services import generation, sources
from reports.services.consistency import contradictions, suggestions
from reports.services.diff import differences
from reports.services.images import ImageError, add_image, image_sections, remove_image
from reports.services.sections import sections_for

from ..choices import ReportKind
from ..forms import AdoptForm, CopyTextsForm, ReportImageForm, ReportOptionsForm, TextsForm
from ..models import AdoptedVersion, Report, ReportImage, ReportText
from . import can_manage, download

READ = ("GET", "HEAD")


def _report(forbund, year: int) -> Report | None:
    return generation.find_report(forbund, ReportKind.ANNUAL, year)


def _year_or_404(year: int) -> int:
    if not is_valid_year(year):
        raise Http404
    return year


@forbund_view("reports.view", methods=READ)
def annual(request, year: int):
    year = _year_or_404(year)
    report = _report(request.forbund, year)
    data = generation.annual_report_data(request.forbund, year)
    written = set()
    if report is not None:
        written = {
            key
            for key, text in ReportText.objects.filter(report=report).values_list("key", "text")
            if text.strip()
        }
    sections = [
        {"section": section, "written": section.key in written, "default": bool(section.default)}
        for section in sections_for(ReportKind.ANNUAL)
    ]
    versions = services.versions(report)
    latest = services.latest_version(report)
    changed = None
    if latest is not None:
        full = AdoptedVersion.objects.defer("docx", "pdf").get(pk=latest.pk)
        changed = len(differences(full.data, data))
    return render(
        request,
        "reports/annual.html",
        {
            "year": year,
            "report": report,
            "data": data,
            "sections": sections,
            "written_count": sum(1 for s in sections if s["written"]),
            "versions": versions,
            "latest": latest,
            "changed": changed,
            "can_manage": can_manage(request),
            "book_warnings": book_warnings(data["statements"]),
            "options_form": ReportOptionsForm(instance=report or Report(for_publication=False)),
        },
    )


def report_rows(kind: str, year: int, period: str = "") -> list:
    """The rows a texts page edits (the report and its texts): their fingerprint is the page's
    version."""
    reports = list(Report.objects.filter(kind=kind, year=year, period=period))
    return [*reports, *ReportText.objects.filter(report__in=reports)]


@forbund_view("reports.manage")
def annual_texts(request, year: int):
    year = _year_or_404(year)
    report = _report(request.forbund, year)
    current = generation.annual_report_data(request.forbund, year)
    stored = {
        **sources.texts(report, ReportKind.ANNUAL),
        **{f"insats:{code}": text for code, text in sources.insats_texts(report).items()},
    }
    insatser = tuple((insats["code"], insats["name"]) for insats in current["insatser"])
    texts_form = partial(TextsForm, sections_for(ReportKind.ANNUAL), stored, insatser=insatser)
    offered = suggestions(current)
    rows = partial(report_rows, ReportKind.ANNUAL, year)
    copy_form = CopyTextsForm(
        request.POST if "copy_previous" in request.POST else None, prefix="kopiera"
    )
    copy_form.set_rows(rows())
    if request.method == "POST" and "copy_previous" in request.POST:
        form = texts_form()
        form.set_rows(rows())
        if copy_form.is_valid():
            overwrite = copy_form.cleaned_data["overwrite"]
            result = save_rows_or_conflict(
                copy_form,
                request.forbund,
                rows,
                lambda: services.copy_previous_texts(
                    request.forbund, ReportKind.ANNUAL, year, request.user, overwrite=overwrite
                ),
            )
            if result is not None:
                _copy_messages(request, result)
                return redirect("reports:annual_texts", forbund=request.forbund.slug, year=year)
    elif request.method == "POST" and "suggest" in request.POST:
        # The sentences from the figures go into the empty sections, to edit before saving.
        data = request.POST.copy()
        filled = [key for key, text in offered.items() if not data.get(key, "").strip()]
        for key in filled:
            data[key] = offered[key]
        form = texts_form(data)
        form.set_rows(rows())
        form.is_valid()
        messages.info(
            request,
            _(
                "Förslagen ur årets siffror är infogade i %(count)s tomma avsnitt. "
                "Läs, ändra och spara."
            )
            % {"count": len(filled)},
        )
    else:
        form = texts_form(request.POST or None)
        form.set_rows(rows())
        if request.method == "POST" and form.is_valid():

            def save() -> int:
                report = services.get_or_create_report(request.forbund, ReportKind.ANNUAL, year)
                return services.save_texts(report, form.texts(), request.user)

            count = save_rows_or_conflict(form, request.forbund, rows, save)
            if count is not None:
                messages.success(
                    request, _("Texterna är sparade (%(count)s ändrade).") % {"count": count}
                )
                return redirect("reports:annual", forbund=request.forbund.slug, year=year)
    back = reverse("reports:annual", kwargs={"forbund": request.forbund.slug, "year": year})
    title = _("Texter i årsredovisningen %(year)s") % {"year": year}
    return render(
        request,
        "reports/texts.html",
        {
            "year": year,
            "form": form,
            "title": title,
            "back": back,
            "suggestions": offered,
            "copy_form": copy_form,
            "previous_year": year - 1,
            "has_previous": ReportText.objects.filter(
                report__kind=ReportKind.ANNUAL, report__year=year - 1
            )
            .exclude(text="")
            .exists(),
        },
    )


@forbund_view("reports.manage")
def annual_images(request, year: int):
    """The images of the year's annual report: upload with caption and text alternative,
    placed after a section's text; remove."""
    year = _year_or_404(year)
    report = _report(request.forbund, year)
    sections = image_sections(ReportKind.ANNUAL)
    form = ReportImageForm(
        sections,
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    back = redirect("reports:annual_images", forbund=request.forbund.slug, year=year)
    if request.method == "POST" and "remove" in request.POST:
        image = get_object_or_404(
            ReportImage,
            pk=request.POST.get("remove") if str(request.POST.get("remove")).isdigit() else 0,
            report__kind=ReportKind.ANNUAL,
            report__year=year,
        )
        remove_image(image, request.user)
        messages.success(request, _("Bilden är borttagen."))
        return back
    if request.method == "POST" and form.is_valid():
        target = services.get_or_create_report(request.forbund, ReportKind.ANNUAL, year)
        try:
            add_image(
                target,
                form.cleaned_data["file"],
                section=form.cleaned_data["section"],
                caption=form.cleaned_data["caption"],
                alt_text=form.cleaned_data["alt_text"],
                user=request.user,
            )
        except ImageError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Bilden är tillagd i årsredovisningen."))
            return back
    titles = dict(sections)
    images = [
        {
            "image": image,
            "section": titles.get(image.section, image.section),
            "src": f"data:{image.content_type};base64,"
            + base64.b64encode(bytes(image.content)).decode("ascii"),
        }
        for image in (ReportImage.objects.filter(report=report) if report else [])
    ]
    return render(
        request,
        "reports/images.html",
        {"year": year, "form": form, "images": images},
    )


def _copy_messages(request, result: services.CopiedTexts) -> None:
    titles = {section.key: section.title for section in sections_for(ReportKind.ANNUAL)}
    if result.copied:
        messages.success(
            request,
            _("%(count)s avsnitt har fått texten från %(year)s: %(names)s.")
            % {
                "count": len(result.copied),
                "year": result.from_year,
                "names": ", ".join(titles[key] for key in result.copied),
            },
        )
    else:
        messages.info(
            request, _("Inget avsnitt har ändrats från %(year)s.") % {"year": result.from_year}
        )
    if result.kept:
        messages.warning(
            request,
            _(
                "%(count)s avsnitt har redan en text i år och är oförändrade: %(names)s. "
                "Kryssa i ”Skriv över” för att ersätta dem med förra årets."
            )
            % {"count": len(result.kept), "names": ", ".join(titles[k] for k in result.kept)},
        )


@forbund_view("reports.manage")
def annual_options(request, year: int):
    year = _year_or_404(year)
    report = _report(request.forbund, year) or Report(
        forbund=request.forbund, kind=ReportKind.ANNUAL, year=year
    )
    form = ReportOptionsForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: services.save_report_options(
                form.save(commit=False), request.user, before=before or {}
            ),
        )
        if saved is not None:
            messages.success(request, _("Inställningarna är sparade."))
            return redirect("reports:annual", forbund=request.forbund.slug, year=year)
    return render(request, "reports/options.html", {"year": year, "form": form})


def _annual_file(request, year: int, fmt: str):
    year = _year_or_404(year)
    data = generation.annual_report_data(request.forbund, year)
    content = generation.report_file(data, fmt)
    return download(content, generation.file_name(data, fmt), fmt)


@forbund_view("reports.view", methods=READ)
def annual_docx(request, year: int):
    return _annual_file(request, year, "docx")


@forbund_view("reports.view", methods=READ)
def annual_pdf(request, year: int):
    return _annual_file(request, year, "pdf")


def _board_lines(forbund, year: int) -> str:
    # Names and roles exactly as entered: "Ordförande, Norrby kommun" stays capitalised.
    return "\n".join(
        f"{person['name']}, {person['role']}" for person in sources.board(forbund, year)
    )


def _start_adoption(request, year: int, form: AdoptForm):
    """Check what the form can tell at once (the adoption's rules, a reason for each
    contradiction shown) and start the job that renders and freezes the files
    (reports/jobs.py); None, with the form's errors, when something is missing."""
    signatories = services.parse_signatories(form.cleaned_data["signatories"])
    acknowledgements = form.acknowledgements()
    try:
        services.check_adoption(
            request.forbund,
            year,
            decision_reference=form.cleaned_data["decision_reference"],
            signatories=signatories,
            note=form.cleaned_data["note"],
        )
    except services.ReportError as error:
        form.add_error(None, str(error))
        return None
    missing = [c for c in form.contradictions if not acknowledgements.get(c.key, "").strip()]
    for contradiction in missing:
        form.add_error(
            f"ack-{contradiction.key}", _("Rätta texten eller skriv varför styrelsen behåller den.")
        )
    if missing:
        return None
    params = report_jobs.adoption_params(
        year,
        adopted_on=form.cleaned_data["adopted_on"],
        decision_reference=form.cleaned_data["decision_reference"],
        signatories=signatories,
        place=form.cleaned_data["place"],
        note=form.cleaned_data["note"],
        acknowledgements=acknowledgements,
        for_publication=form.cleaned_data["publication"],
    )
    return jobs.start_for(request, report_jobs.ADOPT_KIND, params)


@forbund_view("reports.manage")
def adopt(request, year: int):
    year = _year_or_404(year)
    report = _report(request.forbund, year)
    latest = services.latest_version(report)
    current = generation.annual_report_data(request.forbund, year)
    found = contradictions(current)
    form = AdoptForm(
        request.POST or None,
        initial={
            "adopted_on": date.today(),
            "place": (report.signing_place if report else "") or request.forbund.seat,
            "signatories": _board_lines(request.forbund, year),
            "publication": "1",
        },
        contradictions=found,
    )
    if request.method == "POST" and form.is_valid():
        job = _start_adoption(request, year, form)
        if job is not None:
            return jobs.follow(job)
    return render(
        request,
        "reports/adopt.html",
        {
            "year": year,
            "form": form,
            "latest": latest,
            "contradictions": found,
            "book_warnings": book_warnings(current["statements"]),
        },
    )


def _version(year: int, version: int) -> AdoptedVersion:
    return get_object_or_404(
        AdoptedVersion.objects.select_related("report"),
        report__kind=ReportKind.ANNUAL,
        report__year=year,
        version=version,
    )


@forbund_view("reports.view", methods=READ)
def version_docx(request, year: int, report_version: int):
    version = _version(year, report_version)
    return download(bytes(version.docx), generation.file_name(version.data, "docx"), "docx")


@forbund_view("reports.view", methods=READ)
def version_pdf(request, year: int, report_version: int):
    version = _version(year, report_version)
    return download(bytes(version.pdf), generation.file_name(version.data, "pdf"), "pdf")


@forbund_view("reports.view", methods=READ)
def version_diff(request, year: int, report_version: int):
    """What differs between an adopted version and today's data (or the version before)."""
    version = _version(year, report_version)
    against = request.GET.get("mot", "")
    previous = None
    if against == "foregaende":
        previous = (
            AdoptedVersion.objects.filter(report=version.report, version__lt=version.version)
            .order_by("-version")
            .first()
        )
    if previous is not None:
        rows = differences(previous.data, version.data)
        title = _("Version %(new)s jämfört med version %(old)s") % {
            "new": version.version,
            "old": previous.version,
        }
    else:
        rows = differences(version.data, services.current_data_for(version))
        title = _("Version %(version)s jämfört med dagens uppgifter") % {"version": version.version}
    has_previous = AdoptedVersion.objects.filter(
        report=version.report, version__lt=version.version
    ).exists()
    return render(
        request,
        "reports/diff.html",
        {
            "year": year,
            "version": version,
            "rows": rows,
            "title": title,
            "against_previous": previous is not None,
            "has_previous": has_previous,
        },
    )
