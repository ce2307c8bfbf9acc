"""core.figure_cache: figures kept between requests, never older than the last committed
write, never holding what a transaction has not committed."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import F
from django_scopes import scope, scopes_disabled

from core import figure_cache
from organisations.models import Forbund
from participants.models import Insats

calls: list[int] = []


@figure_cache.kept
def forbund_name(forbund_id: int) -> str:
    calls.append(forbund_id)
    return Forbund.objects.get(pk=forbund_id).name


@pytest.fixture(autouse=True)
def _fresh_calls():
    calls.clear()


@pytest.mark.parametrize(
    ("sql", "data"),
    [
        ('INSERT INTO "economy_voucher" ("date") VALUES (%s)', True),
        ('UPDATE "budget_budgetline" SET "amount" = %s', True),
        ('DELETE FROM "participants_participation" WHERE id = %s', True),
        ("  update participants_participation set x = 1", True),
        ('INSERT OR IGNORE INTO "economy_ledgeraccount" VALUES (1)', True),
        ('TRUNCATE "economy_voucher"', True),
        ('ALTER TABLE "x" ADD COLUMN "y" int', True),
        ('SELECT * FROM "economy_voucher"', False),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "core_auditevent" ("action") VALUES (%s)', False),
        ('INSERT INTO "participants_participantaccess" ("path") VALUES (%s)', False),
        ('UPDATE "core_job" SET "done" = 3', False),
        ("SAVEPOINT s1", False),
    ],
)
def test_what_counts_as_a_change_of_the_data(sql, data):
    assert figure_cache.is_data_write(sql) is data


@pytest.mark.django_db(transaction=True)
def test_a_kept_figure_is_reused_until_a_committed_write_of_any_kind(settings):
    settings.SAMORDNA_FIGURE_CACHE = True
    forbund = Forbund.objects.create(name="Förbundet Ett", slug="ett")
    assert forbund_name(forbund.pk) == "Förbundet Ett"
    assert forbund_name(forbund.pk) == "Förbundet Ett"
    assert calls == [forbund.pk]  # the second call came from the cache

    # QuerySet.update sends no signals: the database layer still sees the write
    Forbund.objects.filter(pk=forbund.pk).update(name="Förbundet Två")
    assert forbund_name(forbund.pk) == "Förbundet Två"
    # raw SQL through a Django cursor as well
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Forbund._meta.db_table)
        cursor.execute(f"UPDATE {table} SET name = %s WHERE id = %s", ["Tre", forbund.pk])  # noqa: S608
    assert forbund_name(forbund.pk) == "Tre"
    assert len(calls) == 3

    # a write that is not data (a session) keeps the figures
    Session.objects.filter(pk="none").update(session_data="")
    assert forbund_name(forbund.pk) == "Tre"
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_an_uncommitted_write_is_never_kept_nor_hidden_by_a_kept_figure(settings):
    settings.SAMORDNA_FIGURE_CACHE = True
    forbund = Forbund.objects.create(name="Före", slug="fore")
    assert forbund_name(forbund.pk) == "Före"

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        Forbund.objects.filter(pk=forbund.pk).update(name="Aldrig")
        # the transaction reads its own write, not the kept figure …
        assert forbund_name(forbund.pk) == "Aldrig"
        assert forbund_name(forbund.pk) == "Aldrig"
        raise Undo
    # … and what it read is not kept: after the rollback the committed name again
    assert forbund_name(forbund.pk) == "Före"
    assert calls == [forbund.pk] * 4


@pytest.mark.django_db(transaction=True)
def test_a_commit_makes_figures_read_during_the_transaction_out_of_date(settings):
    """Another process that read between the write and the commit kept the old figure under
    the generation the write made; the commit moves the generation past it."""
    settings.SAMORDNA_FIGURE_CACHE = True
    forbund = Forbund.objects.create(name="Gammal", slug="gammal")
    with transaction.atomic():
        Forbund.objects.filter(pk=forbund.pk).update(name="Ny")
        during = figure_cache.generation()
    assert figure_cache.generation() > during


def test_without_the_setting_every_call_computes(settings, world):
    settings.SAMORDNA_FIGURE_CACHE = False
    forbund_name(world.a.pk)
    forbund_name(world.a.pk)
    assert len(calls) == 2


class NoSuchYear(LookupError):
    def __init__(self, year: int) -> None:
        super().__init__(f"Inget år {year}.")


@figure_cache.kept(errors=(NoSuchYear,))
def figures_of(forbund_id: int, year: int) -> int:
    calls.append(year)
    if not Forbund.objects.filter(pk=forbund_id, name=str(year)).exists():
        raise NoSuchYear(year)
    return year


@pytest.mark.django_db(transaction=True)
def test_an_exception_that_is_an_answer_is_kept_and_raised_again(settings):
    settings.SAMORDNA_FIGURE_CACHE = True
    forbund = Forbund.objects.create(name="2024", slug="ar")
    for _ in range(2):
        with pytest.raises(NoSuchYear, match=r"Inget år 2025\."):
            figures_of(forbund.pk, 2025)
    assert calls == [2025]
    Forbund.objects.filter(pk=forbund.pk).update(name="2025")
    assert figures_of(forbund.pk, 2025) == 2025


def test_a_lost_generation_counter_starts_past_every_value_it_had(settings):
    from django.core.cache import cache

    settings.SAMORDNA_FIGURE_CACHE = True
    before = figure_cache.generation()
    for _ in range(1000):
        figure_cache.bump()
    reached = figure_cache.generation()
    assert reached[0] == before[0] + 1000
    cache.delete(figure_cache.GENERATION_KEY)  # Redis emptied, or the key evicted
    assert figure_cache.generation() > reached
    cache.delete(figure_cache.GENERATION_KEY)
    figure_cache.bump()  # a write when the counter is gone
    assert figure_cache.generation() > reached


def _name_in_scope(forbund: Forbund) -> str:
    with scope(forbund=forbund):
        return forbund_name(forbund.pk)


def _name_outside_scopes(forbund: Forbund) -> str:
    with scopes_disabled():
        return forbund_name(forbund.pk)


def _a_write_of_insatser(forbund: Forbund) -> None:
    """An UPDATE of the förbund's insatser (rows that each belong to one förbund)."""
    with scope(forbund=forbund):
        Insats.objects.filter(forbund=forbund).update(name=F("name"))


