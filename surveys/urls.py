from django.urls import path

from .views import instruments, public, results, rounds

app_name = "surveys"

urlpatterns = [
    path("enkater/", rounds.index, name="index"),
    path("enkater/ny/", instruments.instrument_edit, name="instrument_add"),
    path(
        "enkater/enkat/<int:instrument>/andra/",
        instruments.instrument_edit,
        name="instrument_edit",
    ),
    path("enkater/omgangar/ny/", rounds.round_create, name="round_add"),
    path("enkater/omgangar/<int:round>/", rounds.round_detail, name="round"),
    path("enkater/omgangar/<int:round>/utskrift/", rounds.round_sheet, name="round_sheet"),
    path("enkater/importera/", results.response_import, name="import"),
    path("enkater/importera/bekrafta/", results.response_import_confirm, name="import_confirm"),
    path("enkater/<str:enkat>/<year:year>/", results.results, name="results"),
    path(
        "enkater/<str:enkat>/<year:year>/export.<str:file_format>",
        results.export,
        name="export",
    ),
]

# The answer form without login, outside the förbund's pages (in samordna/urls.py).
public_urlpatterns = [
    path("enkat/<str:survey_token>/", public.answer, name="survey_answer"),
    path("enkat/<str:survey_token>/tack/", public.thanks, name="survey_thanks"),
]
