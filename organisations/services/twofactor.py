"""Two-factor authentication with TOTP (django-otp): who needs it, setup, verification and the
single-use recovery codes (django-otp's static device)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

RECOVERY_DEVICE_NAME = "Reservkoder"


def role_requires_two_factor(role: str) -> bool:
    return settings.SAMORDNA_REQUIRE_2FA and role in settings.SAMORDNA_2FA_ROLES


def requires_two_factor(user) -> bool:
    """Kansli, ekonom and insatsansvarig (configurable) must use two-factor; so must anyone who
    set it up."""
    if confirmed_device(user) is not None:
        return True
    if user.is_superuser:
        return True
    with scopes_disabled():
        return user.memberships.filter(role__in=settings.SAMORDNA_2FA_ROLES).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up, created on first call."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Samordna", confirmed=False)
    return device


def normalise_token(raw: str) -> str:
    """What the person typed, without spaces and dashes (codes are shown grouped)."""
    return "".join(raw.split()).replace("-", "").replace("–", "").lower()


def verify(user, raw_token: str):
    """The device the code belongs to (TOTP for six digits, else a recovery code), or None.

    A recovery code is deleted when it is used. Both kinds are throttled by django-otp after
    failures.
    """
    token = normalise_token(raw_token)
    # Codes are ASCII letters and digits; anything else (a NUL byte, which PostgreSQL refuses in
    # a query) cannot match.
    if not token or len(token) > 16 or not (token.isascii() and token.isalnum()):
        return None
    if token.isdigit() and len(token) == 6:
        device = confirmed_device(user)
        if device is not None and device.verify_token(token):
            return device
        return None
    for device in StaticDevice.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


def throttled(user) -> bool:
    """Whether django-otp makes the person wait after wrong codes (the wait doubles each time)."""
    devices = [
        *TOTPDevice.objects.devices_for_user(user, confirmed=True),
        *StaticDevice.objects.devices_for_user(user, confirmed=True),
    ]
    return any(not device.verify_is_allowed()[0] for device in devices)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replaces the user's recovery codes with fresh ones; returns them (shown only once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.SAMORDNA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]
