"""How a request reaches a förbund's data.

Every view that shows förbund data is wrapped in `forbund_view(capability)`. It
- answers 404 to anyone who is not a member of the förbund in the URL (outsiders cannot even
  learn that a förbund or object exists),
- answers 403 to members whose role lacks the capability (organisations/roles.py),
- activates the django-scopes scope for the förbund, so every tenant-owned query in the view is
  filtered to it and a query outside a scope raises,
- records what it requires on the view (`view.samordna_access`) so the URL-walk test can check
  every URL with every persona.
Views outside a förbund use `public_view` or `login_view` for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django_scopes import scope, scopes_disabled

from organisations.models import Forbund, Membership
from organisations.roles import has_capability

SAFE_METHODS = ("GET", "HEAD")
READ_WRITE = ("GET", "HEAD", "POST")


@dataclass(frozen=True)
class Access:
    kind: str  # "forbund", "login" or "public"
    capability: str | None = None
    methods: tuple[str, ...] = READ_WRITE


class ForbundRequest(HttpRequest):
    """The request a `forbund_view` hands to its view: the förbund and the user's membership."""

    forbund: Forbund
    membership: Membership


def _record_access(view: Callable, access: Access) -> None:
    # What `view.samordna_access = access` does, in a form mypy accepts on a function.
    view.__dict__["samordna_access"] = access


def get_membership(user, forbund_slug: str) -> Membership:
    """The user's membership in the förbund, or 404 (also for superusers: least privilege)."""
    if not user.is_authenticated:
        raise Http404
    with scopes_disabled():
        try:
            return Membership.objects.select_related("forbund", "user").get(
                forbund__slug=forbund_slug, user=user, user__is_active=True
            )
        except Membership.DoesNotExist:
            raise Http404 from None


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    with scopes_disabled():
        return list(
            Membership.objects.filter(user=user).select_related("forbund").order_by("forbund__name")
        )


def forbund_view(capability: str, *, methods: Iterable[str] = READ_WRITE) -> Callable:
    allowed = tuple(methods)
    has_capability("kansli", capability)  # fail at import time on an unknown capability

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: ForbundRequest, forbund: str, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = get_membership(request.user, forbund)
            if not has_capability(membership.role, capability):
                raise PermissionDenied
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            request.forbund = membership.forbund
            request.membership = membership
            with scope(forbund=membership.forbund):
                return view(request, *args, **kwargs)

        _record_access(wrapped, Access("forbund", capability, allowed))
        return wrapped

    return decorator


def login_view(view: Callable | None = None, *, methods: Iterable[str] = READ_WRITE):
    """A page for any logged-in user, outside a förbund (the förbund list, 2FA setup)."""
    allowed = tuple(methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, *args, **kwargs)

        _record_access(wrapped, Access("login", None, allowed))
        return wrapped

    return decorator(view) if view is not None else decorator


def public_view(view: Callable) -> Callable:
    """A page anyone may see (login, the public catalogue). Marked so the URL walk knows."""
    _record_access(view, Access("public"))
    return view


def forbund_by_slug(slug: str) -> Forbund:
    try:
        return Forbund.objects.get(slug=slug)
    except Forbund.DoesNotExist:
        raise Http404 from None
