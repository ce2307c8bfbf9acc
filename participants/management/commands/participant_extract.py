import json

from django.utils.translation import gettext as _

from core import audit
from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from participants.services.extract import (
    EXTRACT_KIND,
    find_participant,
    participant_extract,
    participation_count,
)


class Command(SamordnaCommand):
    help = _(
        "Skriver ett registerutdrag som JSON: allt som finns om ett deltagar-id i förbundet "
        "(deltaganden, aktiviteter, uppföljningar, samtycken och händelser). Finns inget "
        "skrivs ”deltagare”: null med ett meddelande, och kommandot avslutas utan fel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help=_("förbundets kortnamn"))
        parser.add_argument("--deltagare", required=True, help=_("deltagar-id"))

    def handle(self, *args, forbund, deltagare, **options):
        target = forbund_by_slug(forbund)
        document = participant_extract(target, deltagare)
        participant = find_participant(target, deltagare)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        audit.log_export(
            None,
            target,
            kind=EXTRACT_KIND,
            file_format="json",
            rows=participation_count(document),
            command=True,
            deltagare=participant.pk if participant else None,
        )
