"""Errors as `application/problem+json` (RFC 9457) with a Swedish `detail`.

Validation errors add `errors`: a list of {"rad", "kolumn", "varde", "orsak"} (the participant
file's errors keep their row; other fields have rad null).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Felaktig begäran"),
    401: _("Inloggning krävs"),
    403: _("Saknar behörighet"),
    404: _("Finns inte"),
    405: _("Metoden stöds inte"),
    406: _("Formatet kan inte levereras"),
    415: _("Formatet stöds inte"),
    422: _("Uppgifterna kunde inte sparas"),
    429: _("För många anrop"),
}

DETAILS = {
    401: _("Ange en giltig API-nyckel: Authorization: Bearer NYCKEL."),
    403: _("Din roll i förbundet eller nyckelns rättigheter tillåter inte detta."),
    404: _("Det efterfrågade finns inte, eller så får du inte se det."),
}


class ValidationProblem(exceptions.APIException):
    """Field or row errors; `errors` is the list described above."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, errors: list[dict[str, Any]], detail: str | None = None):
        self.errors = errors
        super().__init__(detail or _("Uppgifterna innehåller fel; inget sparades."))


def problem(status_code: int, detail: str, **extra: Any) -> Response:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, _("Fel"))),
        "status": status_code,
        "detail": detail,
        **extra,
    }
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def _field_errors(data: Any, prefix: str = "") -> list[dict[str, Any]]:
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix
            out.extend(_field_errors(value, name))
        return out
    if isinstance(data, list):
        if all(isinstance(item, str) for item in data):
            return [{"rad": None, "kolumn": prefix, "varde": "", "orsak": str(i)} for i in data]
        out = []
        for index, item in enumerate(data):
            out.extend(_field_errors(item, f"{prefix}[{index}]"))
        return out
    return [{"rad": None, "kolumn": prefix, "varde": "", "orsak": str(data)}]


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling (and logging)
    code = response.status_code
    extra: dict[str, Any] = {}
    if isinstance(exc, ValidationProblem):
        detail = str(exc.detail)
        extra["errors"] = exc.errors
    elif isinstance(exc, exceptions.ValidationError):
        detail = _("Uppgifterna innehåller fel; inget sparades.")
        extra["errors"] = _field_errors(exc.detail)
    elif isinstance(exc, exceptions.ParseError):
        detail = _("Innehållet är inte giltig JSON.")
    elif isinstance(exc, exceptions.Throttled):
        wait = exc.wait or 1
        detail = _("För många anrop; försök igen om %(seconds)s sekunder.") % {
            "seconds": int(wait + 0.999)
        }
    elif code in DETAILS and isinstance(
        exc, exceptions.NotFound | exceptions.NotAuthenticated | exceptions.PermissionDenied
    ):
        detail = str(DETAILS[code])
    else:
        detail = str(exc.detail) if hasattr(exc, "detail") else str(TITLES.get(code, ""))
    result = problem(code, detail, **extra)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
