from django.conf import settings

from core.management.base import SamordnaCommand
from samples.demo.forbund import DEMO_NAME, demo_logins, load_demo


class Command(SamordnaCommand):
    help = "Skapar demoförbundet (en gång) och skriver ut demoinloggningarna."

    def handle(self, *args, **options):
        forbund, created = load_demo()
        verb = "Skapade" if created else "Demoförbundet finns redan:"
        self.stdout.write(f"{verb} {DEMO_NAME} (/f/{forbund.slug}/)")
        if not settings.SAMORDNA_DEMO_LOGINS_ALLOWED:
            self.stdout.write("Demokontona kan bara logga in när DEBUG är på.")
            return
        self.stdout.write("Demoinloggningar (användarnamn / lösenord / roll):")
        for username, password, role in demo_logins():
            self.stdout.write(f"  {username:<16} {password:<20} {role}")
