"""The förbund part of every API request: the same rules as `organisations.access.forbund_view`.

- no or a bad token: 401;
- a token of another förbund, or a user no longer in this one: 404 (nothing is revealed);
- a role without the capability (organisations/roles.py, the web's table): 403;
- a write with a read-only token: 403;
- otherwise the django-scopes scope of the förbund is active for the whole handler.
Each request with a token is written to the audit log (`api_token.used`).
"""

from __future__ import annotations

from contextlib import ExitStack

from django.http import Http404
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS
from rest_framework.views import APIView

from organisations.models import Forbund, Membership
from organisations.roles import has_capability

from .models import ApiToken
from .tokens import record_use


class TokenView(APIView):
    """Any view that takes a token: logs the use."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request, "_samordna_token", None)
        if token is not None:
            record_use(token, request.method, request.path, response.status_code)
        return response


class ForbundAPIView(TokenView):
    """A resource under /api/v1/forbund/{slug}/."""

    read_capability: str = "forbund.view"
    write_capability: str | None = None

    forbund: Forbund
    membership: Membership
    token: ApiToken

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, throttling
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated()
        request._samordna_token = token
        slug = kwargs.get("slug")
        if token.forbund.slug != slug:
            raise Http404
        with scopes_disabled():
            membership = (
                Membership.objects.select_related("forbund")
                .filter(forbund=token.forbund, user=token.user)
                .first()
            )
        if membership is None:
            raise Http404
        write = request.method not in SAFE_METHODS
        capability = self.write_capability if write else self.read_capability
        if capability is None or not has_capability(membership.role, capability):
            raise exceptions.PermissionDenied()
        if write and not token.can_write:
            raise exceptions.PermissionDenied(_("API-nyckeln får bara läsa."))
        self.forbund, self.membership, self.token = membership.forbund, membership, token
        # For what runs after the view on Django's request (the export log of a download).
        request._request.forbund = self.forbund
        # Handlers run inside the förbund's scope; dispatch() leaves it.
        self._scope.enter_context(scope(forbund=self.forbund))

    def dispatch(self, request, *args, **kwargs):
        # The scope entered in initial() is left whatever happens, a server error included:
        # a scope must never outlive its request (the next one in this thread is another's).
        self._scope = ExitStack()
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            self._scope.close()
