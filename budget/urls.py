from django.urls import path

from .views import budgets, contributions, ideal

app_name = "budget"

urlpatterns = [
    path("medlemsbidrag/", contributions.contributions, name="contributions_current"),
    path("medlemsbidrag/<year:year>/", contributions.contributions, name="contributions"),
    path(
        "medlemsbidrag/<year:year>/andra/",
        contributions.contributions_edit,
        name="contributions_edit",
    ),
    path("medlemsbidrag/<year:year>/nyckel/", contributions.key_edit, name="key_edit"),
    path(
        "medlemsbidrag/befolkning/import/",
        contributions.population_import,
        name="population_import",
    ),
    path("medlemsbidrag/<year:year>/berakna/", contributions.calculator, name="calculator"),
    path("idealfordelning/", ideal.ideal, name="ideal_current"),
    path("idealfordelning/<year:year>/", ideal.ideal, name="ideal"),
    path("budget/", budgets.budget_list, name="budgets"),
    path("budget/ny/", budgets.budget_create, name="budget_create"),
    path("budget/<year:year>/", budgets.budget_detail, name="budget"),
    path("budget/<year:year>/andra/", budgets.budget_edit, name="budget_edit"),
    path("budget/<year:year>/rader/ny/", budgets.line_edit, name="line_add"),
    path("budget/<year:year>/rader/<int:budget_line>/", budgets.line_edit, name="line_edit"),
    path("budget/<year:year>/andringsbeslut/ny/", budgets.revision_add, name="revision_add"),
    path("budget/<year:year>/export/", budgets.budget_export, name="budget_export"),
    path("budget/<year:year>/import/", budgets.budget_import, name="budget_import"),
    path("budget/<year:year>/trearsplan/", budgets.plan, name="plan"),
]
