"""Optimistic locking: an edit is saved only if nobody else saved the row since the form was
loaded; otherwise the form comes back with what the other person saved next to what you typed.

    class BudgetLine(Versioned): ...                          # a `version` column, +1 per save
    class BudgetLineForm(VersionedForm, forms.ModelForm): ... # the version as a hidden field

    # the view
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                before = claim(line, form.expected_version)   # locks the row; raises StaleEdit
                save_line(form.save(commit=False), user, before=before)
        except StaleEdit as stale:
            form.show_conflict(stale)       # re-render: message, their values, your values
        else:
            return redirect(...)

`claim` runs `UPDATE … SET version = n WHERE id = … AND version = n`: on PostgreSQL this takes
the row lock (a concurrent edit waits, then finds the version moved on and is refused), on
SQLite the database's write lock. The stored row it then reads is the real "before" for the
audit log: nothing else can change it until the transaction ends.

Pages that edit a set of rows at once (a year's contributions, the key, report texts) carry a
`fingerprint` of the rows' (id, version) pairs instead, compared while the förbund's row is
locked (`lock_forbund`).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar, cast

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .forms import Form

T = TypeVar("T")


class Versioned(models.Model):
    """A row edited through forms: `version` grows by one with every save."""

    # db_default too: the fast bulk inserts (core.bulk) name their columns and leave it out.
    version = models.PositiveIntegerField(
        gettext_lazy("version"), default=1, db_default=1, editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and self.pk is not None:
            self.version = (self.version or 0) + 1
            if update_fields is not None and "version" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "version"]
        super().save(*args, **kwargs)


class StaleEdit(Exception):
    """Someone else saved (or removed) the row since the form was loaded; nothing was saved.

    `current` is the row as stored now (None when it was removed)."""

    def __init__(self, model: type[models.Model], current: models.Model | None):
        self.model = model
        self.current = current
        super().__init__(stale_message(model, current))


def stale_message(model: type[models.Model], current: models.Model | None) -> str:
    what = model._meta.verbose_name
    if current is None:
        return _(
            "Någon annan har tagit bort %(what)s medan du redigerade. Dina ändringar har inte "
            "sparats."
        ) % {"what": what}
    return _(
        "Någon annan har ändrat %(what)s ”%(name)s” medan du redigerade. Dina ändringar har "
        "inte sparats. Jämför nedan vad som är sparat nu med dina värden; spara igen om dina "
        "ska gälla."
    ) % {"what": what, "name": str(current)[:100]}


def claim(instance: Versioned, expected: int) -> dict[str, Any]:
    """Inside transaction.atomic: lock the stored row of `instance` if its version is still
    `expected` and return its audit snapshot (the real values before this edit).

    Raises StaleEdit when the row was saved or removed since. `instance.version` is set to the
    stored one, so the following save() writes the next."""
    model = type(instance)
    manager = model._base_manager
    claimed = manager.filter(pk=instance.pk, version=expected).update(version=expected)
    current = manager.filter(pk=instance.pk).first()
    if not claimed or current is None:
        raise StaleEdit(model, current)
    instance.version = current.version
    return audit.snapshot(current)


def save_or_conflict(form: VersionedForm, save: Callable[[dict[str, Any] | None], T]) -> T | None:
    """Run `save(before)` in one transaction that holds the form's row (claimed at the form's
    version; `before` is None for a new row) and return what it returns; or, when someone else
    saved the row since the form was loaded, turn the form into the conflict view and return
    None. Exceptions of `save` roll the transaction back and propagate."""
    instance = form.instance
    try:
        with transaction.atomic():
            before = claim(instance, form.expected_version) if instance.pk is not None else None
            return save(before)
    except StaleEdit as stale:
        form.show_conflict(stale)
        return None


def delete_versioned(instance: Versioned, posted_version: Any, delete: Callable[[], Any]) -> str:
    """Run `delete()` in a transaction holding the row if it is still at the version the page
    showed. Returns "" when deleted, else the Swedish reason nothing was deleted."""
    try:
        expected = int(posted_version)
    except (TypeError, ValueError):
        return str(VERSION_REQUIRED)
    try:
        with transaction.atomic():
            claim(instance, expected)
            delete()
    except StaleEdit as stale:
        if stale.current is None:
            return str(stale)
        return _(
            "Någon annan har ändrat %(what)s ”%(name)s” sedan du öppnade sidan, så den är inte "
            "borttagen. Se vad som är sparat nu och ta bort den igen om den ska bort."
        ) % {"what": stale.model._meta.verbose_name, "name": str(stale.current)[:100]}
    return ""


def lock_forbund(forbund) -> None:
    """Inside transaction.atomic: hold the förbund's row until the transaction ends, so edits of
    a set of its rows (and imports) run one at a time. On SQLite, the database's write lock."""
    from django.db import connection

    model = type(forbund)
    if connection.vendor == "postgresql":
        # FOR NO KEY UPDATE: one such edit at a time, while rows that merely refer to the
        # förbund (audit events, imports) are still inserted.
        model._base_manager.select_for_update(no_key=True).filter(pk=forbund.pk).first()
    else:
        model._base_manager.filter(pk=forbund.pk).update(**{model._meta.pk.attname: forbund.pk})


def fingerprint(rows: Iterable[Versioned]) -> str:
    """Who-saved-what of a set of rows: changes when any row is saved, added or removed."""
    pairs = sorted((row.pk, row.version) for row in rows if row.pk is not None)
    return hashlib.sha256(repr(pairs).encode()).hexdigest()[:32]


