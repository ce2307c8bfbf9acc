"""Statistics pages and the national export; included under /f/<förbund>/ (samordna/urls.py)."""

from django.urls import path

from . import views_statistics as views

app_name = "statistics"

urlpatterns = [
    path("statistik/", views.statistics_index, name="index"),
    path("statistik/<year:year>/", views.statistics_year, name="year"),
    path(
        "statistik/<year:year>/uppfoljning-finsam.xlsx",
        views.national_export_xlsx,
        name="national_xlsx",
    ),
    path(
        "statistik/<year:year>/uppfoljning-finsam.csv",
        views.national_export_csv,
        name="national_csv",
    ),
]
