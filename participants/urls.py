from django.urls import path

from .views import files, insatser, statistics

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
    path("deltaganden/", insatser.participation_list, name="participations"),
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
