"""The public catalogue pages (no login, no cookies) and the förbund's editorial pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from core import audit
from organisations.access import forbund_view, public_view
from organisations.models import Forbund, Member

from . import services
from .forms import EntryForm
from .models import Access, CatalogueEntry, EntryKind, TargetGroup


def _choices_context(forbund_slug: str | None) -> dict:
    with scopes_disabled():
        members = Member.objects.filter(left_on__isnull=True)
        forbund = Forbund.objects.filter(catalogue__status="publicerad").distinct()
        if forbund_slug:
            members = members.filter(forbund__slug=forbund_slug)
            forbund = forbund.filter(slug=forbund_slug)
        organisers = sorted(
            {m.name for m in members.filter(forbund__in=forbund)} | {f.name for f in forbund}
        )
    return {
        "target_groups": TargetGroup.choices,
        "kinds": EntryKind.choices,
        "organisers": organisers,
    }


def _listing(request, forbund: Forbund | None):
    filters = services.Filters.from_params(request.GET)
    rows = services.public_entries(forbund.slug if forbund else None, filters)
    page = Paginator(rows, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "catalogue/public_list.html",
        {
            "catalogue_forbund": forbund,
            "filters": filters,
            "page": page,
            **_choices_context(forbund.slug if forbund else None),
        },
    )


@public_view
def catalogue(request):
    """Every förbund's published entries."""
    return _listing(request, None)


@public_view
def forbund_catalogue(request, forbund: str):
    with scopes_disabled():
        target = Forbund.objects.filter(slug=forbund).first()
    if target is None:
        raise Http404
    return _listing(request, target)


@public_view
def entry(request, forbund: str, entry: str):
    found = services.public_entry(forbund, entry)
    if found is None:
        raise Http404
    if request.method == "GET":
        services.record_visit(found)
    return render(
        request,
        "catalogue/public_entry.html",
        {"entry": found, "access_labels": dict(Access.choices)},
    )


@forbund_view("catalogue.manage", methods=("GET", "HEAD"))
def manage(request):
    year = timezone.localdate().year
    rows = (
        CatalogueEntry.objects.select_related("organiser", "insats")
        .annotate(visits_this_year=Sum("visits__count", filter=Q(visits__month__year=year)))
        .order_by("status", "name")
    )
    return render(
        request,
        "catalogue/manage.html",
        {"rows": rows, "year": year, "due": services.due_for_review().order_by("reviewed_on")},
    )


@forbund_view("catalogue.manage")
def edit(request, entry: str | None = None):
    instance = None
    if entry is not None:
        instance = CatalogueEntry.objects.filter(slug=entry).first()
        if instance is None:
            raise Http404
    before = audit.snapshot(instance) if instance else None
    form = EntryForm(request.POST or None, instance=instance, forbund=request.forbund)
    if request.method == "POST" and form.is_valid():
        saved = services.save_entry(form.instance, request.user, before)
        action = request.POST.get("action")
        if action == "publicera":
            services.publish(saved, request.user)
            messages.success(request, _("Posten är publicerad."))
        elif action == "avpublicera":
            services.unpublish(saved, request.user)
            messages.success(request, _("Posten är ett utkast igen och visas inte publikt."))
        elif action == "granskad":
            services.mark_reviewed(saved, request.user)
            messages.success(request, _("Posten är markerad som granskad i dag."))
        else:
            messages.success(request, _("Posten är sparad."))
        return redirect("catalogue:edit", forbund=request.forbund.slug, entry=saved.slug)
    return render(request, "catalogue/edit.html", {"form": form, "entry": instance})
