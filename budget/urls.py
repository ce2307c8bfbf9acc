from django.urls import path

from .views import budgets, contributions, ideal

app_name = "budget"

urlpatterns = [
    path("medlemsbidrag/", contributions.contributions, name="contributions_current"),
    path("medlemsbidrag/<int:year>/", contributions.contributions, name="contributions"),
    path(
        "medlemsbidrag/<int:year>/andra/",
        contributions.contributions_edit,
        name="contributions_edit",
    ),
    path("medlemsbidrag/<int:year>/nyckel/", contributions.key_edit, name="key_edit"),
    path(
        "medlemsbidrag/befolkning/import/",
        contributions.population_import,
        name="population_import",
    ),
    path("medlemsbidrag/<int:year>/berakna/", contributions.calculator, name="calculator"),
    path("idealfordelning/", ideal.ideal, name="ideal_current"),
    path("idealfordelning/<int:year>/", ideal.ideal, name="ideal"),
    path("budget/", budgets.budget_list, name="budgets"),
    path("budget/ny/", budgets.budget_create, name="budget_create"),
    path("budget/<int:year>/", budgets.budget_detail, name="budget"),
    path("budget/<int:year>/andra/", budgets.budget_edit, name="budget_edit"),
    path("budget/<int:year>/rader/ny/", budgets.line_edit, name="line_add"),
    path("budget/<int:year>/rader/<int:budget_line>/", budgets.line_edit, name="line_edit"),
    path("budget/<int:year>/andringsbeslut/ny/", budgets.revision_add, name="revision_add"),
    path("budget/<int:year>/export/", budgets.budget_export, name="budget_export"),
    path("budget/<int:year>/import/", budgets.budget_import, name="budget_import"),
    path("budget/<int:year>/trearsplan/", budgets.plan, name="plan"),
]