@pytest.mark.django_db(transaction=True)
def test_a_write_for_one_forbund_leaves_the_other_forbunds_figures_alone(settings):
    settings.SAMORDNA_FIGURE_CACHE = True
    a = Forbund.objects.create(name="A", slug="a")
    b = Forbund.objects.create(name="B", slug="b")
    for _ in range(2):
        assert (_name_in_scope(a), _name_in_scope(b), _name_outside_scopes(a)) == ("A", "B", "A")
    assert calls == [a.pk, b.pk, a.pk]  # the second round came from the cache

    _a_write_of_insatser(a)
    assert _name_in_scope(b) == "B"
    assert calls == [a.pk, b.pk, a.pk]  # B's figure is still the kept one …
    assert _name_in_scope(a) == "A"
    assert _name_outside_scopes(a) == "A"
    assert calls == [a.pk, b.pk, a.pk, a.pk, a.pk]  # … A's and the unscoped are computed again

    _a_write_of_insatser(b)
    assert _name_outside_scopes(a) == "A"  # read outside a scope: every förbund's write counts
    assert len(calls) == 6


@pytest.mark.django_db(transaction=True)
def test_a_write_of_shared_rows_in_a_forbunds_scope_makes_every_figure_out_of_date(settings):
    """The förbund table is shared: a change made on A's pages to B's name (were there such a
    page) must reach B's kept figures; so does a write outside any scope."""
    settings.SAMORDNA_FIGURE_CACHE = True
    a = Forbund.objects.create(name="A", slug="a")
    b = Forbund.objects.create(name="B", slug="b")
    assert _name_in_scope(b) == "B"
    with scope(forbund=a):
        Forbund.objects.filter(pk=b.pk).update(name="B2")
    assert _name_in_scope(b) == "B2"
    with scopes_disabled():
        Insats.objects.filter(forbund=a).update(name=F("name"))
    assert _name_in_scope(b) == "B2"
    assert calls == [b.pk, b.pk, b.pk]


@pytest.mark.django_db(transaction=True)
def test_a_commit_for_one_forbund_moves_its_generation_and_no_other(settings):
    settings.SAMORDNA_FIGURE_CACHE = True
    a = Forbund.objects.create(name="A", slug="a")
    b = Forbund.objects.create(name="B", slug="b")
    with scope(forbund=b):
        b_before = figure_cache.generation()
    with scope(forbund=a):
        with transaction.atomic():
            Insats.objects.filter(forbund=a).update(name=F("name"))
            during = figure_cache.generation()
        assert figure_cache.generation() > during
    with scope(forbund=b):
        assert figure_cache.generation() == b_before


def test_which_tables_hold_rows_of_one_forbund():
    tables = figure_cache.forbund_tables()
    # a förbund column, or a required link to a table with one
    for owned in (
        "participants_participation",
        "economy_accountbalance",
        "surveys_answer",
        "surveys_question",
        "participants_insats_responsible",
    ):
        assert owned in tables
    # shared by all förbund: users, the förbund, the national allocation, rows without förbund
    for shared in (
        "organisations_user",
        "organisations_forbund",
        "budget_allocationround",
        "budget_forbundactualallocation",
        "budget_municipalityallocationinput",
        "django_content_type",
    ):
        assert shared not in tables
