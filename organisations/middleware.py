from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from organisations.services.twofactor import requires_two_factor

EXEMPT_URL_NAMES = ("otp_verify", "otp_setup", "logout")


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
        if request.path in {reverse(name) for name in EXEMPT_URL_NAMES}:
            return False
        return requires_two_factor(user)
