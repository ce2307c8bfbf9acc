"""Forms of the participant pages. The rules are those of the import (participants/rules.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from core.uploads import TabularUploadForm
from core.versioning import VersionedForm
from core.years import YEAR_VALIDATORS
from organisations.choices import Role
from organisations.models import Member, User

from .models import Activity, Insats, Participant, Participation, StructuralParticipantCount
from .rules import DATA_FIELDS, PARTICIPANT_CODE_MAX, participation_problems
from .services.gaps import GAP_KINDS
from .validators import validate_not_personnummer


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Building a ModelForm class makes querysets of its relation fields; Member is tenant-scoped,
# so the class is built outside a scope and __init__ sets the scoped queryset.
with scopes_disabled():

    class InsatsForm(VersionedForm, forms.ModelForm):
        class Meta:
            model = Insats
            fields = [
                "code",
                "name",
                "kind",
                "start_date",
                "end_date",
                "description",
                "target_group",
                "orientation",
                "methods",
                "executing_members",
                "responsible",
                "esf_financed",
                "expected_participants",
                "expected_share_women",
                "expected_share_work_or_studies",
                "public",
            ]
            widgets = {
                "start_date": DateInput(),
                "end_date": DateInput(),
                "description": forms.Textarea(attrs={"rows": 4}),
                "target_group": forms.Textarea(attrs={"rows": 3}),
                "methods": forms.Textarea(attrs={"rows": 2}),
                "executing_members": forms.CheckboxSelectMultiple,
                "responsible": forms.CheckboxSelectMultiple,
            }

        def __init__(self, *args, forbund, **kwargs):
            super().__init__(*args, **kwargs)
            self.forbund = forbund
            self.instance.forbund = forbund
            self.fields["executing_members"].queryset = Member.objects.all()
            # Only the förbund's insatsansvariga can be assigned to an insats.
            self.fields["responsible"].queryset = User.objects.filter(
                memberships__forbund=forbund, memberships__role=Role.INSATSANSVARIG
            ).order_by("last_name", "first_name", "username")
            self.fields["responsible"].help_text = _(
                "Personer med rollen insatsansvarig. De ser deltagarna i just den här insatsen."
            )

        def clean_code(self) -> str:
            code = self.cleaned_data["code"].strip()
            taken = Insats.objects.filter(code=code).exclude(pk=self.instance.pk).exists()
            if taken:
                raise forms.ValidationError(_("Förbundet har redan en insats med den koden."))
            return code


class ParticipationFieldsMixin:
    """Cross-field rules shared with the import: end not before start, reason needs an end…"""

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start_date", getattr(self.instance, "start_date", None))
        for field, _value, reason in participation_problems(
            start_date=start,
            end_date=cleaned.get("end_date"),
            end_reason=cleaned.get("end_reason") or "",
            birth_year=cleaned.get("birth_year", getattr(self.instance, "birth_year", None)),
        ):
            self.add_error(field if field in self.fields else None, reason)
        return cleaned


PARTICIPATION_FIELDS = ["start_date", *DATA_FIELDS]
PARTICIPATION_WIDGETS = {"start_date": DateInput(), "end_date": DateInput()}


class ParticipationForm(ParticipationFieldsMixin, VersionedForm, forms.ModelForm):
    """Register (with participant code) or edit a participation in a given insats."""

    participant_code = forms.CharField(
        label=_("Deltagar-id"),
        max_length=PARTICIPANT_CODE_MAX,
        validators=[validate_not_personnummer],
        help_text=_("Förbundets egen pseudonyma kod för personen. Aldrig ett personnummer."),
    )

    class Meta:
        model = Participation
        fields = PARTICIPATION_FIELDS
        widgets = PARTICIPATION_WIDGETS

    def __init__(self, *args, insats: Insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.insats = insats
        self.instance.insats = insats
        if self.instance.pk is not None:
            # The code identifies the person; it is not changed from a participation.
            del self.fields["participant_code"]
        else:
            self.order_fields(["participant_code", *PARTICIPATION_FIELDS])
        self.fields["birth_year"].widget.attrs.update({"inputmode": "numeric"})

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("participant_code")
        start = cleaned.get("start_date")
        participant_id = (
            self.instance.participant_id
            if self.instance.pk is not None
            else Participant.objects.filter(code=(code or "").strip())
            .values_list("pk", flat=True)
            .first()
        )
        if participant_id and start:
            clash = Participation.objects.filter(
                participant_id=participant_id, insats=self.insats, start_date=start
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "start_date",
                    _("Deltagaren har redan ett deltagande i insatsen med samma startdatum."),
                )
        return cleaned


class EndParticipationForm(ParticipationFieldsMixin, VersionedForm, forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["end_date", "end_reason", "follow_up_12m"]
        widgets = {"end_date": DateInput()}
        help_texts = {"end_reason": _("Lämna tomt om ingen avslutsorsak registreras.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True


class StructuralCountForm(forms.ModelForm):
    """Participants of a strukturinriktad insats in one year (saving a year again replaces it)."""

    class Meta:
        model = StructuralParticipantCount
        fields = ["year", "women", "men", "not_stated"]

    def validate_unique(self) -> None:
        # One row per insats and year: the service updates the year's row if it exists.
        pass


class ActivityForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "method", "label", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, participation: Participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation
        self.instance.participation = participation
        self.instance.forbund_id = participation.forbund_id

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum ligger före startdatum."))
        participation = self.participation
        if start and start < participation.start_date:
            self.add_error("start_date", _("Aktiviteten kan inte börja före deltagandet."))
        if start and participation.end_date and start > participation.end_date:
            self.add_error(
                "start_date", _("Aktiviteten kan inte börja efter att deltagandet slutat.")
            )
        return cleaned


GAP_CHOICES = [("", _("Alla")), *((kind.key, kind.label) for kind in GAP_KINDS)]

STATUS_CHOICES = [
    ("", _("Alla")),
    ("pagaende", _("Pågående")),
    ("avslutad", _("Avslutade")),
]


class ParticipationFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök deltagar-id"), required=False, max_length=PARTICIPANT_CODE_MAX)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    year = forms.IntegerField(label=_("Aktiv under år"), required=False, validators=YEAR_VALIDATORS)
    # The start page's work list links here (participants.services.gaps).
    saknas = forms.ChoiceField(label=_("Att åtgärda"), choices=GAP_CHOICES, required=False)


class UploadForm(TabularUploadForm):
    file_label = _("Deltagarfil")


class ExportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Deltaganden aktiva under år"),
        required=False,
        validators=YEAR_VALIDATORS,
        help_text=_("Lämna tomt för alla år."),
    )
    format = forms.ChoiceField(
        label=_("Filformat"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (semikolon, UTF-8)"))],
        initial="xlsx",
    )
