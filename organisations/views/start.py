"""Pages outside one förbund's domains: the förbund choice and the förbund's audit log."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from core.models import AuditEvent
from organisations.access import forbund_view, login_view, memberships_of


@login_view(methods=("GET", "HEAD"))
def home(request):
    """The user's förbund: straight to it when there is only one."""
    memberships = memberships_of(request.user)
    if len(memberships) == 1:
        return redirect("organisations:home", forbund=memberships[0].forbund.slug)
    return render(request, "organisations/start.html", {"memberships": memberships})


@forbund_view("audit.view", methods=("GET", "HEAD"))
def audit_log(request):
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("handelse", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("sida"))
    return render(request, "organisations/audit_log.html", {"page": page, "action": action})
