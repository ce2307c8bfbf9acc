"""Requests no view should see: a NUL character anywhere the user controls.

PostgreSQL refuses NUL in text, so a NUL in a search filter (`logg/?handelse=%00`), a form
field, a URL segment (`insatser/%00/`) or an uploaded file's name would reach the database and
end as a server error. This middleware answers 400 with a Swedish message before any view runs.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(request) -> bool:
    if NUL in request.path:
        return True
    for query in (request.GET, request.POST if request.method == "POST" else None):
        if query is None:
            continue
        for key, values in query.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    if request.method == "POST":
        for upload in request.FILES.values():
            if NUL in (upload.name or ""):
                return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(
                _(
                    "Adressen eller formuläret innehåller ett NUL-tecken (byte 0), som inte kan "
                    "användas. Ta bort det och försök igen."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
