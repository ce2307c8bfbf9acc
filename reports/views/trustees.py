"""The register of förtroendevalda: the board (ledamöter and ersättare per member, ordförande
and vice) and the auditors with their sakkunnigt biträde, with mandate periods."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import audit
from organisations.access import forbund_view

from ..choices import AUDIT_ROLES
from ..forms import TrusteeForm
from ..models import Trustee
from . import can_manage


@forbund_view("reports.view", methods=("GET", "HEAD", "POST"))
def trustees(request):
    manage = can_manage(request)
    if request.method == "POST" and not manage:
        return redirect("reports:trustees", forbund=request.forbund.slug)
    instance = Trustee(forbund=request.forbund)
    if request.method == "POST" and "delete" in request.POST:
        trustee = get_object_or_404(Trustee, pk=request.POST.get("delete"))
        audit.log(
            request.user,
            "report.trustee_deleted",
            trustee,
            changes={"namn": trustee.name, "uppdrag": trustee.get_role_display()},
        )
        trustee.delete()
        messages.success(request, _("Uppdraget är borttaget."))
        return redirect("reports:trustees", forbund=request.forbund.slug)
    form = TrusteeForm(request.POST or None, instance=instance) if manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.log(request.user, "report.trustee_added", saved, changes=audit.diff(None, saved))
        messages.success(request, _("%(name)s är registrerad.") % {"name": saved.name})
        return redirect("reports:trustees", forbund=request.forbund.slug)
    people = list(Trustee.objects.select_related("member").order_by("-start", "role", "name"))
    return render(
        request,
        "reports/trustees.html",
        {
            "board": [t for t in people if t.role not in AUDIT_ROLES],
            "auditors": [t for t in people if t.role in AUDIT_ROLES],
            "form": form,
            "can_manage": manage,
        },
    )
