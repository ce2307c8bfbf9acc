"""Swedish error pages (400, 403, 404, 500 and a refused form) that keep the förbund's context.

When the user is logged in and the address names a förbund they are a member of, the page
shows the förbund's name and menu, so one can go on from there. Someone who is not a member
learns nothing: the page looks exactly as for an address that names no förbund.

The 500 page reads nothing from the database: it uses the membership the failing view already
had (request.membership) or none, renders without context processors, and falls back to
plain text if even that fails.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.translation import gettext as _

from organisations.access import get_membership
from organisations.navigation import build_menu

logger = logging.getLogger(__name__)

FORBUND_PATH = re.compile(r"^/f/(?P<slug>[-a-zA-Z0-9_]+)/")

PLAIN_500 = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Något gick fel – Samordna'
    "</title></head><body><main><h1>Något gick fel</h1><p>Ett oväntat fel inträffade på "
    'servern. Försök igen om en stund.</p><p><a href="/">Till startsidan</a></p></main>'
    "</body></html>"
)


def _attach_membership(request: HttpRequest) -> None:
    """Sets request.membership and request.forbund from the address, for a member only."""
    if getattr(request, "membership", None) is not None:
        return
    match = FORBUND_PATH.match(request.path)
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated:
        return
    try:
        membership = get_membership(user, match.group("slug"))
    except Http404:
        return
    request.membership = membership  # type: ignore[attr-defined]
    request.forbund = membership.forbund  # type: ignore[attr-defined]


def _render(request: HttpRequest, template: str, response_class, **context) -> HttpResponse:
    try:
        _attach_membership(request)
    except Exception:  # the database may be what failed: the page still answers
        logger.exception("Förbundet kunde inte läsas till felsidan")
    body = loader.render_to_string(template, context, request=request)
    response = response_class(body)
    response.samordna_error_page = True  # type: ignore[attr-defined]
    return response


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "400.html", HttpResponseBadRequest)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "403.html", HttpResponseForbidden)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _render(request, "404.html", HttpResponseNotFound)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _render(request, "403_csrf.html", HttpResponseForbidden)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        context: dict = {"title": _("Något gick fel")}
        membership = getattr(request, "membership", None)
        if membership is not None:
            context["forbund"] = membership.forbund
            context["membership"] = membership
            context["menu"] = build_menu(request, membership, query=False)
        body = loader.get_template("500.html").render(context)
    except Exception:
        logger.exception("Felsidan 500 kunde inte visas")
        body = PLAIN_500
    response = HttpResponseServerError(body)
    response.samordna_error_page = True  # type: ignore[attr-defined]
    return response


class SwedishNotFoundMiddleware:
    """With DEBUG on (`make run`, the demo) Django shows its own English page for an unknown
    address; this shows ours instead. With DEBUG off Django already uses `page_not_found`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "samordna_error_page", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/api/")
        ):
            return page_not_found(request)
        return response
