from .instruments import editable_version, ensure_builtin, latest_version
from .response_import import ResponseImportResult, import_survey_responses
from .results import NoSuchInstrument, percent, positive_shares_by_year, survey_results

__all__ = [
    "NoSuchInstrument",
    "ResponseImportResult",
    "editable_version",
    "ensure_builtin",
    "import_survey_responses",
    "latest_version",
    "percent",
    "positive_shares_by_year",
    "survey_results",
]
