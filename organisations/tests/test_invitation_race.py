"""One link opened by many at the same moment still makes one account (PostgreSQL row lock)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections
from django_scopes import scope

from organisations.models import Membership, User
from organisations.services import invitations

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_simultaneous_accepts_of_one_link_make_exactly_one_account(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    _invitation, link = invitations.invite(
        world.a, world.users["kansli"], email="samtidig@example.se", role="styrelse"
    )
    raw = link.rstrip("/").rsplit("/")[-1]
    assert len(mail.outbox) == 1

    def accept(i: int) -> str:
        try:
            invitations.accept_new_account(raw, username=f"samtidig-{i}", password="x" * 20)
            return "ok"
        except invitations.InvitationInvalid:
            return "invalid"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(accept, range(10)))
    assert sorted(results) == ["invalid"] * 9 + ["ok"]
    assert User.objects.filter(username__startswith="samtidig-").count() == 1
    with scope(forbund=world.a):
        assert Membership.objects.filter(user__username__startswith="samtidig-").count() == 1
