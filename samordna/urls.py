from django.contrib import admin
from django.urls import include, path

from catalogue.urls import public_urlpatterns as catalogue_public_urlpatterns
from core.views.health import health
from organisations.access import public_view
from organisations.urls import audit_urlpatterns
from organisations.views import auth, invitations, start
from participants.urls import statistics_urlpatterns as participant_statistics_urlpatterns
from surveys.urls import public_urlpatterns as survey_public_urlpatterns

forbund_patterns = [
    path("", include("organisations.urls")),
    path("", include(audit_urlpatterns)),
    path("", include("participants.urls")),
    path("", include(participant_statistics_urlpatterns)),
    path("", include("budget.urls")),
    path("", include("economy.urls")),
    path("", include("surveys.urls")),
    path("", include("reports.urls")),
    path("", include("catalogue.urls")),
    path("", include("api.web_urls")),
]

urlpatterns = [
    path("", start.home, name="home"),
    # For monitoring: open to anyone, answers only ok or not (core/health.py).
    path("halsa/", public_view(health), name="health"),
    path("konto/logga-in/", auth.login, name="login"),
    path("konto/logga-ut/", auth.logout, name="logout"),
    path("konto/tvastegsverifiering/", auth.otp_verify, name="otp_verify"),
    path("konto/tvastegsverifiering/aktivera/", auth.otp_setup, name="otp_setup"),
    path("konto/tvastegsverifiering/reservkoder/", auth.recovery_codes, name="recovery_codes"),
    path("konto/tvastegsverifiering/byt-telefon/", auth.otp_reset, name="otp_reset"),
    path("konto/", auth.account, name="account"),
    path("konto/losenord/", auth.password_change, name="password_change"),
    path("konto/glomt-losenord/", auth.password_reset, name="password_reset"),
    path("konto/glomt-losenord/skickat/", auth.password_reset_done, name="password_reset_done"),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-losenord/klart/", auth.password_reset_complete, name="password_reset_complete"
    ),
    path("konto/inbjudan/", invitations.invitation_accept, name="invitation_accept"),
    path("konto/inbjudan/<str:token>/", invitations.invitation_link, name="invitation"),
    path("f/<slug:forbund>/", include(forbund_patterns)),
    *survey_public_urlpatterns,
    path("katalog/", include((catalogue_public_urlpatterns, "katalog"))),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

# Swedish error pages that keep the förbund's context (organisations/errors.py).
handler400 = "organisations.errors.bad_request"
handler403 = "organisations.errors.permission_denied"
handler404 = "organisations.errors.page_not_found"
handler500 = "organisations.errors.server_error"
