"""python manage.py apply_retention --forbund SLUG [--per YYYY-MM-DD] [--dry-run]
(docs/gallring.md)"""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services.retention import COMMAND, apply_retention, cutoff


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("--per ska vara ett datum som ÅÅÅÅ-MM-DD, inte ”%(value)s”.") % {"value": text}
        ) from None


class Command(SamordnaCommand):
    help = (
        "Gallrar deltagaruppgifter enligt förbundets regel (år efter sista avslut); "
        "--dry-run visar bara vad som skulle tas bort."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument(
            "--per", help="dagen gallringen gäller, ÅÅÅÅ-MM-DD (i dag om inget ges)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="visa antal och deltagar-id, ta inte bort något"
        )

    def handle(self, *args, forbund: str, per: str | None, dry_run: bool, **options):
        target = forbund_by_slug(forbund)
        as_of = _day(per) if per else None
        outcome = apply_retention(target, as_of, via=COMMAND, dry_run=dry_run)
        facts = {
            "as_of": outcome.as_of.isoformat(),
            "years": outcome.years,
            "cutoff": cutoff(outcome.as_of, outcome.years).isoformat(),
            "count": len(outcome.codes),
        }
        if dry_run:
            self.stdout.write(
                _(
                    "Provkörning per %(as_of)s (regel: %(years)s år efter sista avslut, alltså "
                    "avslutat senast %(cutoff)s): %(count)s deltagare skulle tas bort. "
                    "Inget har ändrats."
                )
                % facts
            )
            for code in outcome.codes:
                self.stdout.write(code)
            return
        self.stdout.write(
            _(
                "Gallring per %(as_of)s (regel: %(years)s år efter sista avslut): "
                "%(count)s deltagare togs bort."
            )
            % facts
        )
        for label, count in outcome.by_kind.items():
            self.stdout.write(f"  {label}: {count}")
        if outcome.run is not None and outcome.run.frozen_years:
            self.stdout.write(
                _("Statistiken för %(years)s sparades först och ändras inte.")
                % {"years": ", ".join(map(str, outcome.run.frozen_years))}
            )
