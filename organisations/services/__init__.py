"""The organisations app's public interface: views, commands and other apps import from here.

Förbund, members and people (people.py): create_forbund, save_member, change_role,
remove_person, ServiceError. Invitations (invitations.py): the only way a person gets a role.
Two-factor authentication (twofactor.py): who must use it, their TOTP device and recovery codes.
Security notices to the person (notices.py): a changed password, removed two-factor.
"""

from . import invitations, notices
from .people import (
    ServiceError,
    change_role,
    create_forbund,
    remove_person,
    save_member,
)
from .twofactor import (
    confirmed_device,
    new_recovery_codes,
    pending_device,
    recovery_codes_left,
    requires_two_factor,
    role_requires_two_factor,
    throttled,
    verify,
)

__all__ = [
    "ServiceError",
    "change_role",
    "confirmed_device",
    "create_forbund",
    "invitations",
    "new_recovery_codes",
    "notices",
    "pending_device",
    "recovery_codes_left",
    "remove_person",
    "requires_two_factor",
    "role_requires_two_factor",
    "save_member",
    "throttled",
    "verify",
]
