"""The invited person's side: open the link, create an account or use an existing one.

The link `/konto/inbjudan/<token>/` puts the token in the session and redirects to
`/konto/inbjudan/` (as Django's password reset does), so the token does not stay in the address
bar, the browser history or a Referer header.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from organisations import services
from organisations.access import public_view
from organisations.forms import AcceptInvitationForm
from organisations.services import invitations

from .auth import ENROL_WITHOUT_PASSWORD

SESSION_TOKEN = "samordna_invitation_token"  # noqa: S105 (a session key)
SAMORDNA_BACKEND = "organisations.auth_backends.SamordnaBackend"


@never_cache
@public_view
def invitation_link(request, token: str):
    try:
        invitations.pending(token)
    except invitations.InvitationInvalid as error:
        return _invalid(request, error)
    request.session[SESSION_TOKEN] = token
    return redirect("invitation_accept")


def _invalid(request, error):
    request.session.pop(SESSION_TOKEN, None)
    return render(request, "organisations/invitation_invalid.html", {"error": error})


@never_cache
@sensitive_post_parameters("password1", "password2")
@public_view
def invitation_accept(request):
    token = request.session.get(SESSION_TOKEN, "")
    try:
        invitation = invitations.pending(token)
    except invitations.InvitationInvalid as error:
        return _invalid(request, error)
    if request.user.is_authenticated:
        return _accept_as_logged_in(request, token, invitation)
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        username=invitation.username,
        full_name=invitation.full_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            user, membership = invitations.accept_new_account(
                token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except invitations.InvitationInvalid as error:
            return _invalid(request, error)
        except services.ServiceError as error:
            form.add_error("username", str(error))
        else:
            auth_login(request, user, backend=SAMORDNA_BACKEND)
            request.session.pop(SESSION_TOKEN, None)
            return _welcome(request, membership, new_account=True)
    login_url = f"{reverse('login')}?{urlencode({'next': reverse('invitation_accept')})}"
    return render(
        request,
        "organisations/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "login_url": login_url,
            "two_factor": services.role_requires_two_factor(invitation.role),
        },
    )


def _accept_as_logged_in(request, token, invitation):
    if request.method == "POST":
        try:
            membership = invitations.accept_existing_account(token, request.user)
        except invitations.InvitationInvalid as error:
            return _invalid(request, error)
        request.session.pop(SESSION_TOKEN, None)
        return _welcome(request, membership, new_account=False)
    return render(
        request,
        "organisations/invitation_accept.html",
        {"invitation": invitation, "form": None},
    )


def _welcome(request, membership, *, new_account: bool):
    home = reverse("organisations:home", kwargs={"forbund": membership.forbund.slug})
    messages.success(
        request,
        _("Välkommen till %(forbund)s.") % {"forbund": membership.forbund.name},
    )
    must_enrol = settings.SAMORDNA_REQUIRE_2FA and services.requires_two_factor(request.user)
    if must_enrol and services.confirmed_device(request.user) is None:
        if new_account:
            request.session[ENROL_WITHOUT_PASSWORD] = request.user.pk
        return redirect(f"{reverse('otp_setup')}?{urlencode({'next': home})}")
    return redirect(home)
