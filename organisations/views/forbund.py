from django.apps import apps
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.versioning import save_or_conflict
from organisations import services
from organisations.access import forbund_view
from organisations.forms import AddPersonForm, MemberForm, MembershipForm
from organisations.models import Member, Membership


@forbund_view("forbund.view", methods=("GET", "HEAD"))
def forbund_home(request):
    panels = []
    for config in apps.get_app_configs():
        panel = getattr(config, "start_panel", None)
        if panel is not None:
            result = panel(request)
            if result:
                panels.append(result)
    return render(
        request,
        "organisations/forbund_home.html",
        {"panels": panels, "members": Member.objects.all()},
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
    return render(request, "organisations/people.html", {"memberships": memberships})


@forbund_view("people.manage")
def person_add(request):
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.add_person(
                request.forbund, request.user, **form.cleaned_data
            )
        except services.ServiceError as error:
            form.add_error("username", str(error))
        else:
            if password:
                messages.warning(
                    request,
                    _("Kontot %(user)s är skapat. Engångslösenord att lämna över: %(password)s")
                    % {"user": membership.user.username, "password": password},
                )
            else:
                messages.success(request, _("Personen har fått rollen."))
            return redirect("organisations:people", forbund=request.forbund.slug)
    return render(request, "organisations/person_form.html", {"form": form})


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
