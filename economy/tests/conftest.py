"""Fixtures of the economy tests: the hand-made SIE file and förbund A with its books.

`handraknat_2023.se` is a förbund's year written by hand: every figure the tests expect is
worked out in test_statements.py's docstring from the file's vouchers and balances.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from economy.services import import_sie
from participants.choices import InterventionKind
from participants.models import Insats

FILES = Path(__file__).resolve().parent / "files"
HANDMADE = FILES / "handraknat_2023.se"


@pytest.fixture
def handmade_path() -> Path:
    return HANDMADE


@pytest.fixture
def forbund(world):
    """Förbund A of the test world, with the insatser the hand-made file books on."""
    with scopes_disabled():
        Insats.objects.create(
            forbund=world.a, code="FT", name="FINSAM-team", kind=InterventionKind.INDIVIDUAL
        )
        Insats.objects.create(
            forbund=world.a,
            code="KOMP",
            name="Kompetensutveckling",
            kind=InterventionKind.STRUCTURAL,
        )
    return world.a


@pytest.fixture
def books(forbund):
    """Förbund A with the hand-made 2023 books imported."""
    return import_sie(forbund, HANDMADE)
