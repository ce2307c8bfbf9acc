from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from organisations import auth_views

forbund_patterns = [
    path("", include("organisations.urls")),
    path("", include("core.urls")),
    path("", include("participants.urls")),
    path("", include("participants.urls_statistics")),
    path("", include("budget.urls")),
    path("", include("economy.urls")),
    path("", include("reports.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("konto/logga-in/", auth_views.login, name="login"),
    path("konto/logga-ut/", auth_views.logout, name="logout"),
    path("konto/tvastegsverifiering/", auth_views.otp_verify, name="otp_verify"),
    path("konto/tvastegsverifiering/aktivera/", auth_views.otp_setup, name="otp_setup"),
    path("f/<slug:forbund>/", include(forbund_patterns)),
    path("admin/", admin.site.urls),
]
