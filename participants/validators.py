"""Validators shared by the models, the forms and the participant import."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 10 or 12 digits, optionally with - or + before the last four (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN…).
PERSONNUMMER_LIKE = re.compile(r"^(\d{6}|\d{8})[-+]?\d{4}$")


def looks_like_personnummer(value: str) -> bool:
    return bool(PERSONNUMMER_LIKE.match(value.strip()))


def validate_not_personnummer(value: str) -> None:
    """Refuse a deltagar_id that looks like a personnummer, so no one stores one by mistake."""
    if looks_like_personnummer(value):
        raise ValidationError(
            _("Deltagar-id får inte vara ett personnummer; använd förbundets egen kod."),
            code="personnummer",
        )


# Page addresses that an insats code would shadow (/insatser/ny/ is the new-insats page).
RESERVED_INSATS_CODES = frozenset({"ny"})


def validate_insats_code(value: str) -> None:
    """An insats code is part of page addresses (/insatser/FT/): no slash, no reserved word."""
    if "/" in value:
        raise ValidationError(_("Insatsens kod får inte innehålla snedstreck (/)."), code="slash")
    if value.strip().lower() in RESERVED_INSATS_CODES:
        raise ValidationError(
            _("Koden ”%(code)s” är reserverad för sidan för nya insatser; välj en annan kod."),
            params={"code": value},
            code="reserved",
        )
