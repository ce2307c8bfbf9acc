"""python manage.py erase_participant --forbund SLUG --deltagare ID --skal TEXT
(docs/gallring.md)"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services.erasure import NothingHeld, erase_participant
from participants.services.retention import COMMAND


class Command(SamordnaCommand):
    help = (
        "Raderar en deltagare och allt som hör till den (deltaganden, aktiviteter, samtycken), "
        "allt eller inget; årens statistik sparas först."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--deltagare", required=True, help="deltagar-id (deltagarens kod)")
        parser.add_argument(
            "--skal", required=True, help="skälet, t.ex. ”Begäran om radering, dnr 2026/12”"
        )

    def handle(self, *args, forbund: str, deltagare: str, skal: str, **options):
        target = forbund_by_slug(forbund)
        try:
            removed = erase_participant(target, deltagare, skal, None, via=COMMAND)
        except NothingHeld:
            raise CommandError(
                _("Förbundet har ingen deltagare med id:t ”%(code)s”; inget har ändrats.")
                % {"code": deltagare.strip()}
            ) from None
        except ValueError:
            raise CommandError(_("Ange skälet till raderingen med --skal.")) from None
        self.stdout.write(
            _(
                "Deltagaren är raderad. Borttaget: deltaganden %(participations)s, "
                "aktiviteter %(activities)s."
            )
            % {"participations": removed.participations, "activities": removed.activities}
        )
        if removed.frozen_years:
            self.stdout.write(
                _("Statistiken för %(years)s sparades först och ändras inte.")
                % {"years": ", ".join(map(str, removed.frozen_years))}
            )
