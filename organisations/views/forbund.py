import smtplib

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import figure_cache
from core.versioning import save_or_conflict
from organisations import services
from organisations.access import forbund_view
from organisations.forms import InviteForm, MemberForm, MembershipForm
from organisations.models import Invitation, Member, Membership
from organisations.roles import has_capability


@forbund_view("forbund.view", methods=("GET", "HEAD"))
def forbund_home(request):
    """The start page: what to do and the year at a glance (an app's `start_overview`, today
    the reports app's, which may read every other app), then each app's summary panel."""
    overviews = []
    panels = []
    today = timezone.localdate()
    for config in apps.get_app_configs():
        for hook, found in (("start_overview", overviews), ("start_panel", panels)):
            make = getattr(config, hook, None)
            if make is not None:
                # What a panel shows follows from the member (role, insatser), the day and the
                # data: kept between requests until the data change (core/figure_cache.py).
                result = figure_cache.fetch(
                    f"{config.label}.{hook}",
                    (request.membership, today),
                    lambda make=make: make(request),
                )
                if result:
                    found.append(result)
    return render(
        request,
        "organisations/forbund_home.html",
        {"overviews": overviews, "panels": panels, "members": Member.objects.all()},
    )


@forbund_view("members.view", methods=("GET", "HEAD"))
def member_list(request):
    return render(request, "organisations/member_list.html", {"members": Member.objects.all()})


@forbund_view("members.manage")
def member_edit(request, member: int | None = None):
    instance = get_object_or_404(Member, pk=member) if member else Member(forbund=request.forbund)
    form = MemberForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda before: services.save_member(
                form.save(commit=False), request.user, before=before
            ),
        )
        if saved is not None:
            messages.success(request, _("Medlemmen är sparad."))
            return redirect("organisations:members", forbund=request.forbund.slug)
    return render(request, "organisations/member_form.html", {"form": form, "member": instance})


@forbund_view("people.view", methods=("GET", "HEAD"))
def people(request):
    memberships = Membership.objects.select_related("user")
    invitations = []
    if has_capability(request.membership.role, "people.manage"):
        invitations = Invitation.objects.filter(
            used_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
    return render(
        request,
        "organisations/people.html",
        {"memberships": memberships, "invitations": invitations},
    )


@forbund_view("people.manage")
def person_add(request):
    """Invites a person by e-mail. The answer is the same whether or not the address (or any
    account) exists anywhere: the kansli learns nothing about other förbund."""
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitations.invite(
                request.forbund,
                request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except (smtplib.SMTPException, OSError):
            form.add_error(
                None,
                _(
                    "E-postmeddelandet kunde inte skickas; ingen inbjudan sparades. Försök igen om "
                    "en stund eller kontakta den som driftar Samordna."
                ),
            )
        else:
            messages.success(
                request,
                _("En inbjudan har skickats till %(email)s. Länken gäller i %(hours)s timmar.")
                % {
                    "email": form.cleaned_data["email"],
                    "hours": settings.SAMORDNA_INVITATION_HOURS,
                },
            )
            return redirect("organisations:people", forbund=request.forbund.slug)
    return render(request, "organisations/person_form.html", {"form": form})


@forbund_view("people.manage")
def invitation_detail(request, invitation: int):
    instance = get_object_or_404(Invitation, pk=invitation)
    if request.method == "POST":
        services.invitations.revoke(instance, request.user)
        messages.success(request, _("Inbjudan är återkallad; länken fungerar inte längre."))
        return redirect("organisations:people", forbund=request.forbund.slug)
    return render(
        request,
        "organisations/invitation_detail.html",
        {"invitation": instance, "pending": instance.is_pending(timezone.now())},
    )


@forbund_view("people.manage")
def person_edit(request, membership: int):
    instance = get_object_or_404(Membership.objects.select_related("user"), pk=membership)
    form = MembershipForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if "remove" in request.POST:
            if instance.user_id == request.user.pk:
                messages.error(request, _("Du kan inte ta bort din egen roll."))
            else:
                services.remove_person(instance, request.user)
                messages.success(request, _("Rollen är borttagen."))
                return redirect("organisations:people", forbund=request.forbund.slug)
        elif form.is_valid():
            role = form.cleaned_data["role"]
            saved = save_or_conflict(
                form,
                lambda before: services.change_role(instance, request.user, role, before=before),
            )
            if saved is not None:
                messages.success(request, _("Rollen är ändrad."))
                return redirect("organisations:people", forbund=request.forbund.slug)
    return render(request, "organisations/person_edit.html", {"form": form, "membership": instance})
