"""The demo förbund: members, one user per role with published passwords (DEBUG only)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django_scopes import scope

from organisations.choices import MemberKind, Role
from organisations.models import Forbund, Member, Membership, User

DEMO_SLUG = "demo"
DEMO_NAME = "Samordningsförbundet Demo"

# username -> (role, first name, last name, password). Published: refused when DEBUG is off.
DEMO_USERS = {
    "kansli": (Role.KANSLI, "Karin", "Kanslisson", "demo-kansli-2026"),
    "ekonom": (Role.EKONOM, "Erik", "Ekonomsson", "demo-ekonom-2026"),
    "insatsansvarig": (Role.INSATSANSVARIG, "Ida", "Insatsdotter", "demo-insats-2026"),
    "styrelse": (Role.STYRELSE, "Stina", "Styrelsedotter", "demo-styrelse-2026"),
    "revisor": (Role.REVISOR, "Rolf", "Revisorsson", "demo-revisor-2026"),
}

DEMO_MEMBERS = [
    ("Försäkringskassan", MemberKind.FORSAKRINGSKASSAN, date(2012, 1, 1)),
    ("Arbetsförmedlingen", MemberKind.ARBETSFORMEDLINGEN, date(2012, 1, 1)),
    ("Region Demo", MemberKind.REGION, date(2012, 1, 1)),
    ("Norrby kommun", MemberKind.KOMMUN, date(2012, 1, 1)),
    ("Söderås kommun", MemberKind.KOMMUN, date(2012, 1, 1)),
    ("Västervik-Strand kommun", MemberKind.KOMMUN, date(2019, 1, 1)),
]


def demo_logins() -> list[tuple[str, str, str | Promise]]:
    return [
        (username, password, role.label)
        for username, (role, _f, _l, password) in DEMO_USERS.items()
    ]


def load_demo() -> tuple[Forbund, bool]:
    """Creates the demo förbund once. Returns (förbund, created)."""
    existing = Forbund.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return existing, False
    with transaction.atomic():
        forbund = Forbund.objects.create(
            slug=DEMO_SLUG,
            name=DEMO_NAME,
            org_number="222000-0000",
            seat="Norrby",
            # The register of processing names who answers questions about personal data.
            privacy_contact="Förbundschefen, kansliet@samordna-demo.example, 010-000 00 00",
            dpo_name="Dataskyddsombudet i Norrby kommun (avtal om ombud)",
            dpo_contact="dataskyddsombud@norrby.example",
        )
        with scope(forbund=forbund):
            for name, kind, joined in DEMO_MEMBERS:
                Member.objects.create(forbund=forbund, name=name, kind=kind, joined_on=joined)
            users = {}
            for username, (role, first, last, password) in DEMO_USERS.items():
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = User.objects.create_user(
                        username=username,
                        password=password,
                        first_name=first,
                        last_name=last,
                        email=f"{username}@demo.invalid",
                        is_demo=True,
                    )
                Membership.objects.create(forbund=forbund, user=user, role=role)
                users[role] = user
            for dotted in settings.SAMORDNA_DEMO_LOADERS:
                loader = _optional_loader(dotted)
                if loader is not None:
                    loader(forbund, users)
    return forbund, True


def _optional_loader(dotted: str):
    """The app's demo loader; an app that has no demo module yet is skipped."""
    module = dotted.rsplit(".", 1)[0]
    try:
        return import_string(dotted)
    except ImportError as error:
        if getattr(error, "name", None) == module:
            return None
        raise
