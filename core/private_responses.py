"""Middleware for what every response must do: private pages not cached, downloads logged.

- PrivateResponseMiddleware: every response to a logged-in user, and every file download, gets
  `Cache-Control: no-store` (with Django's never-cache headers): pages with participant rows,
  budgets or reports must not stay in a browser's or a proxy's cache.
- ExportAuditMiddleware: every file download (a 200 with `Content-Disposition: attachment`) is
  logged as an export (core.audit.log_export): kind, format, year and row count, never content.
  A view tells more with core.audit.describe_export(response, kind=…, rows=…); a download
  without that is still logged, with what the address says.

(Content-Security-Policy and Permissions-Policy come from django-csp and
django-permissions-policy; see settings.)
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.cache import add_never_cache_headers

from . import audit

_FILENAME = re.compile(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', re.IGNORECASE)


def is_download(response) -> bool:
    return "attachment" in response.get("Content-Disposition", "").lower()


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if is_download(response) or (user is not None and user.is_authenticated):
            add_never_cache_headers(
                response
            )  # max-age=0, no-cache, no-store, must-revalidate, private
        return response


class ExportAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and is_download(response):
            self.log(request, response)
        return response

    def log(self, request, response) -> None:
        details: dict[str, Any] = dict(getattr(response, audit.EXPORT_DETAILS, {}))
        match = getattr(request, "resolver_match", None)
        kwargs = match.kwargs if match is not None else {}
        details.setdefault("kind", match.view_name if match is not None else request.path[:100])
        if "file_format" not in details:
            found = _FILENAME.search(response.get("Content-Disposition", ""))
            name = found.group(1) if found else ""
            details["file_format"] = name.rsplit(".", 1)[-1].lower()[:10] if "." in name else ""
        if "year" not in details and isinstance(kwargs.get("year"), int):
            details["year"] = kwargs["year"]
        audit.log_export(request.user, getattr(request, "forbund", None), **details)
