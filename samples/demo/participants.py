"""Demo insatser and five years of participations, shaped like published reports.

Shares follow Stockholms stad's annual report 2023: about 60 % women; at start 17 % under 30, 53 %
30–50 and 30 % over 50; education a third each (men more often grundskola, women more often
eftergymnasial); of those ended, about a third without a registered end reason and, of the
rest, sjukdom and fortsatt rehabilitering the largest groups. Activities as in Roslagen 2023 (a
motivating course, arbetsträning, individual support by method). Deterministic (fixed seed).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from organisations.choices import MemberKind, Role
from organisations.models import Member
from participants.choices import (
    ActivityKind,
    Education,
    EndReason,
    FollowUp12,
    Gender,
    InterventionKind,
    Method,
    Referrer,
)
from participants.models import (
    Activity,
    Insats,
    Participant,
    Participation,
    StructuralParticipantCount,
)

DEMO_INSATSER = [
    ("FT", "FINSAM-team", InterventionKind.INDIVIDUAL, date(2019, 1, 1)),
    ("AP", "Aktivitetsplatsen", InterventionKind.INDIVIDUAL, date(2020, 1, 1)),
    ("IPS", "IPS i psykosvården", InterventionKind.INDIVIDUAL, date(2021, 3, 1)),
    ("KOMP", "Kompetensutveckling i samverkan", InterventionKind.STRUCTURAL, date(2022, 1, 1)),
]

DETAILS: dict[str, dict[str, Any]] = {
    "FT": {
        "orientation": "Arbetslivsinriktad samordnad rehabilitering",
        "description": "Samordnat stöd från Försäkringskassan, Arbetsförmedlingen, kommunen "
        "och regionen för personer som behöver insatser från flera myndigheter.",
        "target_group": "Personer 16–64 år i medlemskommunerna med behov av samordnad "
        "rehabilitering, till exempel långtidssjukskrivna.",
        "methods": "Case Management, MI, förrehabiliterande kurs, arbetsträning",
        "expected_participants": 200,
        "expected_share_women": Decimal("55"),
        "expected_share_work_or_studies": Decimal("35"),
        "members": (MemberKind.FORSAKRINGSKASSAN, MemberKind.ARBETSFORMEDLINGEN, MemberKind.KOMMUN),
        "public": True,
    },
    "AP": {
        "orientation": "Arbetsträning och förrehabilitering",
        "description": "En arbetsplats med gruppverksamhet och arbetsträning för personer "
        "långt från arbetsmarknaden.",
        "target_group": "Unga vuxna 16–29 år och personer med funktionsnedsättning.",
        "methods": "Arbetsträning, gruppverksamhet, lots",
        "expected_participants": 90,
        "expected_share_women": Decimal("50"),
        "expected_share_work_or_studies": Decimal("30"),
        "members": (MemberKind.KOMMUN,),
        "public": True,
    },
    "IPS": {
        "orientation": "Arbetslivsinriktad rehabilitering (IPS)",
        "description": "Individual Placement and Support inom psykiatrin, ESF-finansierat "
        "tillsammans med grannförbunden.",
        "target_group": "Personer med psykossjukdom som vill arbeta eller studera.",
        "methods": "IPS, Supported Employment",
        "expected_participants": 60,
        "expected_share_women": Decimal("45"),
        "expected_share_work_or_studies": Decimal("40"),
        "members": (MemberKind.REGION,),
        "esf_financed": True,
        "public": True,
    },
    "KOMP": {
        "orientation": "Kompetensutveckling för medlemmarnas personal",
        "description": "Seminarier och nätverk för medlemmarnas personal.",
        "target_group": "Handläggare och chefer hos medlemmarna.",
        "methods": "Seminarier, forum",
        "members": (MemberKind.FORSAKRINGSKASSAN, MemberKind.REGION, MemberKind.KOMMUN),
    },
}

FIRST_YEAR = 2021
# Participations started per year and insats (individinriktade only).
STARTS_PER_YEAR = {"FT": 110, "AP": 75, "IPS": 35}

END_REASONS = [
    ("", 30),
    (EndReason.ARBETE, 8),
    (EndReason.STUDIER, 5),
    (EndReason.ARBETSSOKANDE, 9),
    (EndReason.FORTSATT_REHABILITERING, 20),
    (EndReason.SJUKDOM, 23),
    (EndReason.ANNAT, 5),
]
REFERRERS = [
    (Referrer.FORSAKRINGSKASSAN, 30),
    (Referrer.ARBETSFORMEDLINGEN, 20),
    (Referrer.KOMMUN, 25),
    (Referrer.REGION, 20),
    (Referrer.EGEN, 4),
    (Referrer.ANNAN, 1),
]
EDUCATION = {
    Gender.KVINNA: [
        (Education.GRUNDSKOLA, 26),
        (Education.GYMNASIUM, 32),
        (Education.EFTERGYMNASIAL, 41),
        ("", 1),
    ],
    Gender.MAN: [
        (Education.GRUNDSKOLA, 40),
        (Education.GYMNASIUM, 40),
        (Education.EFTERGYMNASIAL, 19),
        ("", 1),
    ],
}
AGE_BANDS = [((18, 29), 17), ((30, 50), 53), ((51, 64), 30)]
FOLLOW_UP = [(FollowUp12.JA, 40), (FollowUp12.NEJ, 35), (FollowUp12.EJ_NADD, 25)]
ACTIVITIES: dict[str, list[tuple[str, str, str, int]]] = {
    "FT": [
        (ActivityKind.INDIVIDUELLT_STOD, Method.CASE_MANAGEMENT, "", 90),
        (ActivityKind.KURS, Method.FORREHABILITERANDE_KURS, "Motiverande kurs", 25),
        (ActivityKind.ARBETSTRANING, Method.ARBETSTRANING, "Förrehabiliterande arbetsträning", 20),
        (
            ActivityKind.ARBETSTRANING,
            Method.SUPPORTED_EMPLOYMENT,
            "Arbetsträning hos arbetsgivare",
            25,
        ),
    ],
    "AP": [
        (ActivityKind.GRUPPAKTIVITET, "", "Gruppverksamhet", 80),
        (ActivityKind.ARBETSTRANING, Method.ARBETSTRANING, "Kafé och verkstad", 60),
        (ActivityKind.LOTS, Method.LOTS, "", 20),
    ],
    "IPS": [
        (ActivityKind.INDIVIDUELLT_STOD, Method.IPS, "", 100),
        (ActivityKind.ARBETSTRANING, Method.SUPPORTED_EMPLOYMENT, "Praktik", 35),
    ],
}


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def load(forbund, users, today: date | None = None) -> None:
    today = today or date.today()
    members = list(Member.objects.all())
    municipalities = [
        m.name.removesuffix(" kommun") for m in members if m.kind == MemberKind.KOMMUN
    ]
    insatser = {}
    for code, name, kind, start in DEMO_INSATSER:
        details = dict(DETAILS[code])
        member_kinds = details.pop("members")
        insats = Insats.objects.create(
            forbund=forbund, code=code, name=name, kind=kind, start_date=start, **details
        )
        insats.executing_members.set([m for m in members if m.kind in member_kinds])
        insatser[code] = insats
    insatser["FT"].responsible.add(users[Role.INSATSANSVARIG])
    _load_structural_counts(forbund, insatser["KOMP"], today)
    _load_participations(forbund, insatser, municipalities, today)


# Attendance of the structural insats per year (seminars and forums), for Uppföljning Finsam.
STRUCTURAL_COUNTS = {2022: (38, 14, 3), 2023: (45, 17, 6), 2024: (52, 19, 4), 2025: (49, 21, 5)}


def _load_structural_counts(forbund, insats, today: date) -> None:
    StructuralParticipantCount.objects.bulk_create(
        StructuralParticipantCount(
            forbund=forbund, insats=insats, year=year, women=women, men=men, not_stated=unknown
        )
        for year, (women, men, unknown) in STRUCTURAL_COUNTS.items()
        if year <= today.year
    )


def _load_participations(forbund, insatser, municipalities, today: date) -> None:
    rng = random.Random(2023)
    rows = []
    for year in range(FIRST_YEAR, today.year + 1):
        for code, per_year in STARTS_PER_YEAR.items():
            insats = insatser[code]
            for _ in range(per_year):
                start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                if start < insats.start_date or start > today:
                    continue
                rows.append(_participation(rng, forbund, insats, start, municipalities, today))
    # Some people come back to another insats: the same code in two participations.
    codes = [f"D{year % 100:02d}-{i:04d}" for i, (year, _) in enumerate(rows)]
    for i in range(0, len(codes), 17):
        if i + 1 < len(codes):
            codes[i + 1] = codes[i]
    participants = {}
    for code in dict.fromkeys(codes):
        participants[code] = Participant(forbund=forbund, code=code)
    Participant.objects.bulk_create(participants.values())
    participations = []
    seen = set()
    for code, (_year, participation) in zip(codes, rows, strict=True):
        key = (code, participation.insats_id, participation.start_date)
        if key in seen:
            continue
        seen.add(key)
        participation.participant = participants[code]
        participations.append(participation)
    Participation.objects.bulk_create(participations)
    _load_activities(rng, forbund, participations, insatser, today)


def _participation(rng, forbund, insats, start: date, municipalities, today: date):
    gender = _pick(rng, [(Gender.KVINNA, 60), (Gender.MAN, 39), (Gender.EJ_ANGIVET, 1)])
    low, high = _pick(rng, AGE_BANDS)
    birth_year = start.year - rng.randint(low, high) if rng.random() > 0.02 else None
    education = _pick(rng, EDUCATION.get(gender, EDUCATION[Gender.KVINNA]))
    length = timedelta(days=rng.randint(60, 540))
    end = start + length if start + length <= today else None
    reason = _pick(rng, END_REASONS) if end else ""
    follow_up = ""
    if end and insats.code in ("FT", "IPS") and end + timedelta(days=365) <= today:
        follow_up = _pick(rng, FOLLOW_UP)
    return start.year, Participation(
        forbund=forbund,
        insats=insats,
        start_date=start,
        end_date=end,
        end_reason=reason,
        gender=gender,
        birth_year=birth_year,
        education=education,
        referrer=_pick(rng, REFERRERS),
        municipality=rng.choice(municipalities) if municipalities else "",
        follow_up_12m=follow_up,
    )


def _load_activities(rng, forbund, participations, insatser, today: date) -> None:
    by_id = {insats.pk: code for code, insats in insatser.items()}
    activities = []
    for participation in participations:
        options = ACTIVITIES.get(by_id[participation.insats_id], [])
        last = participation.end_date or today
        for kind, method, label, share in options:
            if rng.randrange(100) >= share:
                continue
            span = max((last - participation.start_date).days, 1)
            start = participation.start_date + timedelta(days=rng.randrange(span))
            end = min(start + timedelta(days=rng.randint(20, 120)), last)
            ongoing = participation.end_date is None and end >= today
            activities.append(
                Activity(
                    forbund=forbund,
                    participation=participation,
                    kind=kind,
                    method=method,
                    label=label,
                    start_date=start,
                    end_date=None if ongoing else end,
                )
            )
    Activity.objects.bulk_create(activities)
