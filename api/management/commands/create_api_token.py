"""create_api_token --forbund SLUG --username USER [--namn TEXT] [--skriv] [--dagar N]

Prints the new token on stdout and nothing else (docs/format/api.md)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from api.tokens import DEFAULT_DAYS, create_token
from core.management.base import SamordnaCommand
from organisations.management.base import forbund_by_slug
from organisations.models import User
from organisations.services import ServiceError


class Command(SamordnaCommand):
    help = "Skapar en API-nyckel åt en person i ett förbund och skriver ut den (en gång)."

    def add_arguments(self, parser):
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--username", required=True, help="personens användarnamn")
        parser.add_argument("--namn", default="", help="nyckelns namn, t.ex. systemets")
        parser.add_argument(
            "--skriv", action="store_true", help="nyckeln får också skriva (annars bara läsa)"
        )
        parser.add_argument(
            "--dagar", type=int, default=DEFAULT_DAYS, help=f"giltig i N dagar ({DEFAULT_DAYS})"
        )

    def handle(self, *args, forbund, username, namn, skriv, dagar, **options):
        target = forbund_by_slug(forbund)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                _("Det finns ingen användare ”%(username)s”.") % {"username": username}
            )
        try:
            _token, raw = create_token(target, user, name=namn, can_write=skriv, days=dagar)
        except ServiceError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(raw)
