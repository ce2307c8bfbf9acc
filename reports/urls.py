from django.urls import path

from .views import annual, audit, documents, goals, index, trustees

app_name = "reports"

urlpatterns = [
    path("rapporter/", index, name="index"),
    path("rapporter/malgranser/", goals.grading, name="grading"),
    path("rapporter/skapa/", documents.generate, name="generate"),
    path("rapporter/fortroendevalda/", trustees.trustees, name="trustees"),
    # Annual report
    path("rapporter/arsredovisning/<year:year>/", annual.annual, name="annual"),
    path("rapporter/arsredovisning/<year:year>/texter/", annual.annual_texts, name="annual_texts"),
    path(
        "rapporter/arsredovisning/<year:year>/bilder/", annual.annual_images, name="annual_images"
    ),
    path(
        "rapporter/arsredovisning/<year:year>/installningar/",
        annual.annual_options,
        name="annual_options",
    ),
    path(
        "rapporter/arsredovisning/<year:year>/arsredovisning.docx",
        annual.annual_docx,
        name="annual_docx",
    ),
    path(
        "rapporter/arsredovisning/<year:year>/arsredovisning.pdf",
        annual.annual_pdf,
        name="annual_pdf",
    ),
    path("rapporter/arsredovisning/<year:year>/faststall/", annual.adopt, name="adopt"),
    path(
        "rapporter/arsredovisning/<year:year>/version/<int:report_version>/arsredovisning.docx",
        annual.version_docx,
        name="version_docx",
    ),
    path(
        "rapporter/arsredovisning/<year:year>/version/<int:report_version>/arsredovisning.pdf",
        annual.version_pdf,
        name="version_pdf",
    ),
    path(
        "rapporter/arsredovisning/<year:year>/version/<int:report_version>/skillnader/",
        annual.version_diff,
        name="version_diff",
    ),
    path("rapporter/arsredovisning/<year:year>/revision/", audit.audit_workspace, name="audit"),
    path(
        "rapporter/arsredovisning/<year:year>/revision/handling/<int:document>/",
        audit.audit_document,
        name="audit_document",
    ),
    # Goals
    path("rapporter/mal/<year:year>/", goals.goals, name="goals"),
    path("rapporter/mal/<year:year>/nytt/", goals.goal_edit, name="goal_add"),
    path("rapporter/mal/<year:year>/<int:goal>/", goals.goal_edit, name="goal_edit"),
    path("rapporter/mal/<year:year>/kopiera/", goals.goals_copy, name="goals_copy"),
    # Business plan
    path("rapporter/verksamhetsplan/<year:year>/", documents.plan, name="plan"),
    path("rapporter/verksamhetsplan/<year:year>/texter/", documents.plan_texts, name="plan_texts"),
    path(
        "rapporter/verksamhetsplan/<year:year>/verksamhetsplan.docx",
        documents.plan_docx,
        name="plan_docx",
    ),
    path(
        "rapporter/verksamhetsplan/<year:year>/verksamhetsplan.pdf",
        documents.plan_pdf,
        name="plan_pdf",
    ),
    # Period reports
    path(
        "rapporter/periodrapport/<year:year>/<slug:report_period>/",
        documents.period,
        name="period",
    ),
    path(
        "rapporter/periodrapport/<year:year>/<slug:report_period>/texter/",
        documents.period_texts,
        name="period_texts",
    ),
    path(
        "rapporter/periodrapport/<year:year>/<slug:report_period>/prognos/",
        documents.period_forecast,
        name="period_forecast",
    ),
    path(
        "rapporter/periodrapport/<year:year>/<slug:report_period>/periodrapport.docx",
        documents.period_docx,
        name="period_docx",
    ),
    path(
        "rapporter/periodrapport/<year:year>/<slug:report_period>/periodrapport.pdf",
        documents.period_pdf,
        name="period_pdf",
    ),
]
