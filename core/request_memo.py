"""A memo that lives for one read-only request: figures a page needs in several panels are
computed once.

The start page shows the year's operating statement in the work list, the economy panel's
checks and the year at a glance; the annual report's page reads the same years' statements
for several sections. Each of those asks the economy services again, and each answer is the
same within one request that writes nothing. So:

    @request_memo.memoize
    def operating_statement(forbund, year, until=None): ...

remembers the answer for the rest of the request, while `RequestMemoMiddleware` has opened a
memo, which it does for GET and HEAD only. Outside a request (a command, a job, a POST, a
test calling the service directly) the function simply runs, every time. `active()` opens a
memo elsewhere, around work that only reads (a report's data, for example).

Only calls whose arguments are plain values (numbers, text, dates, decimals, None, booleans,
tuples of those) or saved model instances are remembered; any other argument (a queryset, a
list, a dict) bypasses the memo, so an answer is never reused for arguments it was not
computed for. A remembered answer is shared: callers must not change what they get.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models

F = TypeVar("F", bound=Callable[..., Any])

_memo: ContextVar[dict | None] = ContextVar("samordna_request_memo", default=None)

_PLAIN = (int, str, bool, Decimal, datetime.date, type(None))
_UNUSABLE = object()
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


def _key_part(value: Any) -> Any:
    if isinstance(value, _PLAIN):  # datetime is a date: both are plain values
        return (type(value), value)
    if isinstance(value, models.Model):
        if value.pk is None:
            return _UNUSABLE
        return (value._meta.label, value.pk)
    if isinstance(value, tuple):
        parts = tuple(_key_part(item) for item in value)
        return _UNUSABLE if any(part is _UNUSABLE for part in parts) else parts
    return _UNUSABLE


@functools.cache
def signature_of(function: Callable) -> inspect.Signature:
    return inspect.signature(function)


def call_key(function: Callable, args: tuple, kwargs: dict) -> tuple | None:
    """The call as a comparable key (None when an argument cannot be compared by value):
    f(forbund, 2025) and f(forbund, year=2025, until=None) are the same call."""
    bound = signature_of(function).bind(*args, **kwargs)
    bound.apply_defaults()
    key = _key_part(tuple(bound.arguments.values()))
    return None if key is _UNUSABLE else key


def memoize(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        memo = _memo.get()
        if memo is None:
            return function(*args, **kwargs)
        call = call_key(function, args, kwargs)
        if call is None:
            return function(*args, **kwargs)
        key = (function, call)
        if key not in memo:
            memo[key] = function(*args, **kwargs)
        return memo[key]

    wrapper.uncached = function  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


@contextmanager
def active() -> Iterator[None]:
    """A memo for the work inside (nested: the outer memo stays)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def forget() -> None:
    """Drop what the current memo holds (after a write inside a read-only request)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    """Opens a memo for each GET and HEAD request (they write nothing the memo holds)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in READ_ONLY_METHODS:
            return self.get_response(request)
        with active():
            return self.get_response(request)
