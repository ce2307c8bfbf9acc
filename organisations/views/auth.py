"""Login, logout and two-factor pages."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from core import audit
from organisations.access import login_view, public_view
from organisations.services.twofactor import confirmed_device, pending_device

login = public_view(
    auth_views.LoginView.as_view(
        template_name="registration/login.html", redirect_authenticated_user=True
    )
)
logout = login_view(auth_views.LogoutView.as_view(), methods=("POST",))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@sensitive_post_parameters("token")
@login_view
def otp_verify(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next_url(request)})}")
    error = None
    if request.method == "POST":
        if device.verify_token(request.POST.get("token", "").replace(" ", "")):
            otp_login(request, device)
            return redirect(_next_url(request))
        error = _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
    return render(request, "otp/verify.html", {"error": error, "next": _next_url(request)})


@sensitive_post_parameters("token")
@login_view
def otp_setup(request):
    if confirmed_device(request.user) is not None:
        messages.info(request, _("Tvåstegsverifiering är redan aktiverad."))
        return redirect(_next_url(request))
    device = pending_device(request.user)
    error = None
    if request.method == "POST":
        if device.verify_token(request.POST.get("token", "").replace(" ", "")):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.log(request.user, "user.two_factor_enabled", request.user)
            messages.success(request, _("Tvåstegsverifiering är aktiverad."))
            return redirect(_next_url(request))
        error = _("Koden stämmer inte. Skanna QR-koden igen och skriv in den nya koden.")
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "otp/setup.html",
        {
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff"),
            "secret": _base32(device),
            "error": error,
            "next": _next_url(request),
        },
    )


def _base32(device) -> str:
    raw = base64.b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
