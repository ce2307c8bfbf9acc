"""`Authorization: Bearer TOKEN` (docs/format/api.md)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .tokens import find_active_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        kind, _sep, raw = header.strip().partition(" ")
        if kind.lower() != self.keyword.lower() or not raw.strip():
            raise exceptions.AuthenticationFailed(
                _("Skicka nyckeln som ”Authorization: Bearer NYCKEL”.")
            )
        token = find_active_token(raw.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("API-nyckeln är okänd, har gått ut eller är återkallad.")
            )
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="samordna"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "En API-nyckel (sam_…) från create_api_token eller användarsidan.",
        }
