"""Import of the participant file (deltagarfil), docs/format/deltagarfil.md.

One service behind the command, the web upload and (later) the API:

    result = import_participants(forbund, file, "deltagare.xlsx", user, dry_run=True)
    result.errors    # every problem, each with Excel row, column, value and Swedish reason
    result.created, result.updated, result.unchanged

All or nothing: every row is validated before anything is written, and the writes run in one
transaction. Idempotent on (deltagar_id, insats, startdatum); nothing is ever deleted.

Speed (100 000 rows in a few seconds): the existing insatser, participants and participations
are read in one query each, rows are compared in memory, and new rows are written with one
prepared INSERT executed for many parameter rows (`core.bulk.insert_rows`), changed rows with one
prepared UPDATE — never one query per row.

Audit: one `participations.imported` event per import (who, file, counts) and one
`participation.updated` event per changed participation (which fields changed, values masked).
A created participation gets no event of its own: the import event says who created how many
from which file, and the row's `created_at` ties it to that event. Writing 100 000 create
events would double the import for no information the summary does not hold; changes are few
and are what a history needs to show.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope

from core import audit
from core.bulk import insert_rows
from core.models import AuditEvent
from core.tabular import CellError, FileLike, ImportFlow, Row, errors_of
from core.tabular import ImportResult as FileImportResult
from organisations.models import Forbund, Membership
from participants.models import ConsentScope, Insats, Participant, Participation
from participants.rules import (
    COLUMN_OF_FIELD,
    DATA_FIELDS,
    FIELD_OF_COLUMN,
    FILE_SPELLING,
    PARTICIPANT_COLUMNS,
    participation_problems,
    structural_warning,
)
from participants.services import bulk
from participants.services.access import participant_insats_ids
from participants.services.consent import consented_participant_ids, follow_up_refusal_message
from participants.services.least_data import field_label, off_fields, requires_consent

DATA_COLUMNS: tuple[str, ...] = tuple(COLUMN_OF_FIELD[name] for name in DATA_FIELDS)
PROGRESS_STEP = 1000


@dataclass
class RowChange:
    """A row that would change an existing participation, for the summary before confirming."""

    row: int
    participant: str
    insats: str
    start_date: date
    columns: list[str]


@dataclass
class ImportResult(FileImportResult):
    """The common result (errors, warnings, counts) and the participant file's own counts."""

    new_participants: int = 0
    by_insats: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    changes: list[RowChange] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "%(rows)s rader: %(created)s nya deltaganden, %(updated)s ändrade, "
            "%(unchanged)s oförändrade, %(participants)s nya deltagare."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "participants": self.new_participants,
        }


