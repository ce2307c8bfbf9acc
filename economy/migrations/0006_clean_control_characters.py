"""Remove control characters from text stored before imports and forms refused them
(issue 12; core.stored_text). Irreversible in effect: the removed characters are not kept."""

from django.db import migrations

from core.stored_text import clean_text_fields


def clean(apps, schema_editor):
    clean_text_fields(
        apps,
        schema_editor,
        "economy.FinancialYear",
        ["file_name", "source_program", "company_name"],
    )
    for model in ("economy.LedgerAccount", "economy.LedgerDimension", "economy.LedgerObject"):
        clean_text_fields(apps, schema_editor, model, ["name"])
    for model in ("economy.Voucher", "economy.Transaction"):
        clean_text_fields(apps, schema_editor, model, ["text"])
    clean_text_fields(apps, schema_editor, "economy.AccountLineOverride", ["note"])
    clean_text_fields(apps, schema_editor, "economy.BalanceAdjustment", ["description"])
    clean_text_fields(apps, schema_editor, "economy.PendingSieUpload", ["file_name"])


class Migration(migrations.Migration):
    dependencies = [("economy", "0005_year_range")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
