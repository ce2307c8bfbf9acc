from __future__ import annotations

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import Form, ModelForm
from core.uploads import LimitedFileField
from core.versioning import VersionedForm

from .models import (
    AccountLineOverride,
    BalanceAdjustment,
    EconomySettings,
    EquityGuidelineStep,
    StaffYear,
)


class SieUploadForm(Form):
    file = LimitedFileField(
        label=_("SIE-fil"),
        help_text=_(
            "Exporten från bokföringsprogrammet (SIE typ 1–4, 4E eller 4I). Du får se vad "
            "filen innehåller innan något sparas."
        ),
        limit="SIE_MAX_BYTES",
    )


class AccountLineOverrideForm(ModelForm):
    class Meta:
        model = AccountLineOverride
        fields = ["account", "line", "note"]

    def clean_account(self):
        account = self.cleaned_data["account"].strip()
        others = AccountLineOverride.objects.filter(
            forbund=self.instance.forbund, account=account
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Konto %(account)s har redan en egen mappning; ändra den i listan.")
                % {"account": account}
            )
        return account


class EconomySettingsForm(VersionedForm, ModelForm):
    class Meta:
        model = EconomySettings
        fields = [
            "object_dimension",
            "admin_object_codes",
            "structural_object_codes",
            "individual_object_codes",
            "untagged_costs_are_admin",
            "contribution_accounts",
            "admin_share_max_percent",
            "admin_share_max_fraction",
            "admin_share_basis",
            "individual_share_min_percent",
            "structural_share_max_percent",
            "split_basis",
            "balance_requirement_min",
            "deficit_restoration_years",
            "solidity_min_percent",
        ]


class BaseEquityStepFormSet(BaseModelFormSet):
    """The steps together: the recommendation may never fall as the contributions rise."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        from .services.equity_guideline import Step, falling_steps

        steps = [
            Step(
                form.cleaned_data["contributions_from"],
                form.cleaned_data["base_amount"],
                form.cleaned_data["marginal_percent"],
            )
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("contributions_from") is not None
            and form.cleaned_data.get("base_amount") is not None
            and form.cleaned_data.get("marginal_percent") is not None
        ]
        problems = falling_steps(steps)
        if problems:
            raise forms.ValidationError(problems)


EquityStepFormSet: type[
    BaseModelFormSet[EquityGuidelineStep, forms.ModelForm[EquityGuidelineStep]]
] = modelformset_factory(
    EquityGuidelineStep,
    form=ModelForm,
    formset=BaseEquityStepFormSet,
    fields=["contributions_from", "base_amount", "marginal_percent"],
    extra=1,
    can_delete=True,
)


class StaffYearForm(VersionedForm, ModelForm):
    class Meta:
        model = StaffYear
        fields = ["year", "administration", "structural", "individual", "total_entered"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = StaffYear.objects.filter(forbund=self.instance.forbund, year=year).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise forms.ValidationError(
                _("År %(year)s finns redan; ändra det i listan.") % {"year": year}
            )
        return year


class BalanceAdjustmentForm(ModelForm):
    class Meta:
        model = BalanceAdjustment
        fields = ["year", "kind", "amount", "description"]