def import_participants(
    forbund: Forbund,
    file: FileLike,
    filename: str,
    user=None,
    dry_run: bool = False,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate the whole file, then (unless dry_run or any error) write it in one transaction.

    `user` None means the command line (every insats of the förbund). A user who is
    insatsansvarig may only import rows of their own insatser; other rows are errors.
    `progress(done, total)` is called as rows are checked (for a progress bar).
    """
    with scope(forbund=forbund):
        return ParticipantImport(forbund, user, progress).run(file, filename, dry_run=dry_run)


@dataclass
class _ValidRow:
    number: int
    participant: str
    insats: Insats
    insats_id: int
    start_date: date
    data: tuple[Any, ...]  # values of DATA_FIELDS


def _allowed_insats_ids(forbund: Forbund, user) -> set[int] | None:
    if user is None:
        return None
    membership = Membership.objects.filter(forbund=forbund, user=user).first()
    if membership is None:
        raise PermissionDenied
    return participant_insats_ids(membership)


class ParticipantImport(ImportFlow[ImportResult]):
    result_class = ImportResult
    progress_step = PROGRESS_STEP

    def __init__(self, forbund: Forbund, user, progress: Callable[[int, int], None] | None):
        super().__init__(progress)
        self.forbund, self.user = forbund, user
        self.first_row_of: dict[tuple[str, int, date], int] = {}
        self.warned: set[str] = set()

    def columns(self):
        return PARTICIPANT_COLUMNS

    def prepare(self, result: ImportResult) -> None:
        self.result = result
        self.allowed = _allowed_insats_ids(self.forbund, self.user)
        self.insatser = {insats.code: insats for insats in Insats.objects.all()}
        # Least data: columns of fields the förbund does not collect must be empty.
        self.off_columns = {COLUMN_OF_FIELD[name]: name for name in off_fields(self.forbund)}
        # Consent: a follow-up needs one when the förbund asks for it.
        self.consented_codes: set[str] | None = None
        if requires_consent(self.forbund, ConsentScope.FOLLOW_UP_12M):
            ids = consented_participant_ids(self.forbund, ConsentScope.FOLLOW_UP_12M)
            self.consented_codes = set(
                Participant.objects.filter(pk__in=ids).values_list("code", flat=True)
            )

    def check_row(
        self, row: Row, values: dict[str, Any], errors: list[CellError]
    ) -> _ValidRow | None:
        code = values["insats"]
        insats = self.insatser.get(code) if code else None
        if code and insats is None:
            errors.append(
                CellError(
                    row.number,
                    "insats",
                    code,
                    _("Ingen insats med den koden är registrerad för förbundet."),
                )
            )
        elif insats is not None and self.allowed is not None and insats.id not in self.allowed:
            errors.append(
                CellError(
                    row.number,
                    "insats",
                    code,
                    _("Du är inte insatsansvarig för insatsen och kan inte importera dess rader."),
                )
            )
        # A reason is not "without an end date" when the end date was there but unreadable.
        unreadable_end = any(e.column == "slutdatum" for e in errors_of(row, errors))
        for field_name, value, reason in participation_problems(
            start_date=values["startdatum"],
            end_date=values["slutdatum"],
            end_reason="" if unreadable_end else values["avslutsorsak"] or "",
            birth_year=values["fodelsear"],
        ):
            errors.append(CellError(row.number, COLUMN_OF_FIELD[field_name], value, reason))
        self._check_privacy(row, values, errors)
        if insats is None or (errors and errors[-1].row == row.number):
            return None
        key = (values["deltagar_id"], insats.id, values["startdatum"])
        earlier = self.first_row_of.setdefault(key, row.number)
        if earlier != row.number:
            errors.append(
                CellError(
                    row.number,
                    "deltagar_id",
                    values["deltagar_id"],
                    _("Samma deltagar_id, insats och startdatum som rad %(row)s.")
                    % {"row": earlier},
                )
            )
            return None
        if insats.code not in self.warned:
            self.warned.add(insats.code)
            warning = structural_warning(insats)
            if warning:
                self.result.warnings.append(CellError(None, "insats", insats.code, warning))
        return _ValidRow(
            number=row.number,
            participant=values["deltagar_id"],
            insats=insats,
            insats_id=insats.id,
            start_date=values["startdatum"],
            data=tuple(values[column] for column in DATA_COLUMNS),
        )

    def _check_privacy(self, row: Row, values: dict[str, Any], errors: list[CellError]) -> None:
        for column, name in self.off_columns.items():
            value = values.get(column)
            if value not in (None, ""):
                errors.append(
                    CellError(
                        row.number,
                        column,
                        str(value),
                        _(
                            "Förbundet samlar inte in uppgiften %(field)s (inställningen för "
                            "personuppgifter). Lämna kolumnen tom eller ta bort den ur filen."
                        )
                        % {"field": field_label(name)},
                    )
                )
        follow_up = values.get("egen_forsorjning_12_man")
        if (
            follow_up
            and self.consented_codes is not None
            and values["deltagar_id"] not in self.consented_codes
        ):
            errors.append(
                CellError(
                    row.number,
                    "egen_forsorjning_12_man",
                    FILE_SPELLING["egen_forsorjning_12_man"].get(follow_up, follow_up),
                    follow_up_refusal_message(),
                )
            )

    def plan(self, items: list[_ValidRow], result: ImportResult) -> _Plan:
        return _plan(items, result)

    def write(self, plan: _Plan, result: ImportResult) -> None:
        moved = _changed_meanwhile(plan)
        if moved:
            result.errors.extend(
                CellError(
                    row.number,
                    "deltagar_id",
                    row.participant,
                    _(
                        "Deltagandet ändrades av någon annan medan importen pågick. Inget har "
                        "sparats; försök igen."
                    ),
                )
                for row in moved
            )
            return
        _write(self.forbund, self.user, plan, result)


@dataclass
class _Plan:
    participant_ids: dict[str, int]
    new_participants: list[str]
    creates: list[_ValidRow]
    # (participation pk, its stored version, row, changed fields)
    updates: list[tuple[int, int, _ValidRow, list[str]]]


def _plan(rows: list[_ValidRow], result: ImportResult) -> _Plan:
    """Compare the file with what is stored: one query for participants, one for rows."""
    participant_ids = dict(Participant.objects.order_by().values_list("code", "pk"))
    insats_ids = {row.insats_id for row in rows}
    stored = (
        Participation.objects.filter(insats_id__in=insats_ids)
        .order_by()
        .values_list("participant_id", "insats_id", "start_date", "pk", "version", *DATA_FIELDS)
    )
    existing: dict[tuple[int, int, date], tuple[Any, ...]] = {
        (values[0], values[1], values[2]): values[3:] for values in bulk.fetch_rows(stored)
    }
    plan = _Plan(participant_ids, [], [], [])
    new_codes: set[str] = set()
    for row in rows:
        counts = result.by_insats[row.insats.code]
        participant_id = participant_ids.get(row.participant)
        stored_row = (
            existing.get((participant_id, row.insats_id, row.start_date))
            if participant_id is not None
            else None
        )
        if stored_row is None:
            if participant_id is None and row.participant not in new_codes:
                new_codes.add(row.participant)
                plan.new_participants.append(row.participant)
            plan.creates.append(row)
            counts["created"] += 1
            continue
        pk, version, old = stored_row[0], stored_row[1], stored_row[2:]
        changed = [
            DATA_FIELDS[i] for i, (a, b) in enumerate(zip(old, row.data, strict=True)) if a != b
        ]
        if changed:
            plan.updates.append((pk, version, row, changed))
            counts["updated"] += 1
            result.changes.append(
                RowChange(
                    row.number,
                    row.participant,
                    row.insats.code,
                    row.start_date,
                    [COLUMN_OF_FIELD[name] for name in changed],
                )
            )
        else:
            counts["unchanged"] += 1
    result.created = len(plan.creates)
    result.updated = len(plan.updates)
    result.unchanged = len(rows) - result.created - result.updated
    result.new_participants = len(plan.new_participants)
    return plan


def _changed_meanwhile(plan: _Plan) -> list[_ValidRow]:
    """Lock the rows the import changes and return those saved (from a form) since the plan
    read them. The import lock keeps other imports out, not edits; an edit that comes after
    this lock waits and then finds its version gone (core/versioning.py). SQLite: the import
    holds the database's write lock from the start, so nothing can have changed."""
    if not plan.updates or connection.vendor != "postgresql":
        return []
    table = Participation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, version FROM {table} WHERE id = ANY(%s) FOR UPDATE",  # noqa: S608
            [[pk for pk, _version, _row, _changed in plan.updates]],
        )
        current = dict(cursor.fetchall())
    return [row for pk, version, row, _changed in plan.updates if current.get(pk) != version]


