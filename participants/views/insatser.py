"""Pages for insatser, participations and activities (upload and export: files.py)."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditEvent
from core.versioning import delete_versioned, save_or_conflict
from organisations.access import forbund_view
from participants import services
from participants.forms import (
    ActivityForm,
    EndParticipationForm,
    InsatsForm,
    ParticipationFilterForm,
    ParticipationForm,
    StructuralCountForm,
)
from participants.models import AccessKind, Activity, Insats, Participation
from participants.services.access import (
    can_see_participants_of,
    get_activity_for_user,
    get_insats,
    get_participant_insats,
    get_participation_for_user,
    participant_insatser,
    statistics_insats_ids,
    visible_participations,
)
from participants.services.expected import expected_results, share_of_year_gone
from participants.services.gaps import with_gap
from participants.services.least_data import log_access, off_fields
from participants.services.participant_export import active_in_year

PAGE_SIZE = 50


# --- Insatser (visible to every member of the förbund; no participant rows) -----------------


@forbund_view("interventions.view", methods=("GET", "HEAD"))
def insats_list(request):
    insatser = Insats.objects.prefetch_related("executing_members")
    visible = participant_insatser(request.membership)
    ongoing = dict(
        Participation.objects.filter(insats__in=visible, end_date__isnull=True)
        .values("insats_id")
        .annotate(n=Count("id"))
        .values_list("insats_id", "n")
    )
    visible_ids = set(visible.values_list("pk", flat=True))
    rows = [
        {
            "insats": insats,
            "ongoing": ongoing.get(insats.pk, 0) if insats.pk in visible_ids else None,
        }
        for insats in insatser
    ]
    return render(
        request,
        "participants/insats_list.html",
        {"rows": rows, "shows_participants": bool(visible_ids)},
    )


@forbund_view("interventions.view", methods=("GET", "HEAD"))
def insats_detail(request, insats: str):
    obj = get_insats(insats)
    context = {
        "insats": obj,
        "shows_participants": False,
        "structural_counts": list(obj.structural_counts.order_by("-year")),
    }
    # Expected results against the year's figures, for whoever may see the insats's statistics.
    this_year = timezone.localdate().year
    statistics_ids = statistics_insats_ids(request.membership)
    if obj.is_individual and (statistics_ids is None or obj.pk in statistics_ids):
        document = services.year_statistics(request.forbund, this_year, {obj.pk})
        context["expected_year"] = this_year
        context["expected"] = expected_results(
            obj,
            document["insatser"].get(obj.code),
            share_of_year_gone(timezone.localdate()),
        )
    # Other apps' parts of the page (the reports app: budget against outcome, the goals).
    context["insats_panels"] = [
        panel
        for config in apps.get_app_configs()
        if (make := getattr(config, "insats_panel", None)) is not None
        and (panel := make(request, obj))
    ]
    if can_see_participants_of(request.membership, obj):
        counts = obj.participations.aggregate(
            total=Count("id"), ongoing=Count("id", filter=Q(end_date__isnull=True))
        )
        this_year = date.today().year
        years = [this_year - 2, this_year - 1, this_year]
        context.update(
            shows_participants=True,
            counts=counts,
            activity_years=years,
            activities=services.activities_started(obj, years),
        )
    return render(request, "participants/insats_detail.html", context)


@forbund_view("interventions.manage")
def insats_edit(request, insats: str | None = None):
    instance = get_insats(insats) if insats else Insats(forbund=request.forbund)
    form = InsatsForm(request.POST or None, instance=instance, forbund=request.forbund)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form, lambda before: services.save_insats(form, request.user, before)
        )
        if saved is not None:
            messages.success(request, _("Insatsen är sparad."))
            return redirect("participants:insats", forbund=request.forbund.slug, insats=saved.code)
    return render(
        request, "participants/insats_form.html", {"form": form, "insats": instance, "code": insats}
    )


@forbund_view("interventions.manage")
def structural_counts(request, insats: str):
    """Participants per year of a strukturinriktad insats, for Uppföljning Finsam."""
    obj = get_insats(insats)
    # An individual insats counts its participations: the page says so and offers no form.
    form = None if obj.is_individual else StructuralCountForm(request.POST or None)
    if form is not None and request.method == "POST" and form.is_valid():
        services.save_structural_count(obj, form, request.user)
        messages.success(request, _("Antalet deltagare är sparat."))
        return redirect("participants:insats", forbund=request.forbund.slug, insats=obj.code)
    return render(
        request,
        "participants/structural_count_form.html",
        {"form": form, "insats": obj, "counts": obj.structural_counts.order_by("-year")},
    )


# --- Participations (kansli: all; insatsansvarig: their insatser; others: 403) --------------


def _filtered(request, participations):
    form = ParticipationFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            participations = participations.filter(participant__code__icontains=data["q"].strip())
        if data["status"] == "pagaende":
            participations = participations.filter(end_date__isnull=True)
        elif data["status"] == "avslutad":
            participations = participations.filter(end_date__isnull=False)
        if data["year"]:
            participations = participations.filter(active_in_year(data["year"]))
        if data["saknas"]:
            participations = with_gap(participations, data["saknas"], timezone.localdate())
    return form, participations


def _list_page(request, participations, insats: Insats | None):
    form, participations = _filtered(request, participations)
    participations = participations.select_related("participant", "insats").order_by(
        "-start_date", "participant__code", "pk"
    )
    page = Paginator(participations, PAGE_SIZE).get_page(request.GET.get("sida"))
    what = (
        _("Deltaganden i insats %(code)s") % {"code": insats.code}
        if insats is not None
        else _("Deltaganden")
    )
    log_access(request, AccessKind.LIST, what, rows=len(page.object_list))
    return render(
        request,
        "participants/participation_list.html",
        {"page": page, "filter_form": form, "insats": insats},
    )


@forbund_view("participants.view", methods=("GET", "HEAD"))
def participation_list(request):
    return _list_page(request, visible_participations(request), None)


@forbund_view("participants.view", methods=("GET", "HEAD"))
def insats_participations(request, insats: str):
    obj = get_participant_insats(request, insats)
    return _list_page(request, obj.participations.all(), obj)


@forbund_view("participants.manage")
def participation_create(request, insats: str):
    obj = get_participant_insats(request, insats)
    form = ParticipationForm(request.POST or None, insats=obj)
    if request.method == "POST" and form.is_valid():
        participation = services.register_participation(
            request.forbund,
            request.user,
            form.cleaned_data["participant_code"],
            form.save(commit=False),
        )
        messages.success(request, _("Deltagandet är registrerat."))
        return redirect(
            "participants:participation",
            forbund=request.forbund.slug,
            participation=participation.pk,
        )
    return render(
        request,
        "participants/participation_form.html",
        {"form": form, "insats": obj, "title": _("Registrera deltagande")},
    )


HISTORY_LABELS = {
    "participation.created": _("Deltagandet registrerades"),
    "participation.updated": _("Deltagandet ändrades"),
    "participation.ended": _("Avslut registrerades"),
    "activity.created": _("Aktivitet lades till"),
    "activity.updated": _("Aktivitet ändrades"),
    "activity.deleted": _("Aktivitet togs bort"),
}


def _history(participation: Participation) -> list[dict]:
    """The participation's events from the audit log (values masked: only which fields)."""
    events = (
        AuditEvent.objects.filter(
            Q(object_type=Participation._meta.label_lower, object_id=str(participation.pk))
            | Q(object_type=Activity._meta.label_lower, changes__deltagande=participation.pk)
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    labels = {
        field.attname: field.verbose_name
        for model in (Participation, Activity)
        for field in model._meta.concrete_fields
    }
    hidden = {"deltagande", "forbund_id", "participation_id", "participant_id", "insats_id"}
    history = []
    for event in events:
        fields = [str(labels.get(name, name)) for name in event.changes if name not in hidden]
        history.append(
            {
                "at": event.at,
                "actor": event.actor,
                "label": HISTORY_LABELS.get(event.action, event.action),
                "fields": fields,
                "source": event.changes.get("källa", ""),
            }
        )
    return history


@forbund_view("participants.view", methods=("GET", "HEAD"))
def participation_detail(request, participation: int):
    obj = get_participation_for_user(request, participation)
    log_access(request, AccessKind.PAGE, obj.audit_repr(), participant=obj.participant)
    return render(
        request,
        "participants/participation_detail.html",
        {
            "participation": obj,
            "activities": obj.activities.all(),
            "history": _history(obj),
            # Optional fields the förbund does not collect are not shown (least data).
            "off_fields": off_fields(request.forbund),
            "other_participations": obj.participant.participations.exclude(pk=obj.pk)
            .filter(insats__in=participant_insatser(request.membership))
            .select_related("insats"),
        },
    )


@forbund_view("participants.manage")
def participation_edit(request, participation: int):
    obj = get_participation_for_user(request, participation)
    form = ParticipationForm(request.POST or None, instance=obj, insats=obj.insats)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: services.update_participation(
                form.save(commit=False), request.user, before
            ),
        )
        if saved is not None:
            messages.success(request, _("Deltagandet är sparat."))
            return redirect(obj_url(request, obj))
    return render(
        request,
        "participants/participation_form.html",
        {
            "form": form,
            "insats": obj.insats,
            "participation": obj,
            "title": _("Ändra deltagande"),
        },
    )


@forbund_view("participants.manage")
def participation_end(request, participation: int):
    obj = get_participation_for_user(request, participation)
    form = EndParticipationForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_or_conflict(
            form,
            lambda before: services.end_participation(
                obj,
                request.user,
                data["end_date"],
                data["end_reason"],
                data["follow_up_12m"],
                before=before,
            ),
        )
        if saved is not None:
            messages.success(request, _("Avslutet är registrerat."))
            return redirect(obj_url(request, obj))
    return render(
        request,
        "participants/participation_form.html",
        {
            "form": form,
            "insats": obj.insats,
            "participation": obj,
            "title": _("Registrera avslut"),
        },
    )


@forbund_view("participants.manage")
def activity_edit(request, participation: int, activity: int | None = None):
    obj = get_participation_for_user(request, participation)
    instance = get_activity_for_user(request, obj, activity) if activity else Activity()
    if request.method == "POST" and activity and "delete" in request.POST:
        problem = delete_versioned(
            instance,
            request.POST.get("version"),
            lambda: services.delete_activity(instance, request.user),
        )
        if problem:
            messages.error(request, problem)
            return redirect(request.path)
        messages.success(request, _("Aktiviteten är borttagen."))
        return redirect(obj_url(request, obj))
    form = ActivityForm(request.POST or None, instance=instance, participation=obj)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: services.save_activity(form.save(commit=False), request.user, before),
        )
        if saved is not None:
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect(obj_url(request, obj))
    return render(
        request,
        "participants/activity_form.html",
        {"form": form, "participation": obj, "activity": instance},
    )


def obj_url(request, participation: Participation) -> str:
    return reverse(
        "participants:participation",
        kwargs={"forbund": request.forbund.slug, "participation": participation.pk},
    )
