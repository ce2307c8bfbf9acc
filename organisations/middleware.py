import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from organisations.services.twofactor import requires_two_factor

# Two-factor itself, logging out, and the invitation link (it only puts its token in the
# session; the page it leads to is not exempt).
EXEMPT_URL_NAMES = frozenset({"otp_verify", "otp_setup", "logout", "invitation"})


class RequireTwoFactorMiddleware:
    """Sends a logged-in user whose role demands two-factor to verify (or set up) TOTP first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('otp_verify')}?{query}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        user = request.user
        if not settings.SAMORDNA_REQUIRE_2FA or not user.is_authenticated or user.is_verified():
            return False
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return False
        try:
            if resolve(request.path_info).url_name in EXEMPT_URL_NAMES:
                return False
        except Resolver404:
            pass
        return requires_two_factor(user)


class SessionRefreshMiddleware:
    """Keeps a logged-in session alive while it is used, writing it at most once a minute.

    Sessions end after SESSION_COOKIE_AGE seconds without a request (the idle logout). Django's
    SESSION_SAVE_EVERY_REQUEST would write the session on every page (an UPDATE, and with
    Redis a cache write, per request); this moves the expiry forward only when the last move is
    SESSION_REFRESH_SECONDS old, so the idle logout comes between SESSION_COOKIE_AGE minus that
    and SESSION_COOKIE_AGE after the last request. Goes after the authentication middleware.
    """

    KEY = "_samordna_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        now = int(time.time())
        last = session.get(self.KEY)
        if not isinstance(last, int) or now - last >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now  # modified: SessionMiddleware saves it with a new expiry
        return response
