"""Forms of the participant pages. The rules are those of the import (participants/rules.py)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from core.forms import Form, ModelForm, WarningsForm
from core.uploads import TabularUploadForm
from core.versioning import VersionedForm
from core.years import YEAR_VALIDATORS
from organisations.choices import Role
from organisations.models import Member, User

from .models import Activity, Insats, Participant, Participation, StructuralParticipantCount
from .rules import (
    DATA_FIELDS,
    MUNICIPALITY_MAX,
    PARTICIPANT_CODE_MAX,
    participation_problems,
)
from .services.consent import follow_up_refusal
from .services.gaps import GAP_KINDS
from .services.least_data import health_warning, off_fields
from .services.participant_template import (
    member_municipality_names,
    suggest_participant_code,
)
from .validators import validate_not_personnummer

FREE_TEXT_WARNING = _(
    "Skriv aldrig diagnoser, behandlingar eller andra hälsouppgifter här, bara vad som görs."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# Building a ModelForm class makes querysets of its relation fields; Member is tenant-scoped,
# so the class is built outside a scope and __init__ sets the scoped queryset.
with scopes_disabled():

    class InsatsForm(VersionedForm, ModelForm):
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


class LeastDataMixin:
    """Hides the optional fields the förbund does not collect and refuses a 12-month
    follow-up without the consent the förbund asks for (services/least_data, consent)."""

    def apply_least_data(self, forbund):
        self.privacy_forbund = forbund
        for name in off_fields(forbund):
            self.fields.pop(name, None)

    def check_follow_up(self, cleaned, participant):
        follow_up = cleaned.get("follow_up_12m") or ""
        if "follow_up_12m" not in self.fields or not follow_up:
            return
        # The instance still holds the stored value here (the form sets it after clean).
        if self.instance.pk is not None and self.instance.follow_up_12m == follow_up:
            return
        refusal = follow_up_refusal(self.privacy_forbund, participant, follow_up)
        if refusal:
            self.add_error("follow_up_12m", refusal)


PARTICIPATION_FIELDS = ["start_date", *DATA_FIELDS]
PARTICIPATION_WIDGETS = {"start_date": DateInput(), "end_date": DateInput()}


OTHER_MUNICIPALITY = "__annan__"


class ParticipationForm(
    LeastDataMixin, ParticipationFieldsMixin, WarningsForm, VersionedForm, ModelForm
):
    """Register (with participant code) or edit a participation in a given insats.

    The municipality is chosen among the member municipalities, or written in as another one
    (people from other municipalities do take part); another municipality, and a start or end
    date after today, are saved only when the user confirms them (core.forms.WarningsForm)."""

    municipality_other = forms.CharField(
        label=_("Annan kommun"),
        required=False,
        max_length=MUNICIPALITY_MAX,
        help_text=_("Bara om kommunen ovan är ”Annan kommun”."),
    )

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
        elif not self.is_bound:
            # A new person: a suggested pseudonymous code and today as the start.
            self.initial.setdefault("participant_code", suggest_participant_code(insats))
            self.initial.setdefault("start_date", timezone.localdate())
            self.fields["participant_code"].help_text = _(
                "Förslaget är nästa lediga kod i insatsen. Finns personen redan, skriv hens "
                "kod. Aldrig ett personnummer."
            )
        self._municipality_choice()
        self.order_fields(
            [
                "participant_code",
                *PARTICIPATION_FIELDS[: PARTICIPATION_FIELDS.index("municipality") + 1],
                "municipality_other",
            ]
        )
        # Fields the förbund does not collect go last, municipality with its "other" field.
        self.apply_least_data(insats.forbund)
        if "municipality" not in self.fields:
            self.fields.pop("municipality_other", None)
        if "birth_year" in self.fields:
            self.fields["birth_year"].widget.attrs.update({"inputmode": "numeric"})

    def _municipality_choice(self) -> None:
        members = member_municipality_names()
        stored = self.instance.municipality if self.instance.pk is not None else ""
        known = {name.casefold(): name for name in members}
        # A text field shown as a choice: a name sent without the choice (a script, an older
        # page) is read as another municipality, and warned about like one.
        self.fields["municipality"] = forms.CharField(
            label=_("Kommun"),
            required=False,
            max_length=MUNICIPALITY_MAX,
            widget=forms.Select(
                choices=[
                    ("", _("Inget valt")),
                    (_("Medlemskommuner"), [(name, name) for name in members]),
                    (OTHER_MUNICIPALITY, _("Annan kommun …")),
                ]
            ),
            help_text=_("Kommunen där personen bor."),
        )
        if stored and stored.casefold() in known:
            self.initial["municipality"] = known[stored.casefold()]
        elif stored:
            self.initial["municipality"] = OTHER_MUNICIPALITY
            self.initial["municipality_other"] = stored
        self.member_municipalities = known

    def _clean_municipality(self, cleaned) -> None:
        choice = cleaned.get("municipality") or ""
        other = cleaned.get("municipality_other") or ""
        if choice and choice != OTHER_MUNICIPALITY:
            cleaned["municipality"] = self.member_municipalities.get(choice.casefold(), choice)
        if choice == OTHER_MUNICIPALITY:
            if not other:
                self.add_error("municipality_other", _("Skriv vilken kommun."))
            cleaned["municipality"] = self.member_municipalities.get(other.casefold(), other)
        elif other and "municipality" not in self.errors:
            self.add_error(
                "municipality_other",
                _("Välj ”Annan kommun” ovan, eller lämna fältet tomt."),
            )

    def warnings(self, cleaned_data):
        found = []
        municipality = cleaned_data.get("municipality") or ""
        if municipality and municipality.casefold() not in self.member_municipalities:
            found.append(
                (
                    "municipality_other",
                    _(
                        "%(name)s är inte medlem i förbundet. Deltagare från andra kommuner "
                        "förekommer, men kontrollera att kommunen är rätt."
                    )
                    % {"name": municipality},
                )
            )
        for name in ("start_date", "end_date"):
            warning = future_date_warning(name, cleaned_data.get(name))
            if warning:
                found.append(warning)
        return found

    def clean(self):
        cleaned = super().clean()
        self._clean_municipality(cleaned)
        code = cleaned.get("participant_code")
        start = cleaned.get("start_date")
        participant = (
            self.instance.participant
            if self.instance.pk is not None
            else Participant.objects.filter(code=(code or "").strip()).first()
        )
        participant_id = participant.pk if participant is not None else None
        self.check_follow_up(cleaned, participant)
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


def future_date_warning(field: str, value) -> tuple[str, str] | None:
    """A start or end date after today is confirmed, not silently saved (WarningsForm)."""
    if not value or value <= timezone.localdate():
        return None
    if field == "start_date":
        text = _(
            "Startdatumet %(date)s ligger i framtiden. Deltagandet räknas som pågående "
            "först från det datumet."
        )
    else:
        text = _("Slutdatumet %(date)s ligger i framtiden.")
    return field, text % {"date": value.isoformat()}


class EndParticipationForm(
    LeastDataMixin, ParticipationFieldsMixin, WarningsForm, VersionedForm, ModelForm
):
    class Meta:
        model = Participation
        fields = ["end_date", "end_reason", "follow_up_12m"]
        widgets = {"end_date": DateInput()}
        help_texts = {"end_reason": _("Lämna tomt om ingen avslutsorsak registreras.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        self.apply_least_data(self.instance.forbund)

    def clean(self):
        cleaned = super().clean()
        self.check_follow_up(cleaned, self.instance.participant)
        return cleaned

    def warnings(self, cleaned_data):
        warning = future_date_warning("end_date", cleaned_data.get("end_date"))
        return [warning] if warning else []


class StructuralCountForm(ModelForm):
    """Participants of a strukturinriktad insats in one year (saving a year again replaces it)."""

    class Meta:
        model = StructuralParticipantCount
        fields = ["year", "women", "men", "not_stated"]

    def validate_unique(self) -> None:
        # One row per insats and year: the service updates the year's row if it exists.
        pass


class ActivityForm(VersionedForm, ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "method", "label", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, participation: Participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation
        self.instance.participation = participation
        self.instance.forbund_id = participation.forbund_id
        self.fields["label"].help_text = _(
            "Till exempel kursens namn eller arbetsträningsplatsen. %(warning)s"
        ) % {"warning": FREE_TEXT_WARNING}

    def clean_label(self) -> str:
        label = self.cleaned_data.get("label", "")
        warning = health_warning(label)
        if warning:
            raise forms.ValidationError(warning)
        return label

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


class ParticipationFilterForm(Form):
    q = forms.CharField(label=_("Sök deltagar-id"), required=False, max_length=PARTICIPANT_CODE_MAX)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    year = forms.IntegerField(label=_("Aktiv under år"), required=False, validators=YEAR_VALIDATORS)
    # The start page's work list links here (participants.services.gaps).
    saknas = forms.ChoiceField(label=_("Att åtgärda"), choices=GAP_CHOICES, required=False)


class UploadForm(TabularUploadForm):
    file_label = _("Deltagarfil")


class ExportForm(Form):
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
