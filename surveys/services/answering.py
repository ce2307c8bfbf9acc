"""Answers given on the web form: anonymous, limited per visitor, one per one-time code.

Nothing stored links an answer to a person: the response keeps the day (not the time), the
insats and kön if given. The rate limit lives only in the cache, keyed by a hash of the
visitor's address with a secret that changes every day; no address is ever stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from participants.models import Insats

from ..choices import ResponseSource
from ..models import Instrument, OneTimeCode, Round
from .response_import import save_responses

RATE_LIMIT = 10  # answers per visitor and round
RATE_WINDOW_SECONDS = 15 * 60
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8


@dataclass
class WebAnswer:
    instrument: Instrument
    insats: Insats
    date: date
    gender: str
    steps: dict[int, int | None]
    texts: dict[int, str]
    external_id: str = ""


def visitor_key(round: Round, address: str) -> str:
    today = timezone.localdate().isoformat()
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{today}|{round.pk}|{address}".encode())
    return "survey-rate:" + digest.hexdigest()[:32]


def over_rate_limit(round: Round, address: str) -> bool:
    """Count this attempt; True when the visitor has answered too often lately."""
    key = visitor_key(round, address)
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > RATE_LIMIT


def use_code(round: Round, code: str) -> bool:
    """Mark a one-time code used; False when it does not exist or was used."""
    normalised = code.strip().upper().replace(" ", "").replace("-", "")
    return (
        OneTimeCode.objects.filter(round=round, code=normalised, used=False).update(used=True) == 1
    )


def save_web_answer(round: Round, answer: WebAnswer, code: str | None) -> bool:
    with transaction.atomic():
        if round.uses_codes and (code is None or not use_code(round, code)):
            return False
        save_responses(round.forbund, [answer], ResponseSource.WEB, round=round)
    return True


def make_codes(round: Round, count: int) -> list[str]:
    existing = set(round.codes.values_list("code", flat=True))
    new: set[str] = set()
    while len(new) < count:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in existing:
            new.add(code)
    OneTimeCode.objects.bulk_create(OneTimeCode(round=round, code=code) for code in sorted(new))
    if new and not round.uses_codes:
        round.uses_codes = True
        round.save(update_fields=["uses_codes"])
    return sorted(new)
