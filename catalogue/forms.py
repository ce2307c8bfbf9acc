from django import forms
from django.utils.text import slugify
from django_scopes import scopes_disabled

from core.forms import ModelForm
from organisations.models import Member
from participants.models import Insats

from .models import CatalogueEntry

# Building a ModelForm class makes querysets of its relation fields (tenant-scoped): outside a
# scope here, scoped in __init__.
with scopes_disabled():

    class EntryForm(ModelForm):
        class Meta:
            model = CatalogueEntry
            fields = [
                "name",
                "slug",
                "kind",
                "organiser",
                "insats",
                "target_group",
                "target_description",
                "age_min",
                "age_max",
                "municipalities",
                "offers",
                "access",
                "contact",
                "languages",
                "starts_on",
                "ends_on",
            ]
            widgets = {
                "starts_on": forms.DateInput(attrs={"type": "date"}),
                "ends_on": forms.DateInput(attrs={"type": "date"}),
                "municipalities": forms.Textarea(attrs={"rows": 3}),
                "target_description": forms.Textarea(attrs={"rows": 3}),
                "contact": forms.Textarea(attrs={"rows": 3}),
            }

        def __init__(self, *args, forbund, **kwargs):
            super().__init__(*args, **kwargs)
            self.forbund = forbund
            self.instance.forbund = forbund
            self.fields["organiser"].queryset = Member.objects.filter(forbund=forbund)
            self.fields["insats"].queryset = Insats.objects.all()
            self.fields["slug"].required = False

        def clean_slug(self):
            return self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:80]
