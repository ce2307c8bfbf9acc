"""Forms of the budget pages. Amounts are whole kronor; spaces as thousands separators are fine."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formatting import format_number
from core.forms import Form, ModelForm
from core.uploads import LimitedFileField
from core.versioning import FingerprintForm, VersionedForm
from organisations.models import Member
from participants.models import Insats

from .choices import BudgetCategory, ContributionField, MidYearRule
from .models import Budget, BudgetLine


class KronorField(forms.IntegerField):
    """Whole kronor, not negative; accepts "1 250 000" as typed or pasted from Excel."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        return super().to_python(value)


class BudgetForm(VersionedForm, ModelForm):
    copy_from = forms.TypedChoiceField(
        label=_("Kopiera rader från"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Raderna får det årets belopp efter ändringsbeslut."),
    )

    class Meta:
        model = Budget
        fields = ["year", "adopted_on", "note"]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, existing_years: Sequence[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["copy_from"]
            self.fields["year"].disabled = True
        else:
            cast(forms.ChoiceField, self.fields["copy_from"]).choices = [
                ("", _("Ingen (tom budget)"))
            ] + [(year, year) for year in existing_years]


class BudgetLineForm(VersionedForm, ModelForm):
    # Querysets of scoped models are set per request: at import time no scope is active.
    insats: forms.ModelChoiceField[Insats] = forms.ModelChoiceField(
        label=_("Insats"), queryset=None, required=False
    )
    member: forms.ModelChoiceField[Member] = forms.ModelChoiceField(
        label=_("Medlem"), queryset=None, required=False
    )
    original_amount = KronorField(label=_("Belopp (kr)"))

    class Meta:
        model = BudgetLine
        fields = ["category", "name", "insats", "member", "original_amount", "position"]
        help_texts = {
            "name": _("Kan lämnas tom för en rad som gäller en insats eller medlem."),
            "position": _("Rader visas i stigande ordning inom området."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["insats"].queryset = Insats.objects.all()
        self.fields["member"].queryset = Member.objects.all()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or cleaned.get("insats") or cleaned.get("member")):
            self.add_error("name", _("Ange en benämning, en insats eller en medlem."))
        return cleaned


class RevisionForm(Form):
    """An ändringsbeslut: a new amount per line (empty = unchanged) and maybe one new line."""

    decided_on = forms.DateField(
        label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reference = forms.CharField(
        label=_("Beslut"),
        required=False,
        max_length=200,
        help_text=_("Till exempel ”Styrelsen 2023-09-20 § 12”."),
    )
    note = forms.CharField(label=_("Motivering"), widget=forms.Textarea)
    new_category = forms.ChoiceField(
        label=_("Ny rad: område"),
        required=False,
        choices=[("", "–"), *BudgetCategory.choices],
    )
    new_name = forms.CharField(label=_("Ny rad: benämning"), required=False, max_length=200)
    new_insats: forms.ModelChoiceField[Insats] = forms.ModelChoiceField(
        label=_("Ny rad: insats"), required=False, queryset=None
    )
    new_amount = KronorField(label=_("Ny rad: belopp (kr)"), required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_insats"].queryset = Insats.objects.all()
        self.line_fields = []
        for line in lines:
            name = f"line_{line.line_id}"
            self.fields[name] = KronorField(
                label=line.name,
                required=False,
                help_text=_("Nu %(amount)s kr. Lämna tomt om raden inte ändras.")
                % {"amount": format_number(line.amount)},
            )
            self.line_fields.append((line, name))

    def clean(self):
        cleaned = super().clean()
        new = [cleaned.get(f) for f in ("new_category", "new_amount")]
        wants_new = any(
            value not in (None, "")
            for value in (*new, cleaned.get("new_name"), cleaned.get("new_insats"))
        )
        if wants_new:
            if not cleaned.get("new_category"):
                self.add_error("new_category", _("Välj område för den nya raden."))
            if cleaned.get("new_amount") is None:
                self.add_error("new_amount", _("Ange belopp för den nya raden."))
            if not (cleaned.get("new_name") or cleaned.get("new_insats")):
                self.add_error("new_name", _("Ange benämning eller insats för den nya raden."))
        self.wants_new_line = wants_new
        return cleaned

    def changed_amounts(self) -> dict[int, int]:
        return {
            line.line_id: self.cleaned_data[name]
            for line, name in self.line_fields
            if self.cleaned_data.get(name) is not None
        }


class BudgetImportForm(Form):
    file = LimitedFileField(
        label=_("Fil (.xlsx eller .csv)"),
        help_text=_("Kolumner: Område, Benämning, Insats, Medlem, Belopp (kr)."),
    )


class CalculatorForm(Form):
    total = KronorField(
        label=_("Total budget från medlemmarna (kr)"), help_text=_("Till exempel 6 000 000.")
    )
    target = forms.ChoiceField(
        label=_("Fyll i"), choices=ContributionField.choices, initial=ContributionField.REQUESTED
    )
    mid_year_rule = forms.ChoiceField(
        label=_("Medlem som går med eller lämnar under året"),
        choices=MidYearRule.choices,
        initial=MidYearRule.FIXED_TOTAL,
        required=False,  # empty: the stored decision (or the default)
        widget=forms.RadioSelect,
        help_text=_(
            "Förbundets beslut för året. Det sparas tillsammans med fördelningen och gäller "
            "bara när någon medlem är med en del av året."
        ),
    )


class ContributionAmountsForm(FingerprintForm):
    """Äskning, tilldelning and inbetalt per member of the year."""

    FIELDS = (
        ("requested", _("Äskning")),
        ("decided", _("Tilldelning")),
        ("paid", _("Inbetalt")),
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member_rows = []
        for row in rows:
            names = []
            for field, label in self.FIELDS:
                name = f"{field}_{row.member.pk}"
                self.fields[name] = KronorField(
                    label=f"{label} {row.member.name}", required=False, initial=getattr(row, field)
                )
                names.append(self[name])
            self.member_rows.append((row.member, names))

    def amounts(self) -> dict[Member, dict[str, int | None]]:
        return {
            member: {
                field: self.cleaned_data.get(f"{field}_{member.pk}") for field, _l in self.FIELDS
            }
            for member, _fields in self.member_rows
        }


class KeyForm(FingerprintForm):
    """Population and (optionally) the förbund's own weight per municipality for a year."""

    def __init__(self, *args, municipalities=(), populations=None, weights=None, **kwargs):
        super().__init__(*args, **kwargs)
        populations, weights = populations or {}, weights or {}
        self.municipality_rows = []
        for member in municipalities:
            population = f"population_{member.pk}"
            weight = f"weight_{member.pk}"
            self.fields[population] = KronorField(
                label=_("Befolkning %(name)s") % {"name": member.name},
                required=False,
                initial=populations.get(member.pk),
            )
            self.fields[weight] = forms.DecimalField(
                label=_("Egen andel %(name)s") % {"name": member.name},
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=4,
                initial=weights.get(member.pk),
                localize=True,
            )
            self.municipality_rows.append((member, self[population], self[weight]))

    def clean(self):
        cleaned = super().clean()
        given = [m for m, _p, w in self.municipality_rows if cleaned.get(w.name) is not None]
        if given and len(given) != len(self.municipality_rows):
            raise forms.ValidationError(
                _("Ange egen andel för alla kommuner eller för ingen (då gäller befolkningen).")
            )
        for _member, _p, weight in self.municipality_rows:
            if cleaned.get(weight.name) == 0:
                self.add_error(weight.name, _("Andelen måste vara större än noll."))
        return cleaned

    def populations(self) -> dict[Member, int | None]:
        return {m: self.cleaned_data.get(p.name) for m, p, _w in self.municipality_rows}

    def weights(self) -> dict[Member, Decimal | None]:
        return {m: self.cleaned_data.get(w.name) for m, _p, w in self.municipality_rows}
