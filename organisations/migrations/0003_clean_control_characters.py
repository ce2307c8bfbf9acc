"""Remove control characters from text stored before imports and forms refused them
(issue 12; core.stored_text). Irreversible in effect: the removed characters are not kept."""

from django.db import migrations

from core.stored_text import clean_text_fields


def clean(apps, schema_editor):
    clean_text_fields(
        apps,
        schema_editor,
        "organisations.Member",
        single_line=["name"],
        unique_with={"name": ("forbund",)},
    )
    clean_text_fields(apps, schema_editor, "organisations.Forbund", ["name", "seat"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_invitation")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
