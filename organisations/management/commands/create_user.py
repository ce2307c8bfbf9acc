"""create_user --forbund SLUG USERNAME --roll ROLE [--namn "NAMN"] [--epost ADRESS]

Adds a person with a role to a förbund by invitation, never with a password: the same service
as the web's invitation page and `invite_user` (organisations.services.invitations.invite).
With --epost the link is e-mailed; without, it is printed for the caller to hand over. The
account that the link creates gets exactly USERNAME; the person chooses the password."""

import smtplib

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand
from organisations import services
from organisations.choices import Role
from organisations.management.base import forbund_by_slug


class Command(SamordnaCommand):
    help = (
        "Lägger till en person med en roll i ett förbund genom en inbjudan (aldrig ett "
        "lösenord): länken mejlas till --epost eller skrivs ut."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USERNAME", help="personens användarnamn")
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument("--roll", required=True, choices=Role.values, help="roll i förbundet")
        parser.add_argument("--namn", default="", help="personens namn, t.ex. ”Anna Andersson”")
        parser.add_argument("--epost", default="", help="e-postadress att skicka inbjudan till")

    def handle(self, *args, username, forbund, roll, namn, epost, **options):
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            raise CommandError(
                _("Ogiltigt användarnamn ”%(username)s”: bokstäver, siffror och @ . + - _ går bra.")
                % {"username": username}
            ) from None
        if epost:
            try:
                validate_email(epost)
            except ValidationError:
                raise CommandError(
                    _("Ogiltig e-postadress: %(email)r.") % {"email": epost}
                ) from None
        target = forbund_by_slug(forbund)
        try:
            _invitation, link = services.invitations.invite(
                target, None, email=epost, role=roll, username=username, full_name=namn
            )
        except services.ServiceError as error:
            raise CommandError(str(error)) from None
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(
                _(
                    "E-postmeddelandet kunde inte skickas (%(error)s); ingen inbjudan sparades. "
                    "Kör utan --epost för att få länken här."
                )
                % {"error": error}
            ) from None
        hours = settings.SAMORDNA_INVITATION_HOURS
        role = Role(roll).label
        if epost:
            self.stdout.write(
                _(
                    "Skickade en inbjudan till %(email)s: %(username)s blir %(role)s i "
                    "%(forbund)s. Länken gäller i %(hours)s timmar."
                )
                % {
                    "email": epost,
                    "username": username,
                    "role": role,
                    "forbund": target.name,
                    "hours": hours,
                }
            )
        else:
            self.stderr.write(
                _(
                    "Ge länken till personen (gäller i %(hours)s timmar, en gång): %(username)s "
                    "blir %(role)s i %(forbund)s och väljer själv lösenord."
                )
                % {"hours": hours, "username": username, "role": role, "forbund": target.name}
            )
            self.stdout.write(link)
