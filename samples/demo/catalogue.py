"""The demo's public catalogue: the förbund's insatser and the members' services and networks,
published (docs/format/katalog.md). Runs inside the demo förbund's scope after the insatser."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from catalogue import services
from catalogue.models import Access, CatalogueEntry, EntryKind, TargetGroup
from organisations.choices import Role
from organisations.models import Member
from participants.models import Insats

ALL = "Norrby\nSöderås\nVästervik-Strand"

# (name, kind, organiser (member name, None = the förbund), insats code, target, age, kommuner,
#  access, offers, contact, languages)
ENTRIES = [
    (
        "FINSAM-team",
        EntryKind.INSATS,
        None,
        "FT",
        TargetGroup.VUXNA,
        (18, 64),
        ALL,
        Access.REMISS,
        "Gemensam kartläggning och planering med Försäkringskassan, Arbetsförmedlingen, regionen "
        "och kommunen för den som behöver stöd från flera håll.",
        "Teamets telefon 0100-12 34 50, vardagar 9–12.",
        "svenska, engelska, arabiska",
    ),
    (
        "Aktivitetsplatsen",
        EntryKind.INSATS,
        None,
        "AP",
        TargetGroup.ALLA,
        (18, 64),
        "Norrby\nSöderås",
        Access.BADA,
        "Daglig verksamhet i kafé och verkstad med arbetsträning i egen takt.",
        "Aktivitetsplatsen, Storgatan 5, Norrby. 0100-12 34 60.",
        "svenska",
    ),
    (
        "IPS i psykosvården",
        EntryKind.INSATS,
        None,
        "IPS",
        TargetGroup.VUXNA,
        (18, 64),
        ALL,
        Access.REMISS,
        "Individuellt stöd till arbete enligt IPS för den som har kontakt med psykiatrin.",
        "Psykiatrins öppenvård, 0100-12 34 70.",
        "svenska",
    ),
    (
        "Kompetensutveckling i samverkan",
        EntryKind.INSATS,
        None,
        "KOMP",
        TargetGroup.HANDLAGGARE,
        (None, None),
        ALL,
        Access.EGEN,
        "Gemensamma utbildningsdagar för handläggare hos medlemmarna.",
        "Förbundets kansli, kansli@demo.invalid.",
        "svenska",
    ),
    (
        "Ungdomslots",
        EntryKind.TJANST,
        "Norrby kommun",
        None,
        TargetGroup.UNGA,
        (16, 29),
        "Norrby",
        Access.EGEN,
        "Lotsning för unga som varken arbetar eller studerar.",
        "Kommunens ungdomsmottagning, 0100-20 00 00.",
        "svenska, somaliska",
    ),
    (
        "Arbetsmarknadsenheten",
        EntryKind.TJANST,
        "Söderås kommun",
        None,
        TargetGroup.VUXNA,
        (18, 64),
        "Söderås",
        Access.REMISS,
        "Arbetsträning och praktik i kommunens verksamheter.",
        "Arbetsmarknadsenheten, 0100-30 00 00.",
        "svenska",
    ),
    (
        "Rehabiliteringskoordinator i primärvården",
        EntryKind.TJANST,
        "Region Demo",
        None,
        TargetGroup.VUXNA,
        (18, 67),
        ALL,
        Access.REMISS,
        "Samordning kring sjukskrivning och återgång i arbete via vårdcentralen.",
        "Din vårdcentral.",
        "svenska, engelska",
    ),
    (
        "Förstärkt samarbete",
        EntryKind.TJANST,
        "Försäkringskassan",
        None,
        TargetGroup.VUXNA,
        (18, 64),
        ALL,
        Access.REMISS,
        "Gemensam planering med Arbetsförmedlingen för den som är sjukskriven och behöver stöd "
        "tillbaka till arbete.",
        "Försäkringskassan, 0771-524 524.",
        "svenska",
    ),
    (
        "Rusta och matcha",
        EntryKind.TJANST,
        "Arbetsförmedlingen",
        None,
        TargetGroup.ALLA,
        (18, 64),
        ALL,
        Access.REMISS,
        "Stöd att söka jobb och utbildning genom en leverantör.",
        "Arbetsförmedlingen, 0771-416 416.",
        "svenska, engelska, arabiska, dari",
    ),
    (
        "Språkcafé för nyanlända",
        EntryKind.TJANST,
        "Västervik-Strand kommun",
        None,
        TargetGroup.NYANLANDA,
        (18, None),
        "Västervik-Strand",
        Access.EGEN,
        "Träffar där man övar svenska och får hjälp med kontakter med myndigheter.",
        "Biblioteket i Strand, 0100-40 00 00.",
        "svenska, arabiska, tigrinja, ukrainska",
    ),
    (
        "Nätverket för handläggare i rehabilitering",
        EntryKind.NATVERK,
        None,
        None,
        TargetGroup.HANDLAGGARE,
        (None, None),
        ALL,
        Access.EGEN,
        "Träffas fyra gånger om året för att dela erfarenheter mellan myndigheterna.",
        "Förbundets kansli, kansli@demo.invalid.",
        "svenska",
    ),
    (
        "Unga vuxna i samverkan",
        EntryKind.NATVERK,
        "Region Demo",
        None,
        TargetGroup.UNGA,
        (16, 29),
        ALL,
        Access.EGEN,
        "Nätverk för personal som möter unga med psykisk ohälsa.",
        "Region Demo, ungdomsteamet, 0100-50 00 00.",
        "svenska",
    ),
]


def load(forbund, users) -> None:
    members = {member.name: member for member in Member.objects.all()}
    insatser = {insats.code: insats for insats in Insats.objects.all()}
    kansli = users.get(Role.KANSLI)
    for (
        name,
        kind,
        organiser,
        insats,
        target,
        (age_min, age_max),
        kommuner,
        access,
        offers,
        contact,
        languages,
    ) in ENTRIES:
        entry = CatalogueEntry(
            forbund=forbund,
            slug=slugify(name)[:80],
            kind=kind,
            name=name,
            organiser=members.get(organiser) if organiser else None,
            insats=insatser.get(insats) if insats else None,
            target_group=target,
            age_min=age_min,
            age_max=age_max,
            municipalities=kommuner,
            offers=offers,
            access=access,
            contact=contact,
            languages=languages,
            reviewed_on=timezone.localdate(),
        )
        services.save_entry(entry, kansli, None)
        services.publish(entry, kansli)
    # One draft, which the public never sees.
    services.save_entry(
        CatalogueEntry(
            forbund=forbund,
            slug="utkast-jobbspar",
            name="Jobbspår (utkast)",
            kind=EntryKind.INSATS,
            target_group=TargetGroup.VUXNA,
            offers="Planeras till hösten.",
            access=Access.REMISS,
            contact="Kansliet.",
        ),
        kansli,
        None,
    )
