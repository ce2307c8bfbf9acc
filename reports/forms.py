from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from core.forms import Form, ModelForm
from core.versioning import FingerprintForm, VersionedForm
from organisations.models import Member
from participants.models import Insats

from .choices import Indicator
from .models import Goal, GoalGrading, Report, Trustee
from .services.sections import Section


class TextsForm(FingerprintForm):
    """One textarea per narrative section of a report, in the report's order."""

    def __init__(
        self, sections: tuple[Section, ...], initial_texts: dict[str, str], *args, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                required=False,
                initial=initial_texts.get(section.key, ""),
                help_text=section.guidance,
                widget=forms.Textarea(attrs={"rows": 10 if not section.default else 6}),
            )

    def texts(self) -> dict[str, str]:
        return {section.key: self.cleaned_data[section.key] for section in self.sections}

    def section_fields(self):
        return [(section, self[section.key]) for section in self.sections]


class ReportOptionsForm(VersionedForm, ModelForm):
    class Meta:
        model = Report
        fields = ["for_publication", "signing_place"]


# Building a ModelForm class makes the queryset of its relation field; Insats is tenant-scoped,
# so the class is built outside a scope and __init__ sets the scoped queryset.
with scopes_disabled():

    class GoalForm(VersionedForm, ModelForm):
        class Meta:
            model = Goal
            fields = [
                "insats",
                "title",
                "indicator",
                "direction",
                "target",
                "unit",
                "manual_result",
                "comment",
                "position",
            ]
            widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # Set here, not at import: the queryset is tenant-scoped (the view's scope applies).
            self.fields["insats"].queryset = Insats.objects.order_by("code")
            self.fields["insats"].empty_label = _("Hela förbundet")

        def clean(self):
            cleaned = super().clean()
            indicator = cleaned.get("indicator")
            if (
                indicator
                and indicator != Indicator.MANUAL
                and cleaned.get("manual_result") is not None
            ):
                self.add_error(
                    "manual_result",
                    _("Resultatet räknas fram ur data för den här indikatorn; lämna fältet tomt."),
                )
            return cleaned


with scopes_disabled():

    class TrusteeForm(ModelForm):
        class Meta:
            model = Trustee
            fields = ["name", "role", "member", "organisation", "start", "end"]
            widgets = {
                "start": forms.DateInput(attrs={"type": "date"}),
                "end": forms.DateInput(attrs={"type": "date"}),
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # Set here, not at import: the queryset is tenant-scoped (the view's scope applies).
            self.fields["member"].queryset = Member.objects.order_by("kind", "name")


class GradingForm(VersionedForm, ModelForm):
    class Meta:
        model = GoalGrading
        fields = ["good_within_percent", "partly_within_percent"]


class AdoptForm(Form):
    adopted_on = forms.DateField(
        label=_("Fastställd den"),
        help_text=_("Datum för styrelsens beslut, ÅÅÅÅ-MM-DD."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decision_reference = forms.CharField(
        label=_("Beslut"),
        max_length=200,
        help_text=_("Sammanträde och paragraf, till exempel ”Styrelsen 2024-03-20 § 5”."),
    )
    place = forms.CharField(label=_("Ort"), max_length=100, required=False)
    signatories = forms.CharField(
        label=_("Undertecknare"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("En per rad: namn, roll. Till exempel ”Anna Andersson, ordförande”."),
    )
    note = forms.CharField(
        label=_("Anledning till ny version"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när en tidigare version redan är fastställd."),
    )
    publication = forms.TypedChoiceField(
        label=_("Vilken version lämnar förbundet?"),
        choices=[
            (
                "1",
                _("Publiceringsversionen: små antal (1–4) visas som <5 och röjande summor döljs"),
            ),
            ("0", _("Versionen med exakta antal (bara för internt bruk)")),
        ],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
        help_text=_(
            "Den fastställda versionen skickas till medlemmarna och publiceras. Exakta små "
            "antal kan röja enskilda deltagare."
        ),
    )

    def __init__(self, *args, contradictions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contradictions = list(contradictions)
        for contradiction in self.contradictions:
            self.fields[f"ack-{contradiction.key}"] = forms.CharField(
                label=_("Skäl att behålla texten"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def contradiction_fields(self):
        return [(c, self[f"ack-{c.key}"]) for c in self.contradictions]

    def acknowledgements(self) -> dict[str, str]:
        return {c.key: self.cleaned_data.get(f"ack-{c.key}", "") for c in self.contradictions}
