from django.urls import path

from .views import manage, national, read

app_name = "economy"

urlpatterns = [
    path("ekonomi/", read.home, name="home"),
    path("ekonomi/sie/", manage.upload, name="upload"),
    path("ekonomi/sie/<int:upload>/", manage.confirm, name="confirm"),
    path("ekonomi/kontomappning/", manage.mapping, name="mapping"),
    path("ekonomi/installningar/", manage.settings_page, name="settings"),
    path("ekonomi/personal/", manage.staff, name="staff"),
    path("ekonomi/balanskrav/", manage.adjustments, name="adjustments"),
    path("ekonomi/<year:year>/", read.statements, name="statements"),
    path("ekonomi/<year:year>/driftredovisning/", read.operating, name="operating"),
    path("ekonomi/<year:year>/kontroller/", read.checks, name="checks"),
    path("ekonomi/<year:year>/femarsoversikt/", read.overview, name="overview"),
    path("ekonomi/<year:year>/ta-bort/", manage.delete_year, name="delete_year"),
    path(
        "statistik/<year:year>/uppfoljning-finsam.xlsx",
        national.national_xlsx,
        name="national_xlsx",
    ),
    path(
        "statistik/<year:year>/uppfoljning-finsam.csv", national.national_csv, name="national_csv"
    ),
    path(
        "statistik/<year:year>/uppfoljning-finsam/skapa/",
        national.national_generate,
        name="national_generate",
    ),
]
