"""Security notices to the person themself: a changed password or removed two-factor is
mailed to the account's address, so a takeover does not go unnoticed."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

NOTICES = {
    "password_changed": "Ditt lösenord i Samordna har ändrats",
    "two_factor_removed": "Tvåstegsverifieringen i Samordna har kopplats bort",
}


def notify(user, notice: str) -> bool:
    """Mails the notice if the account has an address; a failure to send is logged, not raised
    (the change itself is done and must not look failed)."""
    if not user.email:
        return False
    body = render_to_string(f"organisations/email/{notice}.txt", {"user": user})
    try:
        send_mail(NOTICES[notice], body, None, [user.email])
    except (smtplib.SMTPException, OSError):
        logger.warning("Could not send the %s notice to user %s", notice, user.pk)
        return False
    return True
