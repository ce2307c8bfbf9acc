from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from organisations.access import public_view

from . import views

app_name = "api"

forbund = "v1/forbund/<slug:slug>/"

urlpatterns = [
    path("schema/", public_view(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        public_view(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/katalog/", views.PublicCatalogue.as_view(), name="katalog"),
    path(forbund + "katalog/", views.ForbundCatalogue.as_view(), name="forbund-katalog"),
    path(forbund + "insatser/", views.InsatsList.as_view(), name="insatser"),
    path(forbund + "insatser/<str:kod>/", views.InsatsDetail.as_view(), name="insats"),
    path(forbund + "deltaganden/", views.ParticipationList.as_view(), name="deltaganden"),
    path(
        forbund + "deltaganden/batch/", views.ParticipationBatch.as_view(), name="deltaganden-batch"
    ),
    path(forbund + "deltaganden/<int:pk>/", views.ParticipationDetail.as_view(), name="deltagande"),
    path(forbund + "statistik/<int:ar>/", views.Statistics.as_view(), name="statistik"),
    path(
        forbund + "enkater/<str:kod>/resultat/<int:ar>/",
        views.SurveyResults.as_view(),
        name="enkat-resultat",
    ),
    path(forbund + "budget/<int:ar>/", views.BudgetDocument.as_view(), name="budget"),
    path(
        forbund + "medlemsbidrag/<int:ar>/",
        views.ContributionsDocument.as_view(),
        name="medlemsbidrag",
    ),
    path(
        forbund + "rapporter/arsredovisning/<int:ar>/arsredovisning.pdf",
        views.AnnualReportPdf.as_view(),
        name="arsredovisning-pdf",
    ),
    path(
        forbund + "rapporter/arsredovisning/<int:ar>/arsredovisning.docx",
        views.AnnualReportDocx.as_view(),
        name="arsredovisning-docx",
    ),
    path(forbund + "bokslut/<int:ar>/", views.FinancialStatements.as_view(), name="bokslut"),
    # Anything else under /api/: a problem+json 404, not the web's HTML page.
    re_path(r"^.*$", views.not_found),
]
