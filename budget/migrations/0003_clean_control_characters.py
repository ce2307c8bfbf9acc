"""Remove control characters from text stored before imports and forms refused them
(issue 12; core.stored_text). Irreversible in effect: the removed characters are not kept."""

from django.db import migrations

from core.stored_text import clean_text_fields


def clean(apps, schema_editor):
    clean_text_fields(
        apps,
        schema_editor,
        "budget.BudgetLine",
        single_line=["name"],
        unique_with={"name": ("budget", "category")},
    )
    clean_text_fields(apps, schema_editor, "budget.Budget", multiline=["note"])
    clean_text_fields(apps, schema_editor, "budget.Contribution", ["note"])
    clean_text_fields(
        apps, schema_editor, "budget.BudgetRevision", ["reference"], multiline=["note"]
    )
    clean_text_fields(apps, schema_editor, "budget.AllocationRound", ["source"])
    clean_text_fields(
        apps,
        schema_editor,
        "budget.MunicipalityAllocationInput",
        single_line=["municipality", "forbund_name"],
        unique_with={"municipality": ("round",)},
    )
    clean_text_fields(
        apps,
        schema_editor,
        "budget.ForbundActualAllocation",
        single_line=["forbund_name"],
        unique_with={"forbund_name": ("round",)},
    )


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_year_range")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
