from django import forms
from django.utils.translation import gettext_lazy as _

from core.versioning import VersionedForm

from .choices import Role
from .models import Member, Membership


class DateInput(forms.DateInput):
    input_type = "date"


class MemberForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Member
        fields = ["name", "kind", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}


class AddPersonForm(forms.Form):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Finns användaren redan får hen rollen i förbundet; annars skapas kontot."),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)


class MembershipForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
