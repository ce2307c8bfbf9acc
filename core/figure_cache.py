"""Figures kept between requests until anything in the database changes.

The economy's statements, the operating statement, its checks and the annual report's data
are read by many pages and change only when someone imports books, edits a budget or writes
a text. Computing them takes tens of queries; the pages ask for them on every view. So:

    @figure_cache.kept
    def operating_statement(forbund, year, until=None): ...

keeps the answer in Django's cache (Redis in production, shared by every worker) under the
call's arguments and the current *data generation*, counters in the same cache that go up on
every write to the database:

- every INSERT, UPDATE or DELETE that goes through Django's database layer — the ORM, bulk
  inserts, QuerySet.update(), raw SQL on a Django cursor — raises them, right away and again
  when its transaction commits (`_watch`, installed on each new connection); so a page never
  shows figures older than the last committed change, in this process or another one (a
  reader that computed between the write and the commit stored them under a generation the
  commit has left behind);
- a write for one förbund leaves the other förbund's figures alone. Code in one förbund's
  django-scopes scope (every page under /f/<förbund>/, that förbund's jobs and imports) can only
  reach that förbund's rows, so a write there to a table whose rows each belong to a förbund
  (`forbund_tables`) raises that förbund's counter. Any other write (a user, a förbund's name,
  the national allocation, a write outside a scope, a change of the schema) raises the shared
  counter. Figures read in a förbund's scope are kept under the shared counter and the
  förbund's; figures read outside a scope under the shared counter and one that every write
  raises. With many förbund on one installation, one office's work does not make every other
  office's pages compute again;
- writes that are not figures do not count (NOT_DATA_TABLES: sessions, the audit log and the
  record of reads, background-job progress, login throttling, the catalogue's visit counter, an
  API token's last use), or reading a list would throw the figures away.

The day is part of the key (work lists count from today), and entries expire after TIMEOUT in
any case. Where the cache is per process (Django's local-memory cache: `make run` with its
separate job worker), nothing is kept between requests unless SAMORDNA_FIGURE_CACHE says so
(the tests do, in one process): a worker's write could not reach the web server's memory.
Within one request the request memo (core/request_memo.py) still applies.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone, translation
from django_scopes import get_scope

from . import request_memo

F = TypeVar("F", bound=Callable[..., Any])
logger = logging.getLogger(__name__)

GENERATION_KEY = "samordna:data-generation"
ANY_GENERATION_KEY = "samordna:data-generation:any"
KEY_PREFIX = "samordna:figures"
TIMEOUT = 60 * 60

NOT_DATA_TABLES = frozenset(
    {
        "django_session",
        "core_auditevent",
        "core_job",
        "participants_participantaccess",
        # Counters of use that no kept figure reads, written on every public catalogue view and
        # every API request: were they data, a crawler or a polling client would make every
        # förbund's pages compute their figures again.
        "catalogue_cataloguevisit",
        "api_apitoken",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "otp_totp_totpdevice",
        "otp_static_staticdevice",
        "otp_static_statictoken",
    }
)

_WRITE = re.compile(
    r"""^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|TRUNCATE(?:\s+TABLE)?)
        \s+["`]?([\w.]+)["`]?""",
    re.IGNORECASE | re.VERBOSE,
)
_SCHEMA = re.compile(r"^\s*(?:CREATE|ALTER|DROP)\s", re.IGNORECASE)


def enabled() -> bool:
    return bool(getattr(settings, "SAMORDNA_FIGURE_CACHE", False))


def _first_generation() -> int:
    """A counter that is created again (Redis emptied, the key evicted) starts at the time in
    microseconds: above any value the lost counter reached, since no write takes less than a
    microsecond; so figures kept under an old generation are never found again."""
    return time.time_ns() // 1000


def _forbund_key(forbund_id: int) -> str:
    return f"{GENERATION_KEY}:forbund:{forbund_id}"


@functools.cache
def forbund_tables() -> frozenset[str]:
    """The tables whose every row belongs to one förbund: those with a `forbund` column that
    is never empty, and those with a required foreign key to such a table (a survey's answers,
    an insats's responsible people). Everything else is shared by all förbund: users, the
    förbund themselves, the national allocation rounds, rows with no förbund."""
    from django.apps import apps

    models = apps.get_models(include_auto_created=True)

    def required_links(model) -> list:
        return [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and (field.many_to_one or field.one_to_one) and not field.null
        ]

    owned = {
        model for model in models if any(field.name == "forbund" for field in required_links(model))
    }
    grew = True
    while grew:
        grew = False
        for model in models:
            if model not in owned and any(
                field.related_model in owned for field in required_links(model)
            ):
                owned.add(model)
                grew = True
    return frozenset(model._meta.db_table.lower() for model in owned)


def scoped_forbund_id() -> int | None:
    """The förbund the code runs for: the one förbund of an active django-scopes scope (every
    view under /f/<förbund>/, the jobs and imports of one förbund), else None."""
    current = get_scope()
    if not current.get("_enabled", False):
        return None
    pk = getattr(current.get("forbund"), "pk", None)
    return pk if isinstance(pk, int) else None


def _counters(forbund_id: int | None) -> list[str]:
    """The counters a figure read now depends on: the shared one, and the förbund's own (in a
    förbund's scope, where only its rows can be read) or else the one every write raises."""
    return [GENERATION_KEY, _forbund_key(forbund_id) if forbund_id else ANY_GENERATION_KEY]


def generation() -> tuple[int, ...]:
    """The generation figures read now are kept under (see the module's text)."""
    keys = _counters(scoped_forbund_id())
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
        if value is None:
            cache.add(key, _first_generation(), timeout=None)
            value = cache.get(key)
        values.append(int(value) if value is not None else _first_generation())
    return tuple(values)


def bump(forbund_id: int | None = None) -> None:
    """The data have changed: of one förbund (its kept figures, and those read outside any
    förbund, are out of date) or, with None, of all of them (every kept figure is)."""
    request_memo.forget()
    keys = [_forbund_key(forbund_id), ANY_GENERATION_KEY] if forbund_id else [GENERATION_KEY]
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not there (yet, or any more): a new counter is past every old value
            cache.add(key, _first_generation(), timeout=None)


def written_table(sql: str) -> str | None:
    """The table a data write changes ("" for a change of the schema), or None when the
    statement writes no data."""
    match = _WRITE.match(sql)
    if match is not None:
        table = match.group(1).lower()
        return None if table in NOT_DATA_TABLES else table
    return "" if _SCHEMA.match(sql) else None


def is_data_write(sql: str) -> bool:
    return written_table(sql) is not None


def whose_write(table: str) -> int | None:
    """Whose data a write to `table` changes: the förbund in scope if the table's rows each
    belong to one förbund (code in a förbund's scope reaches only that förbund's rows), else
    None, everyone's."""
    if table in forbund_tables():
        return scoped_forbund_id()
    return None


class _BumpAtCommit:
    """Raises, when its transaction commits, the counters of the förbund it wrote for."""

    def __init__(self) -> None:
        self.owners: set[int | None] = set()

    def __call__(self) -> None:
        for owner in self.owners:
            bump(owner)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        table = written_table(sql)
        if table is not None:
            owner = whose_write(table)
            bump(owner)
            connection = context["connection"]
            if connection.in_atomic_block:
                at_commit = _bump_at_commit(connection)
                if at_commit is None:
                    at_commit = _BumpAtCommit()
                    transaction.on_commit(at_commit, using=connection.alias)
                at_commit.owners.add(owner)
    return result


def _bump_at_commit(connection) -> _BumpAtCommit | None:
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _BumpAtCommit):
            return entry[1]
    return None


@receiver(connection_created)
def _install(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install_on_open_connections() -> None:
    """For connections opened before this module was imported (AppConfig.ready)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def fetch(name: str, arguments: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`'s answer kept under `name` and `arguments` (plain values and saved model
    instances, as for `kept`) until the data change: for a part of a page that is the same for
    everyone who may see it (the statistics page's tables and charts)."""
    if not enabled() or _pending_writes():
        return compute()
    call = request_memo.call_key(_arguments, (arguments,), {})
    if call is None:
        return compute()
    key = _cache_key(name, call)
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    _keep(key, value)
    return value


def _arguments(arguments: tuple) -> None:  # the signature fetch's arguments are bound to
    return None


def _cache_key(name: str, call: tuple) -> str:
    digest = hashlib.sha256(repr((name, call, translation.get_language())).encode()).hexdigest()
    generations = ".".join(str(value) for value in generation())
    return f"{KEY_PREFIX}:{generations}:{timezone.localdate().isoformat()}:{digest}"


def _keep(key: str, value: Any) -> None:
    """Into the cache; an answer that cannot be pickled is simply not kept (and said)."""
    try:
        cache.set(key, value, TIMEOUT)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("Kan inte spara %s i cachen: %s", key, error)


def _pending_writes() -> bool:
    """Has this connection's open transaction written data? Then what it reads is not yet what
    everyone else reads (nor, if it rolls back, ever will be): no kept figures in or out."""
    from django.db import connection

    return connection.in_atomic_block and _bump_at_commit(connection) is not None


def kept(function: F | None = None, *, errors: tuple[type[Exception], ...] = ()) -> Any:
    """Keep the function's answers between requests (see the module's text), and within one
    request in the request memo. `errors`: exceptions that are answers too (no books for the
    year, say), kept and raised again like the first time."""
    if function is None:
        return functools.partial(kept, errors=errors)
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def across_requests(*args: Any, **kwargs: Any) -> Any:
        if not enabled() or _pending_writes():
            return function(*args, **kwargs)
        call = request_memo.call_key(across_requests, args, kwargs)
        if call is None:
            return function(*args, **kwargs)
        key = _cache_key(name, call)
        found = cache.get(key, _MISSING)
        if isinstance(found, _Raised):
            raise found.error()
        if found is not _MISSING:
            return found
        try:
            value = function(*args, **kwargs)
        except errors as error:
            cache.set(key, _Raised(type(error), error.args), TIMEOUT)
            raise
        _keep(key, value)
        return value

    memoized = request_memo.memoize(across_requests)
    memoized.uncached = function  # type: ignore[attr-defined]
    return memoized


class _Raised:
    """A kept exception: its class and its arguments (the message), raised anew each time."""

    def __init__(self, kind: type[Exception], args: tuple) -> None:
        self.kind = kind
        self.args = args

    def error(self) -> Exception:
        error = self.kind.__new__(self.kind, *self.args)
        error.args = self.args
        return error


_MISSING = object()
