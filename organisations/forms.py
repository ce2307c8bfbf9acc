import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordResetForm,
    UsernameField,
)
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from core import audit
from core.forms import Form, ModelForm
from core.versioning import VersionedForm

from .choices import Role
from .models import Member, Membership, User


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a username longer than any account's before it is tried:
    a failed attempt is recorded (django-axes) in a column no longer than that."""

    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        if len(username) > User._meta.get_field("username").max_length:
            raise self.get_invalid_login_error()
        return username


class DateInput(forms.DateInput):
    input_type = "date"


class MemberForm(VersionedForm, ModelForm):
    class Meta:
        model = Member
        fields = ["name", "kind", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}


class InviteForm(Form):
    email = forms.EmailField(label=_("E-post"))
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Personen får en länk som gäller i %(hours)s timmar och fungerar en gång. Hen väljer "
            "själv lösenord; har hen redan ett konto loggar hen in med det."
        ) % {"hours": settings.SAMORDNA_INVITATION_HOURS}


class AcceptInvitationForm(BaseUserCreationForm):
    """A new account from an invitation: username (the e-mail by default), name, password."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name")
        field_classes = {"username": UsernameField}
        labels = {"username": _("Användarnamn")}
        help_texts = {
            "username": _("Du loggar in med det. Bokstäver, siffror och @ . + - _ går bra.")
        }

    def __init__(self, *args, email: str, username: str = "", full_name: str = "", **kwargs):
        # The e-mail is on the instance so the similarity check compares the password with it.
        kwargs["instance"] = User(email=email, username=username)
        first, _sep, last = full_name.strip().rpartition(" ")
        if not first:
            first, last = last, ""
        kwargs.setdefault(
            "initial", {"username": username or email, "first_name": first, "last_name": last}
        )
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if username:
            # create_user chose the username: shown, not editable.
            self.fields["username"].disabled = True


class TwoFactorSetupForm(Form):
    token = forms.CharField(
        label=_("Kod från appen"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Bara den som kan lösenordet får koppla en telefon till kontot."),
    )

    def __init__(self, *args, user, device, ask_password: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device
        if not ask_password:
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Koden stämmer inte. Skanna QR-koden igen och skriv in den nya koden.")
            )
        return token


class ConfirmPasswordForm(Form):
    password = forms.CharField(
        label=_("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Lösenordet stämmer inte."))
        return password


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most SAMORDNA_PASSWORD_RESET_PER_HOUR mails per address.

    Whether the address exists, and whether the limit is reached, the answer is the same.
    """

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        key = "password-reset:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
        cache.add(key, 0, timeout=60 * 60)
        try:
            sent = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=60 * 60)
            sent = 1
        if sent > settings.SAMORDNA_PASSWORD_RESET_PER_HOUR:
            return
        super().save(*args, **kwargs)


class MembershipForm(VersionedForm, ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


class AuditFilterForm(Form):
    """The audit log's filters: who, what object, which period (the kind of event is the
    page's own select, `handelse`). The choices are those the förbund's log holds."""

    SYSTEM = "system"

    person = forms.ChoiceField(label=_("Vem"), required=False)
    objekttyp = forms.ChoiceField(label=_("Objekt"), required=False)
    objekt = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput)
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput)

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        unordered = events.order_by()
        actor_ids = set(unordered.exclude(actor=None).values_list("actor", flat=True).distinct())
        people = sorted(
            User.objects.filter(pk__in=actor_ids), key=lambda user: str(user).casefold()
        )
        self.fields["person"].choices = [
            ("", _("Alla")),
            *((str(user.pk), str(user)) for user in people),
            (self.SYSTEM, _("Ingen inloggad (kommandorad eller systemet)")),
        ]
        types = unordered.exclude(object_type="").values_list("object_type", flat=True).distinct()
        labelled = sorted(
            ((kind, audit.object_type_label(kind)) for kind in set(types)),
            key=lambda pair: pair[1].casefold(),
        )
        self.fields["objekttyp"].choices = [("", _("Alla")), *labelled]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fran"), cleaned.get("till")
        if start and end and end < start:
            self.add_error("till", _("Slutet av perioden ligger före början."))
        return cleaned

    def filter(self, events):
        data = self.cleaned_data
        if data["person"] == self.SYSTEM:
            events = events.filter(actor=None)
        elif data["person"]:
            events = events.filter(actor_id=data["person"])
        if data["objekttyp"]:
            events = events.filter(object_type=data["objekttyp"])
            if data["objekt"]:
                events = events.filter(object_id=data["objekt"])
        if data["fran"]:
            events = events.filter(at__date__gte=data["fran"])
        if data["till"]:
            events = events.filter(at__date__lte=data["till"])
        return events
