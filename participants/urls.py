from django.urls import path

from . import views, views_files

app_name = "participants"

urlpatterns = [
    path("insatser/", views.insats_list, name="insatser"),
    path("insatser/ny/", views.insats_edit, name="insats_add"),
    path("insatser/<str:insats>/", views.insats_detail, name="insats"),
    path("insatser/<str:insats>/andra/", views.insats_edit, name="insats_edit"),
    path(
        "insatser/<str:insats>/deltaganden/",
        views.insats_participations,
        name="insats_participations",
    ),
    path(
        "insatser/<str:insats>/deltaganden/ny/",
        views.participation_create,
        name="participation_add",
    ),
    path("deltaganden/", views.participation_list, name="participations"),
    path("deltaganden/importera/", views_files.participation_import, name="import"),
    path(
        "deltaganden/importera/bekrafta/",
        views_files.participation_import_confirm,
        name="import_confirm",
    ),
    path("deltaganden/exportera/", views_files.participation_export, name="export"),
    path("deltaganden/<int:participation>/", views.participation_detail, name="participation"),
    path(
        "deltaganden/<int:participation>/andra/",
        views.participation_edit,
        name="participation_edit",
    ),
    path(
        "deltaganden/<int:participation>/avsluta/",
        views.participation_end,
        name="participation_end",
    ),
    path(
        "deltaganden/<int:participation>/aktiviteter/ny/",
        views.activity_edit,
        name="activity_add",
    ),
    path(
        "deltaganden/<int:participation>/aktiviteter/<int:activity>/",
        views.activity_edit,
        name="activity_edit",
    ),
]
