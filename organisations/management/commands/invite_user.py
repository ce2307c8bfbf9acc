import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from core.management.base import SamordnaCommand
from organisations import services
from organisations.choices import Role
from organisations.management.base import forbund_by_slug


class Command(SamordnaCommand):
    help = (
        "Bjuder in en person till ett förbund med e-post (t.ex. förbundets första kansli). "
        "Personen väljer själv lösenord via länken i meddelandet."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="personens e-postadress")
        parser.add_argument("--forbund", required=True, help="förbundets kortnamn")
        parser.add_argument(
            "--role",
            default=Role.KANSLI,
            choices=Role.values,
            help="roll i förbundet (standard: kansli)",
        )
        parser.add_argument(
            "--print-link",
            action="store_true",
            help="skriv också ut länken här (när e-post inte är inställd ännu)",
        )

    def handle(self, *args, email, forbund, role, print_link, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Ogiltig e-postadress: {email!r}.") from None
        target = forbund_by_slug(forbund)
        try:
            _invitation, link = services.invitations.invite(target, None, email=email, role=role)
        except services.ServiceError as error:
            raise CommandError(str(error)) from None
        except (smtplib.SMTPException, OSError) as error:
            raise CommandError(
                f"E-postmeddelandet kunde inte skickas ({error}); ingen inbjudan sparades. "
                "Kontrollera EMAIL_HOST med flera, eller använd --print-link med "
                "EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend."
            ) from None
        self.stdout.write(
            f"Skickade en inbjudan till {email} ({Role(role).label} i {target.name}); "
            f"länken gäller i {settings.SAMORDNA_INVITATION_HOURS} timmar."
        )
        if print_link:
            self.stdout.write(link)
