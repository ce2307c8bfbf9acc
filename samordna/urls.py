from django.contrib import admin
from django.urls import include, path

from core.views.health import health
from organisations.access import public_view
from organisations.urls import audit_urlpatterns
from organisations.views import auth, start
from participants.urls import statistics_urlpatterns as participant_statistics_urlpatterns

forbund_patterns = [
    path("", include("organisations.urls")),
    path("", include(audit_urlpatterns)),
    path("", include("participants.urls")),
    path("", include(participant_statistics_urlpatterns)),
    path("", include("budget.urls")),
    path("", include("economy.urls")),
    path("", include("reports.urls")),
]

urlpatterns = [
    path("", start.home, name="home"),
    # For monitoring: open to anyone, answers only ok or not (core/health.py).
    path("halsa/", public_view(health), name="health"),
    path("konto/logga-in/", auth.login, name="login"),
    path("konto/logga-ut/", auth.logout, name="logout"),
    path("konto/tvastegsverifiering/", auth.otp_verify, name="otp_verify"),
    path("konto/tvastegsverifiering/aktivera/", auth.otp_setup, name="otp_setup"),
    path("f/<slug:forbund>/", include(forbund_patterns)),
    path("admin/", admin.site.urls),
]