def _write(forbund: Forbund, user, plan: _Plan, result: ImportResult) -> None:
    now = bulk.db_value(Participation, "created_at", timezone.now())
    ids = plan.participant_ids
    if plan.new_participants:
        insert_rows(
            Participant,
            ("forbund_id", "code", "created_at"),
            [(forbund.pk, code, now) for code in plan.new_participants],
        )
        ids = dict(Participant.objects.order_by().values_list("code", "pk"))
    insert_rows(
        Participation,
        (
            "forbund_id",
            "participant_id",
            "insats_id",
            "start_date",
            *DATA_FIELDS,
            "created_at",
            "updated_at",
        ),
        [
            (forbund.pk, ids[row.participant], row.insats_id, row.start_date, *row.data, now, now)
            for row in plan.creates
        ],
    )
    # The version grows as with any save: a form opened before the import is then stale.
    bulk.update_rows(
        Participation,
        (*DATA_FIELDS, "updated_at", "version"),
        ((pk, (*row.data, now, version + 1)) for pk, version, row, _changed in plan.updates),
    )
    actor = user if user is not None and user.is_authenticated else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                forbund=forbund,
                actor=actor,
                action="participation.updated",
                object_type=Participation._meta.label_lower,
                object_id=str(pk),
                object_repr=Participation(pk=pk, insats_id=row.insats.pk).audit_repr(),
                changes={
                    **dict.fromkeys(changed, audit.MASK),
                    "källa": _("import av fil %(sha256)s, rad %(row)s")
                    % {"sha256": result.file.get("sha256", ""), "row": row.number},
                },
            )
            for pk, _version, row, changed in plan.updates
        ],
        batch_size=500,
    )
    audit.log(
        user,
        "participations.imported",
        forbund=forbund,
        changes={
            "fil": result.file,
            "rader": result.rows,
            "nya": result.created,
            "ändrade": result.updated,
            "oförändrade": result.unchanged,
            "nya_deltagare": result.new_participants,
            "insatser": sorted(result.by_insats),
        },
    )


__all__ = ["FIELD_OF_COLUMN", "ImportResult", "RowChange", "import_participants"]
