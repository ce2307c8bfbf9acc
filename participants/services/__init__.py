"""The participants app's public interface: views, commands and other apps import from here.

Insatser, participations, activities (participations.py)
    save_insats, register_participation, update_participation, end_participation,
    save_activity, delete_activity, activities_started
Files
    import_participants(forbund, file, name, user) -> ImportResult       participant_import.py
    import_interventions(...) -> InterventionImportResult                intervention_import.py
    export_participants / write_participants                             participant_export.py
    national_participants (the export itself: economy.services.national_export)  national_export.py
Statistics
    year_statistics, period_statistics, years_with_participations       statistics.py
    publishable, publication                                             statistics_publication.py
Who sees what: access.py. The bulk writer the import uses: bulk.py.
"""

from .intervention_import import InterventionImportResult, import_interventions
from .national_export import national_participants
from .participant_export import export_participants, write_participants
from .participant_import import ImportResult, import_participants
from .participations import (
    activities_started,
    delete_activity,
    end_participation,
    register_participation,
    save_activity,
    save_insats,
    save_structural_count,
    update_participation,
)
from .statistics import period_statistics, year_statistics, years_with_participations
from .statistics_publication import publication, publishable

__all__ = [
    "ImportResult",
    "InterventionImportResult",
    "activities_started",
    "delete_activity",
    "end_participation",
    "export_participants",
    "import_interventions",
    "import_participants",
    "national_participants",
    "period_statistics",
    "publication",
    "publishable",
    "register_participation",
    "save_activity",
    "save_insats",
    "save_structural_count",
    "update_participation",
    "write_participants",
    "year_statistics",
    "years_with_participations",
]
