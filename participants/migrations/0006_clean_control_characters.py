"""Remove control characters from text stored before imports and forms refused them
(issue 12; core.stored_text). Irreversible in effect: the removed characters are not kept."""

from django.db import migrations

from core.stored_text import clean_text_fields


def clean(apps, schema_editor):
    clean_text_fields(
        apps,
        schema_editor,
        "participants.Participant",
        single_line=["code"],
        unique_with={"code": ("forbund",)},
    )
    clean_text_fields(
        apps,
        schema_editor,
        "participants.Insats",
        single_line=["code", "name"],
        multiline=["description", "target_group", "methods"],
        unique_with={"code": ("forbund",)},
    )
    clean_text_fields(apps, schema_editor, "participants.Participation", ["municipality"])
    clean_text_fields(apps, schema_editor, "participants.Activity", ["label"])


class Migration(migrations.Migration):
    dependencies = [("participants", "0005_insats_code_without_slash")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
