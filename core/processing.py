"""The data categories behind the register of processing (GDPR art. 30).

Each app describes the personal data it holds, next to its models, in `<app>/data_categories.py`
as a tuple of `DataCategory`, and names it on its AppConfig (`data_categories`), as it names its
navigation. participants.services.processing_register collects them for the förbund's register
(page and DOCX); nothing else decides what the register says.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

# Categories whose retention is the förbund's own rule for participant data
# (participants.services.processing_register.retention_description).
PARTICIPANT_RETENTION = "deltagarregel"


@dataclass(frozen=True)
class DataCategory:
    key: str
    name: str  # what the register calls it
    subjects: str  # whose data (de registrerade)
    data: tuple[str, ...]  # which personal data
    purpose: str  # ändamål
    legal_basis: str  # rättslig grund (art. 6 and the national law behind it)
    sensitive: str  # art. 9 basis, or "" when no sensitive data
    recipients: tuple[str, ...]  # who gets the data or what is made of them
    retention: str  # how long, or PARTICIPANT_RETENTION
    where: str  # where in Samordna (for the DPO and the auditors)


def all_categories() -> list[DataCategory]:
    """Every installed app's categories, in settings order."""
    found: list[DataCategory] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "data_categories", None)
        if callable(provider):
            found.extend(provider())
    return found
