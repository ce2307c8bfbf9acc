"""The förbund's own scales and instruments, written as short text lines on a page.

Scale line:    `kod; Steg 1 | Steg 2 | … ; positiva steg (nummer, komma)`
               e.g. `ja_nej; Nej | Ja; 2`
Question line: `kod; skala (eller fritext); frågetext`
               e.g. `C1; grad6; Har mötet varit till nytta?`  `C2; fritext; Något mer?`
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from organisations.models import Forbund

from ..choices import QuestionKind
from ..languages import LANGUAGES
from ..models import MAX_STEPS, MIN_STEPS, Instrument, Question, Scale
from .instruments import editable_version

FREE_TEXT = "fritext"


class DefinitionError(ValueError):
    """Line number and reason, in Swedish."""


@dataclass
class QuestionLine:
    code: str
    scale: str  # scale code, or "fritext"
    text: str


def parse_scales(text: str) -> list[tuple[str, list[str], list[int]]]:
    scales = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 3 or not parts[0]:
            raise DefinitionError(
                _("Rad %(n)s: skriv kod; steg | steg | …; positiva steg.") % {"n": number}
            )
        steps = [s.strip() for s in parts[1].split("|") if s.strip()]
        if not MIN_STEPS <= len(steps) <= MAX_STEPS:
            raise DefinitionError(
                _("Rad %(n)s: en skala har %(min)s–%(max)s steg.")
                % {"n": number, "min": MIN_STEPS, "max": MAX_STEPS}
            )
        try:
            positive = sorted({int(p) for p in parts[2].split(",") if p.strip()})
        except ValueError:
            raise DefinitionError(
                _("Rad %(n)s: de positiva stegen anges med nummer, t.ex. 4,5,6.") % {"n": number}
            ) from None
        if not all(1 <= p <= len(steps) for p in positive):
            raise DefinitionError(
                _("Rad %(n)s: positiva steg ska vara mellan 1 och %(max)s.")
                % {"n": number, "max": len(steps)}
            )
        scales.append((parts[0], steps, positive))
    return scales


def parse_questions(text: str, scale_codes: set[str]) -> list[QuestionLine]:
    lines: list[QuestionLine] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";", 2)]
        if len(parts) != 3 or not all(parts):
            raise DefinitionError(
                _("Rad %(n)s: skriv kod; skala eller fritext; frågetext.") % {"n": number}
            )
        code, scale, question = parts
        if len(code) > 32 or code.casefold() in seen:
            raise DefinitionError(
                _("Rad %(n)s: koden %(code)s är för lång eller används redan.")
                % {"n": number, "code": code}
            )
        seen.add(code.casefold())
        if scale != FREE_TEXT and scale not in scale_codes:
            raise DefinitionError(
                _("Rad %(n)s: skalan %(scale)s finns inte. Skalor: %(known)s, eller fritext.")
                % {"n": number, "scale": scale, "known": ", ".join(sorted(scale_codes))}
            )
        lines.append(QuestionLine(code, scale, question))
    if not lines:
        raise DefinitionError(_("En enkät behöver minst en fråga."))
    return lines


def save_scales(forbund: Forbund, text: str) -> list[Scale]:
    saved = []
    with transaction.atomic():
        for code, steps, positive in parse_scales(text):
            scale, _created = Scale.objects.get_or_create(
                forbund=forbund, code=code, defaults={"steps": steps, "positive": positive}
            )
            if scale.builtin or scale.questions.filter(answers__isnull=False).exists():
                if (scale.steps, scale.positive) != (steps, positive):
                    raise DefinitionError(
                        _("Skalan %(code)s har svar eller är inbyggd och kan inte ändras.")
                        % {"code": code}
                    )
            else:
                scale.steps, scale.positive = steps, positive
                scale.save()
            saved.append(scale)
    return saved


def save_instrument(
    forbund: Forbund,
    code: str,
    name: str,
    group: str,
    questions_text: str,
    instrument: Instrument | None = None,
    translations_text: str = "",
) -> Instrument:
    """Create an instrument, or change one: a frozen (answered) version gets a new version."""
    scales = {s.code: s for s in Scale.objects.filter(forbund=forbund)}
    lines = parse_questions(questions_text, set(scales))
    translations = parse_translations(translations_text, {line.code for line in lines})
    with transaction.atomic():
        if instrument is None:
            if Instrument.objects.filter(code__iexact=code).exists():
                raise DefinitionError(
                    _("Förbundet har redan en enkät med koden %(c)s.") % {"c": code}
                )
            instrument = Instrument.objects.create(
                forbund=forbund,
                code=code,
                version=1,
                name=name,
                group=group,
                translations=translations,
            )
        else:
            instrument = editable_version(instrument)
            instrument.name, instrument.group = name, group
            instrument.translations = translations
            instrument.save(update_fields=["name", "group", "translations"])
            instrument.questions.all().delete()
        Question.objects.bulk_create(
            Question(
                instrument=instrument,
                position=position,
                code=line.code,
                text=line.text,
                kind=QuestionKind.TEXT if line.scale == FREE_TEXT else QuestionKind.SCALE,
                scale=None if line.scale == FREE_TEXT else scales[line.scale],
            )
            for position, line in enumerate(lines, 1)
        )
    return instrument


def questions_as_text(instrument: Instrument) -> str:
    return "\n".join(
        f"{q.code}; {q.scale.code if q.scale else FREE_TEXT}; {q.text}"
        for q in instrument.questions.select_related("scale")
    )


def scales_as_text(forbund: Forbund) -> str:
    return "\n".join(
        f"{s.code}; {' | '.join(s.steps)}; {','.join(str(p) for p in s.positive)}"
        for s in Scale.objects.filter(forbund=forbund, builtin=False)
    )


TEXT_KEYS = ("intro", "skicka", "kon")


def parse_translations(text: str, instrument_codes: set[str]) -> dict:
    """Lines `språk; namn|FRÅGEKOD|steg:SKALA|text:intro/skicka/kon; text`."""
    result: dict[str, dict] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";", 2)]
        if len(parts) != 3 or not all(parts):
            raise DefinitionError(
                _("Översättning rad %(n)s: skriv språk; vad; text.") % {"n": number}
            )
        language, key, value = parts
        if language not in LANGUAGES or language == "sv":
            raise DefinitionError(
                _("Översättning rad %(n)s: okänt språk %(l)s. Språk: %(known)s.")
                % {"n": number, "l": language, "known": ", ".join(list(LANGUAGES)[1:])}
            )
        entry = result.setdefault(language, {})
        if key == "namn":
            entry["namn"] = value
        elif key.startswith("steg:"):
            entry.setdefault("steg", {})[key[5:]] = [s.strip() for s in value.split("|")]
        elif key.startswith("text:") and key[5:] in TEXT_KEYS:
            entry.setdefault("texter", {})[key[5:]] = value
        elif key in instrument_codes:
            entry.setdefault("fragor", {})[key] = value
        else:
            raise DefinitionError(
                _(
                    "Översättning rad %(n)s: %(k)s är varken namn, en frågekod, steg:SKALA "
                    "eller text:intro/skicka/kon."
                )
                % {"n": number, "k": key}
            )
    return result


def translations_as_text(instrument: Instrument) -> str:
    lines = []
    for language, entry in sorted(instrument.translations.items()):
        if "namn" in entry:
            lines.append(f"{language}; namn; {entry['namn']}")
        for code, text in entry.get("fragor", {}).items():
            lines.append(f"{language}; {code}; {text}")
        for scale, steps in entry.get("steg", {}).items():
            lines.append(f"{language}; steg:{scale}; {' | '.join(steps)}")
        for key, text in entry.get("texter", {}).items():
            lines.append(f"{language}; text:{key}; {text}")
    return "\n".join(lines)
