from django.urls import path

from .views import files, insatser, privacy, removal, statistics

app_name = "participants"

urlpatterns = [
    path("insatser/", insatser.insats_list, name="insatser"),
    path("insatser/ny/", insatser.insats_edit, name="insats_add"),
    path("insatser/<str:insats>/", insatser.insats_detail, name="insats"),
    path("insatser/<str:insats>/andra/", insatser.insats_edit, name="insats_edit"),
    path(
        "insatser/<str:insats>/antal-deltagare/",
        insatser.structural_counts,
        name="structural_counts",
    ),
    path(
        "insatser/<str:insats>/deltaganden/",
        insatser.insats_participations,
        name="insats_participations",
    ),
    path(
        "insatser/<str:insats>/deltaganden/ny/",
        insatser.participation_create,
        name="participation_add",
    ),
    path("deltagare/<int:participant>/", privacy.participant_detail, name="participant"),
    path("personuppgifter/", privacy.privacy_index, name="privacy"),
    path("personuppgifter/registerutdrag/", privacy.extract, name="extract"),
    path("personuppgifter/lasningar/", privacy.access_log, name="access_log"),
    path(
        "personuppgifter/behandlingar/",
        privacy.processing_register_view,
        name="processing_register",
    ),
    path("deltaganden/", insatser.participation_list, name="participations"),
    # Erasure and retention (docs/gallring.md).
    path("deltagare/radera/", removal.erase, name="erase"),
    path("deltagare/gallring/", removal.retention_page, name="retention"),
    path("deltaganden/importera/", files.participation_import, name="import"),
    path("deltaganden/importera/mall/", files.import_template, name="import_template"),
    path(
        "deltaganden/importera/bekrafta/",
        files.participation_import_confirm,
        name="import_confirm",
    ),
    path("deltaganden/exportera/", files.participation_export, name="export"),
    path("deltaganden/<int:participation>/", insatser.participation_detail, name="participation"),
    path(
        "deltaganden/<int:participation>/andra/",
        insatser.participation_edit,
        name="participation_edit",
    ),
    path(
        "deltaganden/<int:participation>/avsluta/",
        insatser.participation_end,
        name="participation_end",
    ),
    path(
        "deltaganden/<int:participation>/aktiviteter/ny/",
        insatser.activity_edit,
        name="activity_add",
    ),
    path(
        "deltaganden/<int:participation>/aktiviteter/<int:activity>/",
        insatser.activity_edit,
        name="activity_edit",
    ),
]

# The statistics pages keep their own URL namespace ("statistics"); the national export,
# which needs the budget and the books, is economy's (economy:national_xlsx/_csv).
statistics_urlpatterns = (
    [
        path("statistik/", statistics.statistics_index, name="index"),
        path("statistik/<year:year>/", statistics.statistics_year, name="year"),
    ],
    "statistics",
)
