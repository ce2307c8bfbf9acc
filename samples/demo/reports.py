"""Demo reports for the demo förbund: texts for two annual reports (2024 adopted, 2025 a
draft), goals for 2024–2026, a business plan for 2026 and the second tertial report of 2025.

Called by `manage.py load_demo` after the participants, budget and economy demos, so the
reports have participations, budgets and five years of books to show. Adopting 2024 renders
its PDF and DOCX once (a few seconds).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from organisations.choices import Role
from organisations.models import Member
from participants.models import Insats
from reports.choices import Direction, Indicator, Period, ReportKind, TrusteeRole
from reports.models import Goal, Trustee
from reports.services import (
    SignatoryInput,
    adopt_annual_report,
    get_or_create_report,
    save_goal,
    save_texts,
)
from samples.demo import report_extras
from samples.demo import texts as demo_texts

# The register of förtroendevalda (name, role, appointed by, mandate from): the board of the
# mandate period 2023–2026 with a ledamot and an ersättare from each member, and the auditors.
TRUSTEES = [
    ("Stina Styrelsedotter", TrusteeRole.CHAIR, "Norrby kommun"),
    ("Lars Lindqvist", TrusteeRole.VICE_CHAIR, "Region Demo"),
    ("Maria Ek", TrusteeRole.MEMBER, "Försäkringskassan"),
    ("Johan Berg", TrusteeRole.MEMBER, "Arbetsförmedlingen"),
    ("Eva Holm", TrusteeRole.MEMBER, "Söderås kommun"),
    ("Ali Hassan", TrusteeRole.MEMBER, "Västervik-Strand kommun"),
    ("Per Persson", TrusteeRole.DEPUTY, "Norrby kommun"),
    ("Karin Åberg", TrusteeRole.DEPUTY, "Region Demo"),
    ("Sara Lund", TrusteeRole.DEPUTY, "Försäkringskassan"),
    ("Olof Strand", TrusteeRole.DEPUTY, "Arbetsförmedlingen"),
    ("Anna Söder", TrusteeRole.DEPUTY, "Söderås kommun"),
    ("Mats Vik", TrusteeRole.DEPUTY, "Västervik-Strand kommun"),
    ("Gun Granskare", TrusteeRole.AUDITOR, "Region Demo"),
    ("Bertil Bok", TrusteeRole.AUDITOR, "Norrby kommun"),
]
AUDIT_FIRM = ("Revisorsbyrån Demo AB", "Cecilia Certifierad")
MANDATE = (date(2023, 1, 1), date(2026, 12, 31))

BOARD = [
    SignatoryInput(name, f"{role.label}, {member}")
    for name, role, member in TRUSTEES
    if role in (TrusteeRole.CHAIR, TrusteeRole.VICE_CHAIR, TrusteeRole.MEMBER)
]

# (insats code or "", title, indicator, direction, target, manual result, unit)
GOALS: dict[int, list[tuple]] = {
    2024: [
        (
            "",
            "Minst 380 deltagare i individinriktade insatser",
            Indicator.PARTICIPANTS,
            Direction.AT_LEAST,
            380,
            None,
            "",
        ),
        (
            "",
            "Kostnaderna ryms i budgeten",
            Indicator.BUDGET_KEPT,
            Direction.AT_MOST,
            100,
            None,
            "",
        ),
        ("FT", "Minst 200 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 200, None, ""),
        (
            "FT",
            "Minst 25 % av de avslutade går till arbete eller studier",
            Indicator.SHARE_WORK_OR_STUDIES,
            Direction.AT_LEAST,
            25,
            None,
            "",
        ),
        ("AP", "Minst 80 nya deltagare", Indicator.STARTED, Direction.AT_LEAST, 80, None, ""),
        (
            "AP",
            "Hälften av deltagarna är kvinnor",
            Indicator.SHARE_WOMEN,
            Direction.CLOSE_TO,
            50,
            None,
            "",
        ),
        ("IPS", "Minst 60 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 60, None, ""),
        (
            "KOMP",
            "Minst fyra gemensamma forum för medarbetare",
            Indicator.MANUAL,
            Direction.AT_LEAST,
            4,
            5,
            "forum",
        ),
    ],
    2025: [
        (
            "",
            "Minst 400 deltagare i individinriktade insatser",
            Indicator.PARTICIPANTS,
            Direction.AT_LEAST,
            400,
            None,
            "",
        ),
        (
            "",
            "Kostnaderna ryms i budgeten",
            Indicator.BUDGET_KEPT,
            Direction.AT_MOST,
            100,
            None,
            "",
        ),
        ("FT", "Minst 200 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 200, None, ""),
        (
            "FT",
            "Minst 20 % av de avslutade går till arbete eller studier",
            Indicator.SHARE_WORK_OR_STUDIES,
            Direction.AT_LEAST,
            20,
            None,
            "",
        ),
        ("AP", "Minst 80 nya deltagare", Indicator.STARTED, Direction.AT_LEAST, 80, None, ""),
        (
            "AP",
            "Minst 15 % av de avslutade går till arbete eller studier",
            Indicator.SHARE_WORK_OR_STUDIES,
            Direction.AT_LEAST,
            15,
            None,
            "",
        ),
        ("IPS", "Minst 60 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 60, None, ""),
        (
            "IPS",
            "Budgeten för insatsen hålls",
            Indicator.BUDGET_KEPT,
            Direction.AT_MOST,
            100,
            None,
            "",
        ),
        (
            "KOMP",
            "Minst 300 medarbetare deltar i kompetensinsatser",
            Indicator.MANUAL,
            Direction.AT_LEAST,
            300,
            262,
            "personer",
        ),
        (
            "KOMP",
            "Minst fyra gemensamma forum för medarbetare",
            Indicator.MANUAL,
            Direction.AT_LEAST,
            4,
            6,
            "forum",
        ),
    ],
    2026: [
        (
            "",
            "Minst 420 deltagare i individinriktade insatser",
            Indicator.PARTICIPANTS,
            Direction.AT_LEAST,
            420,
            None,
            "",
        ),
        (
            "",
            "Kostnaderna ryms i budgeten",
            Indicator.BUDGET_KEPT,
            Direction.AT_MOST,
            100,
            None,
            "",
        ),
        ("FT", "Minst 210 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 210, None, ""),
        (
            "FT",
            "Minst 25 % av de avslutade går till arbete eller studier",
            Indicator.SHARE_WORK_OR_STUDIES,
            Direction.AT_LEAST,
            25,
            None,
            "",
        ),
        ("AP", "Minst 80 nya deltagare", Indicator.STARTED, Direction.AT_LEAST, 80, None, ""),
        ("IPS", "Minst 75 deltagare", Indicator.PARTICIPANTS, Direction.AT_LEAST, 75, None, ""),
        (
            "KOMP",
            "Minst fyra gemensamma forum för medarbetare",
            Indicator.MANUAL,
            Direction.AT_LEAST,
            4,
            None,
            "forum",
        ),
    ],
}
COMMENTS = {
    (2025, "Minst 300 medarbetare deltar i kompetensinsatser"): (
        "Två av höstens seminarier ställdes in när föreläsarna fick förhinder."
    ),
    (2025, "Minst 15 % av de avslutade går till arbete eller studier"): (
        "Många av Aktivitetsplatsens deltagare har gått vidare till fortsatt rehabilitering, "
        "vilket också är en stegförflyttning."
    ),
}


def load_trustees(forbund) -> None:
    members = {member.name: member for member in Member.objects.filter(forbund=forbund)}
    start, end = MANDATE
    for name, role, member in TRUSTEES:
        Trustee.objects.create(
            forbund=forbund, name=name, role=role, member=members[member], start=start, end=end
        )
    firm, person = AUDIT_FIRM
    Trustee.objects.create(
        forbund=forbund,
        name=person,
        role=TrusteeRole.AUDIT_EXPERT,
        organisation=firm,
        start=start,
        end=end,
    )


def load(forbund, users) -> None:
    user = users[Role.KANSLI]
    load_trustees(forbund)
    insatser = {insats.code: insats for insats in Insats.objects.filter(forbund=forbund)}
    for year, goals in GOALS.items():
        for position, (code, title, indicator, direction, target, manual, unit) in enumerate(
            goals, start=1
        ):
            if code and code not in insatser:
                continue  # the participants demo has no such insats
            save_goal(
                Goal(
                    forbund=forbund,
                    year=year,
                    insats=insatser.get(code) if code else None,
                    title=title,
                    indicator=indicator,
                    direction=direction,
                    target=Decimal(target),
                    manual_result=None if manual is None else Decimal(manual),
                    unit=unit,
                    comment=COMMENTS.get((year, title), ""),
                    position=10 * position,
                ),
                user,
            )
    for year, texts in ((2024, demo_texts.ANNUAL_2024), (2025, demo_texts.ANNUAL_2025)):
        report = get_or_create_report(forbund, ReportKind.ANNUAL, year)
        report.signing_place = "Norrby"
        report.save()
        save_texts(report, texts, user)
    report_extras.load(forbund, user)  # 2025: an organisation chart and a text per insats
    save_texts(get_or_create_report(forbund, ReportKind.PLAN, 2026), demo_texts.PLAN_2026, user)
    save_texts(
        get_or_create_report(forbund, ReportKind.PERIOD, 2025, Period.T2),
        demo_texts.PERIOD_2025_T2,
        user,
    )
    adopt_annual_report(
        forbund,
        2024,
        user,
        adopted_on=date(2025, 3, 19),
        decision_reference="Styrelsen 2025-03-19 § 6",
        signatories=BOARD,
        place="Norrby",
        for_publication=True,  # the version that leaves the förbund: small counts suppressed
        # IPS's description and its ESF mark tell its history: the board keeps them, with
        # the reason in the adoption record (reports.services.consistency).
        acknowledgements={
            "esf:insats-IPS:0": "ESF-finansieringen av IPS gällde projektperioden 2021–2023; "
            "beskrivningen av insatsen gäller hela dess tid."
        },
    )
