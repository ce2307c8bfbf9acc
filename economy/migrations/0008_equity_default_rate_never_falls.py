"""The default equity steps' second rate, 15,120 %, made the recommendation fall at 14 600 tkr
(14 599 999 kr → 2 500 320 kr, 14 600 000 kr → 2 500 000 kr). Steps saved from the defaults
get 15,116 %, under the exact 1 300 000 / 8 600 000; steps a förbund changed are left alone."""

from decimal import Decimal

from django.db import migrations


def forwards(apps, schema_editor):
    step_model = apps.get_model("economy", "EquityGuidelineStep")
    old = step_model.objects.filter(
        contributions_from=Decimal(6_000_000),
        base_amount=Decimal(1_200_000),
        marginal_percent=Decimal("15.120"),
    )
    for step in old:
        has_next = step_model.objects.filter(
            forbund_id=step.forbund_id,
            contributions_from=Decimal(14_600_000),
            base_amount=Decimal(2_500_000),
        ).exists()
        if has_next:
            step.marginal_percent = Decimal("15.116")
            step.save(update_fields=["marginal_percent"])


class Migration(migrations.Migration):
    dependencies = [('economy', '0007_admin_share_fraction')]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
