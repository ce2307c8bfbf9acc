import pytest

from budget.models import AllocationRound


@pytest.fixture
def no_allocation_rounds(db):
    """An installation without allocation inputs: the state's data is installation-wide and the
    session's demo förbund brings rounds for 2023–2025, so they go inside the test's
    transaction (rolled back after it)."""
    AllocationRound.objects.all().delete()
