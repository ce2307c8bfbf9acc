from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from budget.forms import KronorField
from core.forms import Form, ModelForm
from core.uploads import ImageFileField
from core.versioning import FingerprintForm, VersionedForm
from organisations.models import Member
from participants.models import Insats

from .choices import Indicator
from .models import Goal, GoalGrading, Report, Trustee
from .services.forecast import ForecastLine
from .services.sections import Section


class TextsForm(FingerprintForm):
    """One textarea per narrative section of a report, in the report's order."""

    def __init__(
        self,
        sections: tuple[Section, ...],
        initial_texts: dict[str, str],
        *args,
        insatser: tuple[tuple[str, str], ...] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.sections = sections
        # The annual report's text per insats (its year), under the insats in Bilaga 1.
        self.insatser = insatser
        for section in sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                required=False,
                initial=initial_texts.get(section.key, ""),
                help_text=section.guidance,
                widget=forms.Textarea(attrs={"rows": 10 if not section.default else 6}),
            )

        for code, name in insatser:
            key = f"insats:{code}"
            self.fields[key] = forms.CharField(
                label=name,
                required=False,
                initial=initial_texts.get(key, ""),
                help_text=_("Insatsens år: vad som hänt, resultat och lärdomar."),
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict[str, str]:
        keys = [section.key for section in self.sections]
        keys += [f"insats:{code}" for code, _name in self.insatser]
        return {key: self.cleaned_data[key] for key in keys}

    def section_fields(self):
        return [(section, self[section.key]) for section in self.sections]

    def insats_fields(self):
        return [self[f"insats:{code}"] for code, _name in self.insatser]


class CopyTextsForm(FingerprintForm):
    """Start this year's texts from last year's (reports.services.copy_previous_texts): the
    texts page's fingerprint, and the confirmation needed to replace texts already written."""

    overwrite = forms.BooleanField(
        label=_("Skriv över avsnitt som redan har en text i år"),
        required=False,
        help_text=_(
            "Utan detta val fylls bara tomma avsnitt. Med det ersätts årets texter av förra "
            "årets där båda finns."
        ),
    )


class ReportImageForm(Form):
    """An image for the annual report: the file, the section it follows, its caption and
    its text alternative (required: the documents are read with screen readers too)."""

    file = ImageFileField(
        label=_("Bild (PNG eller JPEG)"),
        help_text=_("Metadata i bilden (till exempel kamera, plats och tid) tas bort."),
    )
    section = forms.ChoiceField(label=_("Visas efter texten i avsnittet"))
    caption = forms.CharField(label=_("Bildtext"), max_length=300)
    alt_text = forms.CharField(
        label=_("Textalternativ"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Beskriv vad bilden visar för den som inte ser den, till exempel "
            "”Organisationsschema: styrelsen överst, under den kansliet och beredningsgruppen”."
        ),
        error_messages={"required": _("Skriv ett textalternativ som säger vad bilden visar.")},
    )

    def __init__(self, sections: list[tuple[str, str]], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = sections

    def clean_alt_text(self) -> str:
        text = self.cleaned_data["alt_text"].strip()
        if not text:
            raise forms.ValidationError(_("Skriv ett textalternativ som säger vad bilden visar."))
        return text


class ForecastForm(FingerprintForm):
    """The full-year forecast per line of a period report (whole kronor, net: costs with a
    minus sign); each field starts at the stored forecast or else the budget."""

    def __init__(
        self, lines: list[ForecastLine], current: dict[str, Decimal], *args, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[self.name(line)] = KronorField(
                label=_("Prognos helår %(line)s") % {"line": line.label},
                min_value=-(10**12),
                max_value=10**12,
                initial=int(current.get(line.key, line.budget)),
            )

    @staticmethod
    def name(line: ForecastLine) -> str:
        return f"prognos-{line.key}"

    def rows(self):
        return [(line, self[self.name(line)]) for line in self.lines]

    def values(self) -> dict[str, Decimal]:
        return {line.key: Decimal(self.cleaned_data[self.name(line)]) for line in self.lines}


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
