"""core.request_memo: figures computed once per read-only request, never across requests."""

from datetime import date
from decimal import Decimal

import pytest

from core import request_memo

calls: list[tuple] = []


@request_memo.memoize
def figures(owner, year, until=None):
    calls.append((owner, year, until))
    return {"year": year, "until": until}


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


def test_outside_a_memo_every_call_computes():
    figures("a", 2025)
    figures("a", 2025)
    assert len(calls) == 2


def test_inside_a_memo_the_same_call_computes_once_however_it_is_written():
    with request_memo.active():
        first = figures("a", 2025)
        assert figures("a", 2025, None) is first
        assert figures("a", year=2025, until=None) is first
        assert figures("a", 2025, until=date(2025, 8, 31)) is not first
        figures("a", 2024)
        figures("b", 2025)
    assert len(calls) == 4
    figures("a", 2025)  # the memo ended with the block
    assert len(calls) == 5


def test_values_of_different_types_are_different_calls():
    with request_memo.active():
        figures("a", 2025)
        figures("a", Decimal(2025))
        figures("a", True)
        figures("a", 1)
    assert len(calls) == 4


def test_arguments_that_cannot_be_compared_bypass_the_memo(world):
    from organisations.models import Forbund

    unsaved = Forbund(name="Ny", slug="ny")
    with request_memo.active():
        figures([1, 2], 2025)
        figures([1, 2], 2025)
        figures(unsaved, 2025)
        figures(unsaved, 2025)
        saved = Forbund.objects.get(pk=world.a.pk)
        figures(world.a, 2025)
        figures(saved, 2025)  # another object of the same row: the same call
    assert len(calls) == 5


def test_forget_drops_what_the_memo_holds():
    with request_memo.active():
        figures("a", 2025)
        request_memo.forget()
        figures("a", 2025)
    assert len(calls) == 2


def test_a_get_request_has_a_memo_and_a_post_has_none(rf):
    seen = []

    def view(request):
        figures("a", 2025)
        figures("a", 2025)
        seen.append(len(calls))
        from django.http import HttpResponse

        return HttpResponse("")

    middleware = request_memo.RequestMemoMiddleware(view)
    middleware(rf.get("/"))
    middleware(rf.get("/"))  # a new request computes again
    middleware(rf.post("/"))
    assert seen == [1, 2, 4]
