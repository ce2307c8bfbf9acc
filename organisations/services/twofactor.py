"""Two-factor authentication with TOTP (django-otp): who needs it, setup and verification."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled


def requires_two_factor(user) -> bool:
    """Kansli and ekonom (configurable) must use two-factor; so must anyone who set it up."""
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
