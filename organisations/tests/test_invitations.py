"""Invitations: the only way a person gets a role. The kansli never sees a password and learns
nothing about accounts outside the förbund; the link works once and expires."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scope, scopes_disabled

from core.models import AuditEvent
from organisations.models import Invitation, Membership, User
from organisations.services import invitations

PASSWORD = "Solsken-över-Roslagen-42"
LINK = re.compile(r"https?://[^\s]+/konto/inbjudan/[^\s/]+/")


def _invite(client, email, role="styrelse"):
    return client.post("/f/alfa/personer/ny/", {"email": email, "role": role}, follow=True)


def _link(message) -> str:
    found = LINK.findall(message.body)
    assert len(found) == 1, message.body
    return found[0]


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def _open(client, link):
    """Opens the e-mailed link: the token goes to the session, the page is /konto/inbjudan/."""
    response = client.get(_path(link))
    assert response.status_code == 302 and response["Location"] == reverse("invitation_accept")
    return client.get(reverse("invitation_accept"))


def _create_account(client, link, username="ny.person", password=PASSWORD):
    _open(client, link)
    return client.post(
        reverse("invitation_accept"),
        {
            "username": username,
            "first_name": "Nora",
            "last_name": "Nyberg",
            "password1": password,
            "password2": password,
        },
    )


def test_the_kansli_invites_by_e_mail_and_the_person_chooses_their_own_password(world, clients):
    response = _invite(clients["kansli"], "nora@example.se")
    html = response.content.decode()
    assert "En inbjudan har skickats till nora@example.se" in html
    assert "lösenord" not in html.lower()  # no password shown to the kansli, ever
    assert not User.objects.filter(email="nora@example.se").exists()  # nothing until accepted
    (message,) = mail.outbox
    assert message.to == ["nora@example.se"]
    assert "Samordningsförbundet Alfa" in message.subject
    assert "Styrelse" in message.body or "styrelse" in message.body
    link = _link(message)
    with scope(forbund=world.a):
        invitation = Invitation.objects.get(email="nora@example.se")
        assert invitation.token_hash not in message.body  # only the hash is stored
        assert invitation.token_hash == invitations.token_hash(link.rstrip("/").rsplit("/")[-1])

    newcomer = Client()
    page = _open(newcomer, link)
    assert "Inbjudan till Samordningsförbundet Alfa" in page.content.decode()
    assert 'value="nora@example.se"' in page.content.decode()  # the e-mail as username
    done = _create_account(newcomer, link)
    assert done.status_code == 302 and done["Location"] == "/f/alfa/"
    assert newcomer.get("/f/alfa/").status_code == 200
    user = User.objects.get(username="ny.person")
    assert user.email == "nora@example.se" and user.check_password(PASSWORD)
    with scope(forbund=world.a):
        assert Membership.objects.get(user=user).role == "styrelse"
        invitation.refresh_from_db()
        assert invitation.used_at is not None and invitation.used_by == user
        logged = AuditEvent.objects.filter(action__startswith="invitation.")
        assert {event.action for event in logged} >= {"invitation.created", "invitation.used"}
        # The log keeps no e-mail address and no name.
        assert all("nora" not in f"{e.object_repr}{e.changes}".lower() for e in logged)
    # A person who can log in with their own password.
    again = Client()
    again.post(reverse("login"), {"username": "ny.person", "password": PASSWORD})
    assert again.get("/f/alfa/").status_code == 200


def test_a_weak_password_is_refused_in_swedish_and_nothing_is_created(world, clients):
    _invite(clients["kansli"], "nora@example.se")
    response = _create_account(Client(), _link(mail.outbox[0]), password="kort123")
    html = response.content.decode()
    assert response.status_code == 200
    assert "minst 12 tecken" in html
    assert not User.objects.filter(username="ny.person").exists()
    response = _create_account(Client(), _link(mail.outbox[0]), password="123456789012345")
    assert "enbart numeriskt" in response.content.decode()
    response = _create_account(Client(), _link(mail.outbox[0]), password="password12345")
    assert "alldeles för vanligt" in response.content.decode()
    response = _create_account(
        Client(), _link(mail.outbox[0]), username="nora@example.se", password="nora@example.se1"
    )
    assert "alltför likt" in response.content.decode()
    assert not User.objects.filter(email="nora@example.se").exists()


def test_a_link_works_once_and_a_used_expired_revoked_or_unknown_link_gets_one_answer(
    world, clients
):
    for email in ("ett@example.se", "tva@example.se", "tre@example.se"):
        _invite(clients["kansli"], email)
    used, expired, revoked = (_link(message) for message in mail.outbox)
    assert _create_account(Client(), used, username="ett").status_code == 302
    with scope(forbund=world.a):
        invitation = Invitation.objects.get(email="tva@example.se")
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
        target = Invitation.objects.get(email="tre@example.se")
    clients["kansli"].post(f"/f/alfa/personer/inbjudningar/{target.pk}/")
    unknown = used.rsplit("/", 2)[0] + "/" + "x" * 43 + "/"

    answers = set()
    for link in (used, expired, revoked, unknown):
        response = Client().get(_path(link))
        assert response.status_code == 200
        answers.add(response.content.decode())
        # The page it would lead to says the same, and the form cannot be posted.
        stranger = Client()
        stranger.get(_path(link))
        post = stranger.post(
            reverse("invitation_accept"),
            {"username": "x", "password1": PASSWORD, "password2": PASSWORD},
        )
        assert post.status_code == 200 and "Länken gäller inte" in post.content.decode()
    assert len(answers) == 1 and "Länken gäller inte" in answers.pop()
    assert list(User.objects.filter(username__in=["x", "tva", "tre"])) == []


def test_the_service_refuses_a_second_use_of_the_same_token(world, clients):
    _invite(clients["kansli"], "nora@example.se")
    raw = _link(mail.outbox[0]).rstrip("/").rsplit("/")[-1]
    invitations.accept_new_account(raw, username="forsta", password=PASSWORD)
    with pytest.raises(invitations.InvitationInvalid):
        invitations.accept_new_account(raw, username="andra", password=PASSWORD)
    with pytest.raises(invitations.InvitationInvalid):
        invitations.accept_existing_account(raw, world.users["outsider"])
    assert not User.objects.filter(username="andra").exists()
    with scopes_disabled():
        assert not Membership.objects.filter(user=world.users["outsider"], forbund=world.a).exists()


def test_inviting_the_address_of_an_account_elsewhere_looks_exactly_like_a_new_address(
    world, clients
):
    outsider = world.users["outsider"]  # kansli of förbund B
    outsider.email = "bertil@beta.example.se"
    outsider.save()

    def invite(email):
        mail.outbox.clear()
        response = _invite(clients["kansli"], email)
        (message,) = mail.outbox
        body = LINK.sub("LÄNK", message.body).replace(email, "ADRESS")
        body = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "DATUM", body)
        return response.status_code, response.redirect_chain, body, message.subject

    def page(email):
        html = clients["kansli"].get("/f/alfa/personer/").content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "CSRF", html)
        html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "DATUM", html)
        return re.sub(r"/inbjudningar/\d+/", "/inbjudningar/N/", html.replace(email, "ADRESS"))

    existing = invite("bertil@beta.example.se")
    existing_page = page("bertil@beta.example.se")
    with scope(forbund=world.a):
        Invitation.objects.filter(email="bertil@beta.example.se").delete()
    new = invite("finns.inte@example.se")
    assert existing == new
    assert existing_page == page("finns.inte@example.se")
    # And the old path is gone: a username is not a field of the form any more.
    clients["kansli"].post(
        "/f/alfa/personer/ny/", {"username": outsider.username, "role": "kansli"}
    )
    with scopes_disabled():
        assert not Membership.objects.filter(user=outsider, forbund=world.a).exists()


def test_a_person_with_an_account_elsewhere_logs_in_and_the_account_gets_the_role(world, clients):
    _invite(clients["kansli"], "bertil@beta.example.se", role="revisor")
    link = _link(mail.outbox[0])
    person = Client()
    page = _open(person, link)
    assert f'href="{reverse("login")}?next=%2Fkonto%2Finbjudan%2F"' in page.content.decode()
    response = person.post(
        reverse("login"),
        {
            "username": "kansli-b",
            "password": "Tillfälligt-lösen-123",
            "next": reverse("invitation_accept"),
        },
    )
    assert response["Location"] == reverse("invitation_accept")
    confirm = person.get(reverse("invitation_accept")).content.decode()
    assert "Du är inloggad som kansli-b" in confirm
    accepted = person.post(reverse("invitation_accept"))
    assert accepted["Location"] == "/f/alfa/"
    with scopes_disabled():
        roles = dict(
            Membership.objects.filter(user=world.users["outsider"]).values_list(
                "forbund__slug", "role"
            )
        )
    assert roles == {"alfa": "revisor", "beta": "kansli"}


def test_a_member_who_accepts_keeps_the_role_they_have(world, clients):
    _invite(clients["kansli"], "styrelse@alfa.example.se", role="kansli")
    person = clients["styrelse"]
    _open(person, _link(mail.outbox[0]))
    person.post(reverse("invitation_accept"))
    with scope(forbund=world.a):
        assert Membership.objects.get(user=world.users["styrelse"]).role == "styrelse"
        assert Invitation.objects.get(email="styrelse@alfa.example.se").used_at is not None


def test_another_forbund_cannot_see_or_revoke_an_invitation(world, clients):
    invitation = world.extra["invitation_alfa"]
    url = f"/f/alfa/personer/inbjudningar/{invitation.pk}/"
    assert clients["outsider"].get(url).status_code == 404
    assert clients["outsider"].post(url).status_code == 404
    beta_invitation = world.extra["invitation_beta"]
    assert (
        clients["kansli"].post(f"/f/alfa/personer/inbjudningar/{beta_invitation.pk}/").status_code
        == 404
    )
    for persona in ("styrelse", "ekonom", "insatsansvarig", "revisor"):
        assert clients[persona].post(url).status_code == 403
    with scopes_disabled():
        beta_invitation.refresh_from_db()
        invitation.refresh_from_db()
    assert beta_invitation.revoked_at is None and invitation.revoked_at is None
    # The pending list is the kansli's: the revisor, who may see the people, sees no addresses.
    assert invitation.email in clients["kansli"].get("/f/alfa/personer/").content.decode()
    assert invitation.email not in clients["revisor"].get("/f/alfa/personer/").content.decode()


def test_inviting_again_replaces_the_earlier_link(world, clients):
    _invite(clients["kansli"], "nora@example.se")
    _invite(clients["kansli"], "nora@example.se", role="ekonom")
    first, second = (_link(message) for message in mail.outbox)
    assert "Länken gäller inte" in Client().get(_path(first)).content.decode()
    assert _create_account(Client(), second).status_code == 302
    with scope(forbund=world.a):
        assert Membership.objects.get(user__username="ny.person").role == "ekonom"


def test_a_role_with_two_factor_enrols_during_the_invitation_and_gets_recovery_codes(
    settings, world, clients
):
    assert "insatsansvarig" in settings.SAMORDNA_2FA_ROLES
    _invite(clients["kansli"], "ines@example.se", role="insatsansvarig")
    settings.SAMORDNA_REQUIRE_2FA = True
    assert "tvåstegsverifiering" in mail.outbox[0].body
    person = Client()
    done = _create_account(person, _link(mail.outbox[0]), username="ines")
    assert done.status_code == 302 and done["Location"].startswith(reverse("otp_setup"))
    # Nothing else before the device is set up.
    assert person.get("/f/alfa/").status_code == 302
    setup = person.get(done["Location"]).content.decode()
    assert "<svg" in setup and 'name="password"' not in setup  # chose it a moment ago
    device = TOTPDevice.objects.get(user__username="ines", confirmed=False)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    codes_page = person.post(reverse("otp_setup"), {"token": f"{token:06d}", "next": "/f/alfa/"})
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", codes_page.content.decode())
    assert len(codes) == settings.SAMORDNA_RECOVERY_CODES
    assert (
        codes_page["Cache-Control"].startswith("max-age=0")
        or "no-store" in codes_page["Cache-Control"]
    )
    assert person.get("/f/alfa/").status_code == 200

    # Later: log in with the password, then a recovery code instead of the phone. Once.
    for attempt in range(2):
        later = Client()
        later.post(reverse("login"), {"username": "ines", "password": PASSWORD})
        assert later.get("/f/alfa/").status_code == 302
        response = later.post(
            reverse("otp_verify"), {"token": codes[0].upper(), "next": "/f/alfa/"}
        )
        if attempt == 0:
            assert response.status_code == 302 and response["Location"] == "/f/alfa/"
            assert later.get("/f/alfa/").status_code == 200
        else:
            assert "Koden stämmer inte" in response.content.decode()
            assert later.get("/f/alfa/").status_code == 302
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="user.recovery_code_used").count() == 1


def test_enrolling_outside_an_invitation_asks_for_the_password(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    client = clients["insatsansvarig"]
    assert client.get("/f/alfa/").status_code == 302  # insatsansvarig must use two-factor
    page = client.get(reverse("otp_setup")).content.decode()
    assert 'name="password"' in page
    device = TOTPDevice.objects.get(user=world.users["insatsansvarig"], confirmed=False)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    refused = client.post(reverse("otp_setup"), {"token": f"{token:06d}", "password": "fel"})
    assert "Lösenordet stämmer inte" in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/f/alfa/").status_code == 302


def test_invite_user_command_bootstraps_the_first_kansli(world):
    out = io.StringIO()
    call_command(
        "invite_user", "forsta@roslagen.example.se", "--forbund", "beta", "--print-link", stdout=out
    )
    text = out.getvalue()
    assert "Skickade en inbjudan till forsta@roslagen.example.se" in text
    (message,) = mail.outbox
    link = _link(message)
    assert link in text and link.startswith("http://127.0.0.1:8000/konto/inbjudan/")
    assert _create_account(Client(), link, username="forsta").status_code == 302
    with scope(forbund=world.b):
        assert Membership.objects.get(user__username="forsta").role == "kansli"
    quiet = io.StringIO()
    call_command("invite_user", "andra@example.se", "--forbund", "beta", stdout=quiet)
    assert "/konto/inbjudan/" not in quiet.getvalue()


def test_invite_user_refuses_an_unknown_forbund_and_a_bad_address(world):
    with pytest.raises(CommandError, match="inget förbund"):
        call_command("invite_user", "a@example.se", "--forbund", "finns-inte")
    with pytest.raises(CommandError, match="Ogiltig e-postadress"):
        call_command("invite_user", "inte-en-adress", "--forbund", "beta")
    assert mail.outbox == []


def test_the_installation_admin_lists_invitations_but_cannot_make_or_edit_them(world):
    admin = User.objects.create_superuser("drift", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    invitation = world.extra["invitation_alfa"]
    listing = client.get("/admin/organisations/invitation/").content.decode()
    assert invitation.email in listing and invitation.token_hash not in listing
    assert client.get("/admin/organisations/invitation/add/").status_code == 403
    detail = client.get(f"/admin/organisations/invitation/{invitation.pk}/change/")
    assert detail.status_code == 200 and invitation.token_hash not in detail.content.decode()


def test_hostile_values_in_the_account_pages_get_an_answer_not_a_server_error(world, clients):
    # A NUL byte anywhere is answered 400 before any view (core/middleware.py); other
    # hostile values reach the forms and get the page back with an error.
    assert Client().get("/konto/inbjudan/%00/").status_code == 400
    assert Client().get("/konto/inbjudan/" + "x" * 5000 + "/").status_code == 200
    assert Client().get("/konto/nytt-losenord/%00/%00/").status_code == 400
    assert (
        Client().get("/konto/nytt-losenord/x/" + "y" * 5000 + "/", follow=True).status_code == 200
    )
    for value, status in (("a\x00b", 400), ("a\x01b" + "x" * 300, 200)):
        for url, data in [
            (reverse("password_reset"), {"email": value}),
            (reverse("login"), {"username": value, "password": value}),
            ("/f/alfa/personer/ny/", {"email": value, "role": value}),
        ]:
            client = clients["kansli"] if url.startswith("/f/") else Client()
            assert client.post(url, data).status_code == status, (url, value)
    _invite(clients["kansli"], "nora@example.se")
    person = Client()
    _open(person, _link(mail.outbox[0]))
    response = person.post(
        reverse("invitation_accept"),
        dict.fromkeys(("username", "first_name", "last_name", "password1", "password2"), "a\x01b"),
    )
    assert response.status_code == 200 and "Något behöver rättas" in response.content.decode()
    assert not User.objects.filter(email="nora@example.se").exists()
