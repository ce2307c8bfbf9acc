"""The reports app's public interface: views, commands and other apps import from here.

What people do with reports (editing.py): write texts, set goals, adopt (sign) a version.
Collecting and building documents (generation.py, from sources.py, goals.py, sections.py,
period_statistics.py), comparing adopted versions (diff.py, snapshot.py) and the start page's
status (overview.py) are modules of this package. The document renderers are reports.documents.
"""

from .editing import (
    CopiedTexts,
    ReportError,
    SignatoryInput,
    UnacknowledgedContradictions,
    adopt_annual_report,
    check_adoption,
    copy_goals,
    copy_previous_texts,
    current_data_for,
    delete_goal,
    get_or_create_report,
    latest_version,
    next_version,
    parse_signatories,
    save_goal,
    save_grading,
    save_report_options,
    save_texts,
    versions,
)

__all__ = [
    "CopiedTexts",
    "ReportError",
    "SignatoryInput",
    "UnacknowledgedContradictions",
    "adopt_annual_report",
    "check_adoption",
    "copy_goals",
    "copy_previous_texts",
    "current_data_for",
    "delete_goal",
    "get_or_create_report",
    "latest_version",
    "next_version",
    "parse_signatories",
    "save_goal",
    "save_grading",
    "save_report_options",
    "save_texts",
    "versions",
]
