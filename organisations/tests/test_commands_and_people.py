import io

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent
from organisations.models import Forbund, Member, Membership, User
from participants.models import Participation


@pytest.mark.django_db
def test_create_forbund_creates_a_tenant_with_its_organisation_number():
    out = io.StringIO()
    call_command(
        "create_forbund",
        "roslagen",
        "Samordningsförbundet Roslagen",
        "--orgnr",
        "222000-1826",
        stdout=out,
    )
    forbund = Forbund.objects.get(slug="roslagen")
    assert forbund.name == "Samordningsförbundet Roslagen" and forbund.org_number == "222000-1826"
    assert "Skapade förbundet" in out.getvalue()
    with scopes_disabled():
        assert AuditEvent.objects.filter(forbund=forbund, action="forbund.created").exists()


@pytest.mark.django_db
def test_create_forbund_refuses_an_existing_slug_in_swedish():
    call_command("create_forbund", "roslagen", "Ett")
    with pytest.raises(CommandError, match="finns redan"):
        call_command("create_forbund", "roslagen", "Två")
    assert Forbund.objects.get(slug="roslagen").name == "Ett"


@pytest.mark.django_db
def test_create_forbund_refuses_a_malformed_organisation_number():
    before = Forbund.objects.count()  # the session's demo and sample förbund may be there
    with pytest.raises(CommandError, match="Organisationsnumret"):
        call_command("create_forbund", "x", "X", "--orgnr", "12345")
    assert Forbund.objects.count() == before


def test_load_demo_runs_once_and_prints_the_logins(demo_forbund):
    # The session database already holds the demo, built by load_demo (conftest.py): the
    # command must find it, create nothing more and still print the logins, every time.
    def counts():
        with scopes_disabled():
            return (
                Forbund.objects.count(),
                User.objects.count(),
                Membership.objects.count(),
                Member.objects.count(),
                Participation.objects.count(),
            )

    before = counts()
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert counts() == before
    assert Forbund.objects.filter(slug="demo").count() == 1
    for out in (first, second):
        assert "Demoförbundet finns redan" in out.getvalue()
        assert "demo-kansli-2026" in out.getvalue()
    with scopes_disabled():
        assert Membership.objects.filter(forbund__slug="demo").count() == 5
        assert Member.objects.filter(forbund__slug="demo", kind="kommun").count() == 3


def test_kansli_changes_a_role(world, clients):
    with scope(forbund=world.a):
        target = Membership.objects.get(user=world.users["styrelse"])
    clients["kansli"].post(
        f"/f/alfa/personer/{target.pk}/", {"role": "revisor", "version": target.version}
    )
    target.refresh_from_db()
    assert target.role == "revisor"


def test_kansli_cannot_edit_a_membership_of_another_forbund(world, clients):
    with scopes_disabled():
        foreign = Membership.objects.get(user=world.users["outsider"])
    response = clients["kansli"].post(f"/f/alfa/personer/{foreign.pk}/", {"role": "revisor"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == "kansli"


def test_kansli_adds_a_municipality_that_joins_later(world, clients):
    clients["kansli"].post(
        "/f/alfa/medlemmar/ny/",
        {"name": "Vaxholms stad", "kind": "kommun", "joined_on": "2019-01-01", "left_on": ""},
    )
    with scope(forbund=world.a):
        member = Member.objects.get(name="Vaxholms stad")
        assert AuditEvent.objects.filter(action="member.created", object_id=str(member.pk)).exists()
    from datetime import date

    assert member.is_member_on(date(2019, 6, 1)) and not member.is_member_on(date(2018, 6, 1))


def test_member_leaving_before_joining_is_refused_with_a_swedish_message(world, clients):
    response = clients["kansli"].post(
        "/f/alfa/medlemmar/ny/",
        {
            "name": "Fel kommun",
            "kind": "kommun",
            "joined_on": "2020-01-01",
            "left_on": "2019-01-01",
        },
    )
    assert "Utträdesdatum kan inte ligga före inträdesdatum" in response.content.decode()
