"""Forms of the personal-data pages (docs/personuppgifter.md)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from core.years import YEAR_VALIDATORS
from organisations.models import User

from .forms import DateInput
from .models import OPTIONAL_FIELDS, AccessKind, ConsentMethod, ConsentScope
from .rules import PARTICIPANT_CODE_MAX
from .services.least_data import field_label


def _optional_field_choices() -> list[tuple[str, str]]:
    return [(name, field_label(name).capitalize()) for name in OPTIONAL_FIELDS]


class PrivacySettingsForm(Form):
    consent_scopes = forms.MultipleChoiceField(
        label=_("Samtycke krävs för"),
        choices=ConsentScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "När samtycke krävs för uppföljningen efter 12 månader kan den bara registreras "
            "för deltagare med ett gällande samtycke."
        ),
    )
    off_fields = forms.MultipleChoiceField(
        label=_("Samla inte in"),
        choices=_optional_field_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Uppgifter som varken deltagarfilens obligatoriska kolumner eller Uppföljning "
            "Finsam kräver. Avstängda fält döljs i formulären, vägras i importen och lämnas "
            "utanför exporten. Utan födelseår eller utbildning redovisas ålder och utbildning "
            "som ”uppgift saknas” i statistiken."
        ),
    )
    privacy_contact = forms.CharField(
        label=_("Kontakt för personuppgiftsfrågor"),
        max_length=300,
        required=False,
        help_text=_("Hur en deltagare når förbundet, till exempel e-post och telefon."),
    )
    dpo_name = forms.CharField(label=_("Dataskyddsombud"), max_length=200, required=False)
    dpo_contact = forms.CharField(
        label=_("Dataskyddsombudets kontaktuppgifter"), max_length=300, required=False
    )


class ExtractSearchForm(Form):
    kod = forms.CharField(
        label=_("Deltagar-id"),
        max_length=PARTICIPANT_CODE_MAX,
        help_text=_("Förbundets kod för personen, som den står i deltagarfilen."),
    )


class ConsentForm(Form):
    scope = forms.ChoiceField(label=_("Samtycket gäller"), choices=ConsentScope.choices)
    given_on = forms.DateField(label=_("Lämnat den"), widget=DateInput())
    method = forms.ChoiceField(label=_("Hur det lämnades"), choices=ConsentMethod.choices)


class WithdrawConsentForm(Form):
    consent = forms.IntegerField(widget=forms.HiddenInput)
    withdrawn_on = forms.DateField(label=_("Återkallat den"), widget=DateInput())


class AccessFilterForm(Form):
    user = forms.ModelChoiceField(
        label=_("Användare"), queryset=User.objects.none(), required=False, empty_label=_("Alla")
    )
    kind = forms.ChoiceField(
        label=_("Typ"), choices=[("", _("Alla")), *AccessKind.choices], required=False
    )
    year = forms.IntegerField(label=_("År"), required=False, validators=YEAR_VALIDATORS)

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(memberships__forbund=forbund).order_by(
            "last_name", "first_name", "username"
        )
