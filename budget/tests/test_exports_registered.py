"""Every file the system exports is in the export registry (core.tabular.exporters)."""

import pytest

# Importing a module registers its exporters (as the views' imports do in the running site).
from budget.services import transfer  # noqa: F401
from core.tabular.exporters import Exporter, get_exporter, register, registered
from economy.services import national_export  # noqa: F401
from participants.services import participant_export  # noqa: F401


def test_every_export_of_the_system_is_registered():
    names = [exporter.name for exporter in registered()]
    assert {"budget", "deltagare", "uppfoljning_finsam"} <= set(names)
    assert get_exporter("budget").formats == ("xlsx",)
    with pytest.raises(ValueError):
        register(type("Again", (Exporter,), {"name": "budget", "title": "x"}))
