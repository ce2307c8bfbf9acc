import pytest
from django.db import DatabaseError, transaction
from django.db.models import ProtectedError
from django_scopes import ScopeError, scope, scopes_disabled

from core import audit
from core.models import AuditEvent
from organisations.models import Member, User
from participants.models import Insats


def test_a_query_without_an_active_forbund_scope_fails_loudly(world):
    with pytest.raises(ScopeError):
        list(Insats.objects.all())
    with pytest.raises(ScopeError):
        Member.objects.count()


def test_a_scoped_query_sees_only_its_own_forbund(world):
    with scope(forbund=world.a):
        assert set(Insats.objects.values_list("code", flat=True)) == {"A1", "A2"}
    with scope(forbund=world.b):
        assert list(Insats.objects.values_list("code", flat=True)) == ["B1"]


def test_audit_log_records_who_what_and_which_fields_without_personal_values(world):
    user = world.users["kansli"]
    with scope(forbund=world.a):
        before = audit.snapshot(user)
        user.first_name = "Hemlig"
        user.email = "hemlig@example.se"
        user.is_staff = True
        event = audit.log(
            user, "user.updated", user, forbund=world.a, changes=audit.diff(before, user)
        )
    assert event.actor == user and event.forbund == world.a and event.action == "user.updated"
    assert event.changes["first_name"] == audit.MASK
    assert event.changes["email"] == audit.MASK
    assert event.changes["is_staff"] == {"från": False, "till": True}
    assert "Hemlig" not in str(event.changes)


def test_audit_events_cannot_be_changed_through_the_orm(world):
    with scope(forbund=world.a):
        event = audit.log(world.users["kansli"], "test.created", world.insats_a1)
        event.action = "forged"
        with pytest.raises(RuntimeError):
            event.save()
        with pytest.raises(RuntimeError):
            event.delete()


def test_audit_events_cannot_be_changed_in_the_database_either(world):
    with scope(forbund=world.a):
        audit.log(world.users["kansli"], "test.created", world.insats_a1)
    with scopes_disabled(), pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(action="test.created").update(action="forged")
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="test.created").count() == 1


def test_audit_log_page_shows_only_the_own_forbunds_events(world, clients):
    with scope(forbund=world.b):
        audit.log(world.users["outsider"], "secret.beta", world.insats_b1)
    with scope(forbund=world.a):
        audit.log(world.users["kansli"], "visible.alfa", world.insats_a1)
    page = clients["revisor"].get("/f/alfa/logg/").content.decode()
    assert "visible.alfa" in page and "secret.beta" not in page


def test_users_are_never_deleted_while_they_have_a_history(world):
    with scope(forbund=world.a):
        audit.log(world.users["kansli"], "test.created", world.insats_a1)
    with pytest.raises(ProtectedError), transaction.atomic():
        User.objects.filter(pk=world.users["kansli"].pk).delete()
