from django.urls import path

from . import views, views_manage

app_name = "economy"

urlpatterns = [
    path("ekonomi/", views.home, name="home"),
    path("ekonomi/sie/", views_manage.upload, name="upload"),
    path("ekonomi/sie/<int:upload>/", views_manage.confirm, name="confirm"),
    path("ekonomi/kontomappning/", views_manage.mapping, name="mapping"),
    path("ekonomi/installningar/", views_manage.settings_page, name="settings"),
    path("ekonomi/personal/", views_manage.staff, name="staff"),
    path("ekonomi/balanskrav/", views_manage.adjustments, name="adjustments"),
    path("ekonomi/<year:year>/", views.statements, name="statements"),
    path("ekonomi/<year:year>/driftredovisning/", views.operating, name="operating"),
    path("ekonomi/<year:year>/kontroller/", views.checks, name="checks"),
    path("ekonomi/<year:year>/femarsoversikt/", views.overview, name="overview"),
    path("ekonomi/<year:year>/ta-bort/", views_manage.delete_year, name="delete_year"),
]
