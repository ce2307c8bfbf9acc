"""The user's own API tokens in a förbund: list, create (shown once), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.forms import Form
from organisations.access import forbund_view
from organisations.services import ServiceError

from .models import ApiToken
from .tokens import DEFAULT_DAYS, MAX_DAYS, create_token, revoke_token


class TokenForm(Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100)
    can_write = forms.BooleanField(
        label=gettext_lazy("Får också skriva (annars bara läsa)"), required=False
    )
    days = forms.IntegerField(
        label=gettext_lazy("Giltig i dagar"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS
    )


@never_cache
@forbund_view("forbund.view")
def tokens(request):
    if request.method == "POST" and "revoke" in request.POST:
        return _revoke(request, request.POST["revoke"])
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = create_token(
                request.forbund,
                request.user,
                name=form.cleaned_data["name"],
                can_write=form.cleaned_data["can_write"],
                days=form.cleaned_data["days"],
                actor=request.user,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm()
    rows = ApiToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "rows": rows, "raw": raw})


def _revoke(request, value: str):
    """Revoke one of the user's own tokens; any other id is a 404."""
    token = (
        ApiToken.objects.filter(user=request.user, pk=int(value)).first()
        if value.isdigit()
        else None
    )
    if token is None:
        raise Http404
    revoke_token(token, request.user)
    messages.success(request, _("Nyckeln ”%(name)s” är återkallad.") % {"name": token.name})
    return redirect("apinycklar:list", forbund=request.forbund.slug)