# --- Forms ------------------------------------------------------------------------------------

VERSION_REQUIRED = gettext_lazy(
    "Sidan saknar uppgift om vilken version du redigerade. Ladda om sidan och gör om ändringen."
)


class VersionedForm(Form):
    """Mixin for a ModelForm of a Versioned model: the hidden version, and the conflict view."""

    instance: Any  # the ModelForm's

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": VERSION_REQUIRED, "invalid": VERSION_REQUIRED},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        self.fields["version"].initial = getattr(instance, "version", 1)
        if getattr(instance, "pk", None) is None:
            self.fields["version"].required = False  # a new row: nobody else can have saved it
        self.conflict: list[dict[str, str]] = []
        self.conflict_by = ""

    @property
    def expected_version(self) -> int:
        return self.cleaned_data["version"]

    def show_conflict(self, stale: StaleEdit) -> None:
        """Turn the form into the answer to a stale save: the message, the fields whose stored
        value differs from the one typed (theirs and yours), and the current version, so that
        saving again deliberately overwrites."""
        current = stale.current
        self.add_error(None, str(stale))
        if current is None:
            return
        self.conflict = conflicts(self, current)
        self.conflict_by = last_change(current)
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("version")] = str(cast(Any, current).version)
        self.data = data


TABLE_STALE = gettext_lazy(
    "Någon annan har ändrat uppgifterna på sidan medan du redigerade. Dina ändringar har inte "
    "sparats. Jämför nedan vad som är sparat nu med dina värden; spara igen om dina ska gälla."
)


class StaleRows(Exception):
    """A set of rows changed since its page was loaded (their fingerprint moved on)."""


class FingerprintForm(Form):
    """Mixin for a form that edits a set of rows at once (a year's contributions, a report's
    texts): the rows' fingerprint as a hidden field. The form's initial values are the stored
    ones, read when the form is built, so a conflict compares them with what was typed."""

    state = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": VERSION_REQUIRED},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conflict: list[dict[str, str]] = []
        self.conflict_by = ""

    def set_rows(self, rows: Iterable[Versioned]) -> None:
        self.fields["state"].initial = fingerprint(rows)

    def show_conflict(self, current_state: str) -> None:
        self.add_error(None, str(TABLE_STALE))
        cleaned = getattr(self, "cleaned_data", {})
        for name, field in self.fields.items():
            if name == "state" or name not in cleaned:
                continue
            theirs = self.get_initial_for_field(field, name)
            yours = cleaned[name]
            if _comparable(theirs) != _comparable(yours):
                self.conflict.append(
                    {
                        "field": str(field.label or name),
                        "theirs": _display(theirs, None),
                        "yours": _display(yours, None),
                    }
                )
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("state")] = current_state
        self.data = data


def save_rows_or_conflict(
    form: FingerprintForm,
    forbund,
    rows: Callable[[], Iterable[Versioned]],
    save: Callable[[], T],
) -> T | None:
    """Run `save()` in one transaction holding the förbund's row, if `rows()` still have the
    fingerprint the form was loaded with; else turn the form into the conflict view and return
    None."""
    try:
        with transaction.atomic():
            lock_forbund(forbund)
            current = fingerprint(rows())
            if current != form.cleaned_data["state"]:
                raise StaleRows(current)
            return save()
    except StaleRows as stale:
        form.show_conflict(stale.args[0])
        return None


def conflicts(form: forms.BaseForm, current: models.Model) -> list[dict[str, str]]:
    """Per form field: the stored value and the typed one, where they differ."""
    cleaned = getattr(form, "cleaned_data", {})
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in cleaned:
            continue
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field: nothing stored to compare
            continue
        theirs = _stored(current, model_field)
        yours = cleaned[name]
        if _comparable(theirs) == _comparable(yours):
            continue
        rows.append(
            {
                "field": str(field.label or getattr(model_field, "verbose_name", name)),
                "theirs": _display(theirs, model_field),
                "yours": _display(yours, model_field),
            }
        )
    return rows


def last_change(current: models.Model) -> str:
    """ "NN, 2026-12-07 12:03" of the latest logged change of the row, or ""."""
    from .models import AuditEvent

    event = (
        AuditEvent._base_manager.filter(
            object_type=current._meta.label_lower, object_id=str(current.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is None:
        return ""
    who = ""
    if event.actor is not None:
        who = event.actor.get_full_name() or event.actor.get_username()
    when = formats.date_format(datetime_local(event.at), "Y-m-d H:i")
    return f"{who}, {when}" if who else when


def datetime_local(value: datetime.datetime) -> datetime.datetime:
    from django.utils import timezone

    return timezone.localtime(value) if timezone.is_aware(value) else value


def _stored(current: models.Model, model_field) -> Any:
    if model_field.many_to_many:
        return list(getattr(current, model_field.name).all())
    if model_field.is_relation:
        return getattr(current, model_field.name)
    return getattr(current, model_field.attname)


def _comparable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | QuerySet):
        return sorted(_comparable(item) for item in value)
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    if value == "":
        return None
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _display(value: Any, model_field) -> str:
    if value is None or value == "":
        return _("(tomt)")
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list | tuple | set | QuerySet):
        return ", ".join(sorted(str(item) for item in value)) or _("(tomt)")
    choices = dict(getattr(model_field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
