"""Forms a Swede fills in without thinking (core.forms): no "---------", the decimal comma.

Every form class of the project derives from core.forms, and every page that answers a GET
(each persona, every URL of the test world) is free of Django's "---------".
"""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from core import forms as core_forms
from core.forms import (
    DJANGO_EMPTY_LABEL,
    Form,
    ModelForm,
    format_decimal_input,
    normalize_decimal_text,
)
from core.tests.test_url_access import ROUTES, _access, _expected
from samples.testing import URL_KWARGS

PROJECT_APPS = (
    "api",
    "budget",
    "catalogue",
    "core",
    "economy",
    "organisations",
    "participants",
    "reports",
    "samples",
    "surveys",
)
# Django's account forms, only subclassed to tighten a rule; they have no choice or decimal.
DJANGO_ACCOUNT_FORMS = (
    auth_forms.AuthenticationForm,
    auth_forms.BaseUserCreationForm,
    auth_forms.PasswordResetForm,
)


def _import_project_modules() -> None:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".tests" in info.name or ".migrations" in info.name or "management" in info.name:
                continue
            importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    subs: list[type] = cls.__subclasses__()
    for sub in subs:
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_form_of_the_project_derives_from_core_forms():
    _import_project_modules()
    ours = [
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in PROJECT_APPS and ".tests" not in cls.__module__
    ]
    assert len(ours) > 30  # the walk found the project's forms
    stray = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in ours
        if not issubclass(cls, (Form, ModelForm, *DJANGO_ACCOUNT_FORMS))
        and cls.__module__ != "core.forms"
    )
    assert stray == [], f"Forms not built on core.forms.Form/ModelForm: {stray}"


# --- Empty choices ----------------------------------------------------------------------------


class _Choices(Form):
    kind = forms.ChoiceField(label="Kommun", choices=[("", DJANGO_EMPTY_LABEL), ("a", "Alfa")])
    optional = forms.TypedChoiceField(
        label="Avslutsorsak", required=False, choices=[("", DJANGO_EMPTY_LABEL), ("b", "Beta")]
    )
    chosen = forms.ChoiceField(label="Urval", choices=[("", "Hela förbundet"), ("c", "Gamma")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A field added after the form's own __init__ is polished too.
        self.fields["late"] = forms.ChoiceField(
            label="Insats", choices=[("", DJANGO_EMPTY_LABEL), ("d", "Delta")]
        )


def test_empty_choices_say_what_to_choose_and_a_forms_own_label_stays():
    html = _Choices().as_p()
    assert DJANGO_EMPTY_LABEL not in html
    assert '<option value="" selected>Välj kommun</option>' in html
    assert '<option value="" selected>Inget valt</option>' in html
    assert '<option value="" selected>Hela förbundet</option>' in html
    assert '<option value="" selected>Välj insats</option>' in html


def test_a_model_choice_keeps_its_empty_value_and_says_valj(world):
    from organisations.models import Membership

    class MembershipForm(ModelForm):
        class Meta:
            model = Membership
            fields = ["role"]

    html = MembershipForm().as_p()
    assert DJANGO_EMPTY_LABEL not in html and "Välj roll" in html
    assert not MembershipForm(data={"role": ""}).is_valid()


# --- The decimal comma ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1234,5", "1234.5"),
        (" 55 ", "55"),
        ("\u221212,5", "-12.5"),
        ("1.234,50", "1.234,50"),  # ambiguous: left for the field to refuse
    ],
)
def test_decimal_text_is_read_the_swedish_and_the_international_way(typed, read):
    assert normalize_decimal_text(typed) == read


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.50"), "1 234,50"),
        (Decimal("1750000.00"), "1 750 000"),
        (Decimal("55.00"), "55"),
        (Decimal("-0.25"), "-0,25"),
        (12, "12"),
    ],
)
def test_a_stored_decimal_is_shown_with_a_comma(value, shown):
    assert format_decimal_input(value) == shown


class _Amount(Form):
    amount = forms.DecimalField(label="Belopp", max_digits=12, decimal_places=2, min_value=0)


def test_a_decimal_field_takes_a_comma_and_thousand_spaces_and_refuses_nonsense():
    form = _Amount(data={"amount": "1 234,50"})
    assert isinstance(form.fields["amount"], core_forms.SwedishDecimalField)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1234.50")
    assert _Amount(data={"amount": "1234.50"}).is_valid()
    assert not _Amount(data={"amount": "1.234,50"}).is_valid()
    assert not _Amount(data={"amount": "-1"}).is_valid()  # the field's own limits still hold


def test_a_decimal_input_is_a_text_input_with_the_decimal_keyboard_showing_a_comma():
    html = str(_Amount(initial={"amount": Decimal("1234.50")})["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="1 234,50"' in html and "step=" not in html
    # What was typed comes back as typed when the form is shown again.
    again = str(_Amount(data={"amount": "12,5x"})["amount"])
    assert 'value="12,5x"' in again


def test_a_model_decimal_field_saves_what_was_typed_with_a_comma(world):
    from participants.forms import InsatsForm

    with scope(forbund=world.a):
        form = InsatsForm(forbund=world.a, instance=world.insats_a1)
        assert form.fields["expected_share_women"].__class__ is core_forms.SwedishDecimalField
        assert 'inputmode="decimal"' in str(form["expected_share_women"])


# --- Every page -------------------------------------------------------------------------------

GET_ROUTES = [route for route in ROUTES if _access(route) is not None]


@pytest.mark.parametrize("persona", ["kansli", "ekonom", "insatsansvarig"])
def test_no_page_shows_djangos_empty_choice(persona, world, clients):
    shown = []
    for route in GET_ROUTES:
        if 200 not in _expected(_access(route), persona):
            continue
        with scopes_disabled():
            url = reverse(route.name, kwargs={kw: URL_KWARGS[kw](world) for kw in route.kwargs})
        response = clients[persona].get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert DJANGO_EMPTY_LABEL not in body, url
        shown.append(url)
    assert len(shown) > 20
