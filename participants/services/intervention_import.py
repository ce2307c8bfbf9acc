"""Import of the insats file (docs/format/insatsfil.md, `import_interventions`).

Same reading rules as the participant file; all or nothing; an existing `kod` updates that
insats (name, type, period), nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_scopes import scope

from core import audit
from core.tabular import (
    CellError,
    Column,
    FileLike,
    ImportFlow,
    ImportResult,
    Row,
    ValueProblem,
    cell_text,
    parse_code,
    parse_date,
)
from core.versioning import StaleEdit, claim
from organisations.models import Forbund
from participants.choices import InterventionKind
from participants.models import Insats
from participants.validators import validate_insats_code

CODE_MAX = 32
NAME_MAX = 200


def _parse_code(value: Any) -> str:
    text = cell_text(value)
    if len(text) > CODE_MAX:
        raise ValueProblem(_("Koden får vara högst %(max)s tecken.") % {"max": CODE_MAX})
    try:
        validate_insats_code(text)
    except ValidationError as error:
        raise ValueProblem(error.messages[0]) from None
    return text


def _parse_name(value: Any) -> str:
    text = cell_text(value)
    if len(text) > NAME_MAX:
        raise ValueProblem(_("Namnet får vara högst %(max)s tecken.") % {"max": NAME_MAX})
    return text


INTERVENTION_COLUMNS: tuple[Column, ...] = (
    Column("kod", required=True, parse=_parse_code),
    Column("namn", required=True, parse=_parse_name),
    Column(
        "typ",
        required=True,
        # The national register says "strukturövergripande" for strukturinriktad.
        parse=parse_code(
            InterventionKind.choices, {"strukturövergripande": InterventionKind.STRUCTURAL}
        ),
    ),
    Column("startdatum", parse=parse_date),
    Column("slutdatum", parse=parse_date),
)


@dataclass
class InterventionImportResult(ImportResult):
    def summary(self) -> str:
        return _(
            "%(rows)s rader: %(created)s nya insatser, %(updated)s ändrade, "
            "%(unchanged)s oförändrade."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def import_interventions(
    forbund: Forbund, file: FileLike, filename: str, user=None
) -> InterventionImportResult:
    with scope(forbund=forbund):
        return InterventionImport(forbund, user).run(file, filename)


class InterventionImport(ImportFlow[InterventionImportResult]):
    result_class = InterventionImportResult

    def __init__(self, forbund: Forbund, user):
        super().__init__()
        self.forbund, self.user = forbund, user
        self.first_row_of: dict[str, int] = {}

    def columns(self):
        return INTERVENTION_COLUMNS

    def check_row(self, row: Row, values: dict[str, Any], errors: list[CellError]):
        start, end = values["startdatum"], values["slutdatum"]
        if start and end and end < start:
            errors.append(
                CellError(
                    row.number, "slutdatum", end.isoformat(), _("Slutdatum ligger före startdatum.")
                )
            )
        code = values["kod"]
        if code:
            earlier = self.first_row_of.setdefault(code.casefold(), row.number)
            if earlier != row.number:
                errors.append(
                    CellError(
                        row.number, "kod", code, _("Samma kod som rad %(row)s.") % {"row": earlier}
                    )
                )
        return values

    def write(self, plan: list[dict[str, Any]], result: InterventionImportResult) -> None:
        existing = {insats.code: insats for insats in Insats.objects.all()}
        try:
            with transaction.atomic():
                for values in plan:
                    _save(self.forbund, self.user, existing.get(values["kod"]), values, result)
        except StaleEdit as stale:  # saved from a form after the read above: nothing is saved
            result.created = result.updated = result.unchanged = 0
            code = getattr(stale.current, "code", "")
            result.errors.append(
                CellError(
                    None,
                    "kod",
                    code,
                    _(
                        "Insatsen ändrades av någon annan medan importen pågick. Inget har "
                        "sparats; försök igen."
                    ),
                )
            )


def _save(forbund, user, insats: Insats | None, values: dict[str, Any], result) -> None:
    fields = {
        "name": values["namn"],
        "kind": values["typ"],
        "start_date": values["startdatum"],
        "end_date": values["slutdatum"],
    }
    if insats is None:
        insats = Insats.objects.create(forbund=forbund, code=values["kod"], **fields)
        audit.log(user, "insats.created", insats, changes=audit.diff(None, insats))
        result.created += 1
        return
    before = claim(insats, insats.version)  # holds the row; refuses one saved meanwhile
    for name, value in fields.items():
        setattr(insats, name, value)
    changes = audit.diff(before, insats)
    if not changes:
        result.unchanged += 1
        return
    insats.save(update_fields=list(fields))
    audit.log(user, "insats.updated", insats, changes=changes)
    result.updated += 1
