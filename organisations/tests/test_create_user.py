"""create_user: an invitation with a fixed username, never a password."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django_scopes import scopes_disabled

from organisations.models import Invitation, Membership, User


def _run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("create_user", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_without_email_the_link_is_printed_and_creates_exactly_that_account(world):
    out, err = _run("anna.a", forbund="alfa", roll="ekonom", namn="Anna Andersson")
    link = out.strip()
    assert link.startswith("http") and "/konto/inbjudan/" in link and "\n" not in link
    assert "ekonom" in err.lower() and mail.outbox == []
    assert not User.objects.filter(username="anna.a").exists()  # nothing until accepted
    client = Client()
    client.get(link[link.index("/konto/") :])
    page = client.get("/konto/inbjudan/")
    assert 'value="anna.a"' in page.content.decode() and "Andersson" in page.content.decode()
    response = client.post(
        "/konto/inbjudan/",
        {
            "username": "nagon-annan",  # ignored: the field is fixed
            "first_name": "Anna",
            "last_name": "Andersson",
            "password1": "Ett-langt-losenord-2026",
            "password2": "Ett-langt-losenord-2026",
        },
    )
    assert response.status_code in (200, 302)
    user = User.objects.get(username="anna.a")
    assert user.has_usable_password() and not User.objects.filter(username="nagon-annan").exists()
    with scopes_disabled():
        assert Membership.objects.get(user=user).role == "ekonom"


def test_with_email_the_invitation_is_mailed(world):
    out, _err = _run("bo", forbund="alfa", roll="styrelse", epost="bo@example.org")
    assert "bo@example.org" in out and "http" not in out
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bo@example.org"]
    with scopes_disabled():
        invitation = Invitation.objects.get(username="bo")
    assert invitation.role == "styrelse" and invitation.email == "bo@example.org"


@pytest.mark.parametrize(
    "args, options, message",
    [
        (["kansli-a"], {"forbund": "alfa", "roll": "kansli"}, "upptaget"),
        (["ny"], {"forbund": "saknas", "roll": "kansli"}, "inget förbund"),
        (["ny person"], {"forbund": "alfa", "roll": "kansli"}, "Ogiltigt användarnamn"),
        (["ny"], {"forbund": "alfa", "roll": "kansli", "epost": "inte-en-adress"}, "e-post"),
    ],
)
def test_refusals_are_swedish_and_save_nothing(world, args, options, message):
    with scopes_disabled():
        before = Invitation.objects.count()
    with pytest.raises(CommandError, match=message):
        _run(*args, **options)
    with scopes_disabled():
        assert Invitation.objects.count() == before
