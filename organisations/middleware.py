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
