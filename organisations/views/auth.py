"""Login, logout, the account page, passwords (Django's own flows) and two-factor."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit
from organisations import services
from organisations.access import login_view, memberships_of, public_view
from organisations.forms import (
    ConfirmPasswordForm,
    LoginForm,
    ThrottledPasswordResetForm,
    TwoFactorSetupForm,
)
from organisations.services import notices

# Set in the session when an invitation has just created the account: the person chose the
# password a moment ago, so enrolling two-factor does not ask for it again.
ENROL_WITHOUT_PASSWORD = "samordna_enrol_without_password"  # noqa: S105 (a session key)

login = public_view(
    auth_views.LoginView.as_view(
        template_name="registration/login.html",
        redirect_authenticated_user=True,
        authentication_form=LoginForm,
    )
)
logout = login_view(auth_views.LogoutView.as_view(), methods=("POST",))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@never_cache
@sensitive_post_parameters("token")
@login_view
def otp_verify(request):
    if services.confirmed_device(request.user) is None:
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': _next_url(request)})}")
    error = None
    if request.method == "POST":
        device = services.verify(request.user, request.POST.get("token", ""))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(request.user)
                audit.log(request.user, "user.recovery_code_used", request.user)
                messages.warning(
                    request,
                    _(
                        "Du loggade in med en reservkod. Du har %(left)s kvar; skapa nya under "
                        "Ditt konto om de börjar ta slut."
                    )
                    % {"left": left},
                )
            return redirect(_next_url(request))
        if services.throttled(request.user):
            error = _(
                "Koden stämmer inte, eller så kom den för tätt inpå ett felaktigt försök. Vänta "
                "en halv minut och försök igen (väntetiden växer för varje fel)."
            )
        else:
            error = _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
    return render(request, "otp/verify.html", {"error": error, "next": _next_url(request)})


@never_cache
@sensitive_post_parameters("token", "password")
@login_view
def otp_setup(request):
    """Sets up TOTP for the logged-in person, who proves the password again (unless the account
    was created by an invitation in this session), then shows the recovery codes once."""
    if services.confirmed_device(request.user) is not None:
        messages.info(request, _("Tvåstegsverifiering är redan aktiverad."))
        return redirect(_next_url(request))
    device = services.pending_device(request.user)
    ask_password = request.session.get(ENROL_WITHOUT_PASSWORD) != request.user.pk
    form = TwoFactorSetupForm(
        request.POST or None, user=request.user, device=device, ask_password=ask_password
    )
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.pop(ENROL_WITHOUT_PASSWORD, None)
        audit.log(request.user, "user.two_factor_enabled", request.user)
        codes = services.new_recovery_codes(request.user)
        messages.success(request, _("Tvåstegsverifiering är aktiverad."))
        return render(
            request, "otp/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
        )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "otp/setup.html",
        {
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff"),
            "secret": _base32(device),
            "form": form,
            "next": _next_url(request),
        },
    )


def _base32(device) -> str:
    raw = base64.b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@never_cache
@login_view(methods=("GET", "HEAD"))
def account(request):
    return render(
        request,
        "registration/account.html",
        {
            "memberships": memberships_of(request.user),
            "two_factor": services.confirmed_device(request.user) is not None,
            "codes_left": services.recovery_codes_left(request.user),
            "form": ConfirmPasswordForm(user=request.user),
        },
    )


@never_cache
@sensitive_post_parameters("password")
@login_view(methods=("POST",))
def recovery_codes(request):
    """New recovery codes (the old ones stop working), after the password."""
    form = ConfirmPasswordForm(request.POST, user=request.user)
    if services.confirmed_device(request.user) is None or not form.is_valid():
        messages.error(request, _("Lösenordet stämmer inte; inga nya reservkoder skapades."))
        return redirect("account")
    codes = services.new_recovery_codes(request.user)
    audit.log(request.user, "user.recovery_codes_renewed", request.user)
    return render(request, "otp/recovery_codes.html", {"codes": codes, "next": reverse("account")})


@sensitive_post_parameters("password")
@login_view(methods=("POST",))
def otp_reset(request):
    """Removes the person's own authenticator (a new phone), after the password; setup follows."""
    form = ConfirmPasswordForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Lösenordet stämmer inte; tvåstegsverifieringen är oförändrad."))
        return redirect("account")
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    audit.log(request.user, "user.two_factor_removed", request.user)
    notices.notify(request.user, "two_factor_removed")
    return redirect(f"{reverse('otp_setup')}?{urlencode({'next': reverse('account')})}")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.log(self.request.user, "user.password_changed", self.request.user)
        notices.notify(self.request.user, "password_changed")
        messages.success(self.request, _("Ditt lösenord är ändrat."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.log(None, "user.password_reset", form.user)
        notices.notify(form.user, "password_changed")
        return response


password_change = login_view(PasswordChangeView.as_view())
password_reset = public_view(
    auth_views.PasswordResetView.as_view(
        form_class=ThrottledPasswordResetForm,
        template_name="registration/password_reset_form.html",
        email_template_name="registration/password_reset_email.txt",
        subject_template_name="registration/password_reset_subject.txt",
    )
)
password_reset_done = public_view(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_confirm = public_view(PasswordResetConfirmView.as_view())
password_reset_complete = public_view(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"
    )
)
