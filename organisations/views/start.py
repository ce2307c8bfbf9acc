"""Pages outside one förbund's domains: the förbund choice and the förbund's audit log."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.html import format_html_join

from core import audit
from core.models import AuditEvent
from organisations.access import forbund_view, login_view, memberships_of
from organisations.forms import AuditFilterForm


@login_view(methods=("GET", "HEAD"))
def home(request):
    """The user's förbund: straight to it when there is only one."""
    memberships = memberships_of(request.user)
    if len(memberships) == 1:
        return redirect("organisations:home", forbund=memberships[0].forbund.slug)
    return render(request, "organisations/start.html", {"memberships": memberships})


@forbund_view("audit.view", methods=("GET", "HEAD"))
def audit_log(request):
    """The förbund's log, newest first, in Swedish (core.audit.describe_events), filtered by
    kind of event, person, object and period; 50 events a page."""
    events = AuditEvent.objects.select_related("actor")
    form = AuditFilterForm(request.GET or None, events=events)
    action = request.GET.get("handelse", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    if form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 50).get_page(request.GET.get("sida"))
    described = audit.describe_events(list(page.object_list))
    # Each event's changes joined here, once, not by the template change by change (a page of
    # fifty events has hundreds of changes).
    rows = [
        (
            event,
            format_html_join(
                "; ", '<span class="change">{}</span>', ((str(c),) for c in described[event.pk])
            ),
            audit.object_type_label(event.object_type),
        )
        for event in page
    ]
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "organisations/audit_log.html",
        {"page": page, "rows": rows, "action": action, "form": form, "query": query.urlencode()},
    )
