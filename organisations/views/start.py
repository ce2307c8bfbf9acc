"""Pages outside one förbund's domains: the förbund choice and the förbund's audit log."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.defaultfilters import urlencode
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from core import audit, figure_cache
from core.models import AuditEvent
from core.templatetags.audit_format import action_label
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
    shown = list(page.object_list)
    # The rows are drawn here rather than by the template (a page of fifty events has hundreds
    # of changes) and kept until the data change: an event never changes, the names of the
    # objects and people it mentions may (core/figure_cache.py).
    rows = figure_cache.fetch(
        "organisations.audit_log_rows",
        (request.forbund, *(event.pk for event in shown)),
        lambda: _rows(shown),
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "organisations/audit_log.html",
        {"page": page, "rows": rows, "action": action, "form": form, "query": query.urlencode()},
    )


def _rows(events: list[AuditEvent]) -> list[str]:
    described = audit.describe_events(events)
    return [
        format_html(
            '<tr><td class="nowrap">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
            event.actor or "–",
            action_label(event.action),
            _object_cell(event),
            format_html_join(
                "; ", '<span class="change">{}</span>', ((str(c),) for c in described[event.pk])
            ),
        )
        for event in events
    ]


def _object_cell(event: AuditEvent) -> str:
    kind = audit.object_type_label(event.object_type) if event.object_type else ""
    separator = ": " if kind and event.object_repr else ""
    history = ""
    if event.object_type and event.object_id:
        history = format_html(
            '<br><a href="?objekttyp={}&amp;objekt={}">{}'
            '<span class="visually-hidden"> ({})</span></a>',
            urlencode(event.object_type),
            urlencode(event.object_id),
            _("Objektets historik"),
            event.object_repr,
        )
    return format_html("{}{}{}{}", kind, separator, event.object_repr, history)
