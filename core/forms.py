"""The project's form base classes: forms a Swede fills in without thinking.

    from core.forms import Form, ModelForm

    class BudgetLineForm(VersionedForm, ModelForm): ...

Every form of the project derives from these (core/tests/test_forms.py checks it). After a form
is built, whatever its own __init__ did to its fields, `polish_form` makes two things right in
one place:

- An empty choice is never Django's "---------": a required select says "Välj insats" (its own
  label), an optional one "Inget valt". A label the form chose itself ("Hela förbundet") stays.
- A decimal input takes and shows a decimal comma: "1 234,50", "1234,5" and "1234.50" are all
  read, spaces between thousands allowed; a stored 1234.50 is shown as "1 234,50", a whole
  number without decimals ("55"). The input is a text field with the decimal keyboard on a
  phone (a browser's number field would refuse the comma and the spaces).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DJANGO_EMPTY_LABEL = "---------"

EMPTY_OPTIONAL = _("Inget valt")
EMPTY_REQUIRED = _("Välj …")

# Spaces people and programs put between thousands: space, no-break space, narrow no-break space.
_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
# Attributes of a number input that mean nothing on a text input.
_NUMBER_ONLY_ATTRS = ("step", "min", "max")


def empty_label(field: forms.Field) -> Any:
    """What an empty choice says: "Välj kommun" when a choice is required, "Inget valt" when not."""
    if not field.required:
        return EMPTY_OPTIONAL
    label = field.label
    if label:
        text = str(label)
        return format_lazy("{} {}", _("Välj"), text[:1].lower() + text[1:])
    return EMPTY_REQUIRED


def _is_django_empty(label: Any) -> bool:
    return (
        label is not None
        and not isinstance(label, list | tuple)
        and str(label) == (DJANGO_EMPTY_LABEL)
    )


def normalize_decimal_text(text: str) -> str:
    """Swedish or international writing of a decimal, as Python's Decimal reads it:
    "1 234,50" → "1234.50", "−12,5" → "-12.5", "1234.50" stays. A text with both a comma and a
    point is left as it is (ambiguous: "1.234,50"), so that it is refused as not a number."""
    value = text.strip()
    for space in _SPACES:
        value = value.replace(space, "")
    value = value.replace("\u2212", "-")  # the minus sign our pages show
    if "," in value and "." in value:
        return value
    return value.replace(",", ".")


def format_decimal_input(value: Decimal | int | float) -> str:
    """A stored decimal as it is shown in an input: "1 234,50"; a whole number "1 750 000"."""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    sign = "-" if number < 0 else ""
    integer, _dot, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    grouped = " ".join(groups)
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


class SwedishDecimalField(forms.DecimalField):
    """A DecimalField that reads and shows the decimal comma (see the module's docstring)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = normalize_decimal_text(value)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_decimal_input(value)
        return value

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not isinstance(widget, forms.NumberInput):
            for name in _NUMBER_ONLY_ATTRS:
                attrs.pop(name, None)
            attrs["inputmode"] = "decimal"
        return attrs


def _decimal_widget(widget: forms.Widget) -> forms.Widget:
    attrs = {key: value for key, value in widget.attrs.items() if key not in _NUMBER_ONLY_ATTRS}
    attrs["inputmode"] = "decimal"
    attrs.setdefault("autocomplete", "off")
    text = forms.TextInput(attrs=attrs)
    text.is_required = widget.is_required
    return text


def polish_field(field: forms.Field) -> None:
    """Make one field right (see the module's docstring); done once, after the form is built."""
    if isinstance(field, forms.ModelChoiceField) and not isinstance(
        field, forms.ModelMultipleChoiceField
    ):
        if _is_django_empty(field.empty_label):
            field.empty_label = empty_label(field)
            field.widget.choices = field.choices  # type: ignore[attr-defined]
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices: list[Any] = list(cast(Iterable[Any], field.choices))
        if any(value == "" and _is_django_empty(label) for value, label in choices):
            label = empty_label(field)
            field.choices = [
                (value, label if value == "" and _is_django_empty(text) else text)
                for value, text in choices
            ]
    elif type(field) is forms.DecimalField:
        field.__class__ = SwedishDecimalField
        if isinstance(field.widget, forms.NumberInput):
            field.widget = _decimal_widget(field.widget)


def polish_form(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        polish_field(field)


class _PolishedAfterInit(type):
    """Polishes a form when its whole __init__ (every class's) has run."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        form = super().__call__(*args, **kwargs)
        polish_form(form)
        return form


class _FormMetaclass(_PolishedAfterInit, DeclarativeFieldsMetaclass):
    pass


class _ModelFormMetaclass(_FormMetaclass, ModelFormMetaclass):
    pass


class Form(forms.Form, metaclass=_FormMetaclass):
    """Base of every plain form of the project."""


class ModelForm(forms.ModelForm, metaclass=_ModelFormMetaclass):  # type: ignore[type-arg]
    """Base of every model form of the project."""


class WarningsForm(Form):
    """A form whose data can be right although unusual (a start date in the future, a
    municipality that is not a member): `warnings(cleaned_data)` names what to check, as
    (field, Swedish text). The first time such data is sent the form is refused with the
    warnings at their fields and a box "Uppgifterna stämmer"; ticked, the same data is saved.
    Nothing unusual is saved silently, and nothing possible is refused outright."""

    bekrafta = forms.BooleanField(
        label=_("Uppgifterna stämmer, spara ändå"), required=False, widget=forms.HiddenInput
    )

    def warnings(self, cleaned_data: dict[str, Any]) -> list[tuple[str | None, str]]:
        return []

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self.errors:
            return
        found = self.warnings(self.cleaned_data)
        self.shown_warnings = [text for _field, text in found]
        if not found:
            return
        self.fields["bekrafta"].widget = forms.CheckboxInput()
        if self.cleaned_data.get("bekrafta"):
            return
        for name, text in found:
            self.add_error(name if name in self.fields else None, text)
        self.add_error(
            "bekrafta",
            _("Kontrollera uppgifterna ovan. Kryssa i rutan om de stämmer och spara igen."),
        )
