"""Demo insatser for the demo förbund (extended with participations by the participant issue)."""

from datetime import date

from organisations.choices import Role

from .choices import InterventionKind
from .models import Insats

DEMO_INSATSER = [
    ("FT", "FINSAM-team", InterventionKind.INDIVIDUAL, date(2019, 1, 1)),
    ("AP", "Aktivitetsplatsen", InterventionKind.INDIVIDUAL, date(2020, 1, 1)),
    ("IPS", "IPS i psykosvården", InterventionKind.INDIVIDUAL, date(2021, 3, 1)),
    ("KOMP", "Kompetensutveckling i samverkan", InterventionKind.STRUCTURAL, date(2022, 1, 1)),
]


def load(forbund, users) -> None:
    for code, name, kind, start in DEMO_INSATSER:
        insats = Insats.objects.create(
            forbund=forbund, code=code, name=name, kind=kind, start_date=start
        )
        if code == "FT":
            insats.responsible.add(users[Role.INSATSANSVARIG])
