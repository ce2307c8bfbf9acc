"""The organisations app's public interface: views, commands and other apps import from here.

Förbund, members and people (people.py): create_forbund, save_member, add_person, change_role,
remove_person, ServiceError. Two-factor authentication (twofactor.py): who must use it and
their TOTP device.
"""

from .people import (
    ServiceError,
    add_person,
    change_role,
    create_forbund,
    remove_person,
    save_member,
)
from .twofactor import confirmed_device, pending_device, requires_two_factor

__all__ = [
    "ServiceError",
    "add_person",
    "change_role",
    "confirmed_device",
    "create_forbund",
    "pending_device",
    "remove_person",
    "requires_two_factor",
    "save_member",
]
