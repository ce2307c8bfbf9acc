from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm
from core.uploads import TabularUploadForm
from participants.choices import Gender
from participants.models import Insats

from .choices import RespondentGroup
from .models import Instrument, Round


class UploadForm(TabularUploadForm):
    file_label = _("Svarsfil")


class RoundForm(ModelForm):
    # Querysets are set per request (inside the förbund's scope).
    instrument = forms.ModelChoiceField(label=_("Enkät"), queryset=Instrument.objects.none())
    insatser = forms.ModelMultipleChoiceField(
        label=_("Insatser"), queryset=Insats.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    codes = forms.IntegerField(
        label=_("Antal engångskoder"),
        required=False,
        min_value=0,
        max_value=2000,
        help_text=_("Lämna tomt om vem som helst med länken får svara."),
    )

    class Meta:
        model = Round
        fields = ["name", "instrument", "insatser", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, insatser=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.order_by("code", "-version")
        self.fields["insatser"].queryset = (
            insatser if insatser is not None else Insats.objects.all()
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte ligga före startdatum."))
        return data


class ResultFilterForm(Form):
    insats = forms.ChoiceField(label=_("Insats"), required=False)
    kon = forms.ChoiceField(
        label=_("Kön"), required=False, choices=[("", _("Alla")), *list(Gender.choices)]
    )

    def __init__(self, *args, insatser=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insats"].choices = [("", _("Alla insatser"))] + [
            (insats.code, str(insats)) for insats in insatser
        ]


class InstrumentForm(Form):
    code = forms.CharField(label=_("Kod"), max_length=32, help_text=_("T.ex. EGEN-STYRELSE."))
    name = forms.CharField(label=_("Namn"), max_length=200)
    group = forms.ChoiceField(label=_("Svarsgrupp"), choices=RespondentGroup.choices)
    questions = forms.CharField(
        label=_("Frågor, en per rad"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Skriv kod; skala; frågetext, t.ex. ”C1; grad6; Har mötet varit till nytta?”. "
            "Skalan är frekvens6, grad6, en egen skala eller fritext."
        ),
    )

    translations = forms.CharField(
        label=_("Översättningar, en per rad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Skriv språk; vad; text. Vad är namn, en frågekod, steg:SKALA (stegen med | "
            "emellan) eller text:intro, text:skicka, text:kon. Språk: sv-lattlast, en, ar, so, "
            "ti, prs, fa, uk. Svaren räknas ihop oavsett språk."
        ),
    )


class ScalesForm(Form):
    scales = forms.CharField(
        label=_("Egna skalor, en per rad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Skriv kod; steg | steg | …; positiva steg, t.ex. ”ja_nej; Nej | Ja; 2”. "
            "2–10 steg, lägst först."
        ),
    )
