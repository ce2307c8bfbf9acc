"""Change and reset password: Django's flows with Swedish pages and e-mail, strong passwords,
and a reset that neither reveals whether an address exists nor can be used to spam it."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from core.models import AuditEvent

OLD = "Tillfälligt-lösen-123"
NEW = "Blåbärsskogen-vid-sjön-7"
RESET_LINK = re.compile(r"https?://[^\s]+/konto/nytt-losenord/[^\s]+/[^\s]+/")


def _login(username, password) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return client


def test_a_person_changes_their_password(world, clients):
    client = clients["styrelse"]
    page = client.get(reverse("password_change")).content.decode()
    assert "Byt lösenord" in page and "Gammalt lösenord" in page
    response = client.post(
        reverse("password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Ditt lösenord är ändrat" in response.content.decode()
    assert client.get("/f/alfa/").status_code == 200  # still logged in
    user = world.users["styrelse"]
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "_auth_user_id" not in _login("styrelse-a", OLD).session
    assert _login("styrelse-a", NEW).get("/f/alfa/").status_code == 200
    with scopes_disabled():
        event = AuditEvent.objects.get(action="user.password_changed")
    assert event.actor == user and event.object_repr == f"Användare {user.pk}"
    assert mail.outbox == []  # no address on the account: no notice


def test_a_changed_password_is_told_to_the_account_address(world, clients):
    user = world.users["styrelse"]
    user.email = "stina@alfa.example.se"
    user.save()
    clients["styrelse"].post(
        reverse("password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    (notice,) = mail.outbox
    assert notice.to == ["stina@alfa.example.se"]
    assert notice.subject == "Ditt lösenord i Samordna har ändrats"
    assert "styrelse-a" in notice.body and NEW not in notice.body


def test_a_wrong_old_password_or_a_weak_new_one_changes_nothing(world, clients):
    client = clients["styrelse"]
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "fel", "new_password1": NEW, "new_password2": NEW},
    )
    assert "felaktigt" in wrong.content.decode().lower()
    weak = client.post(
        reverse("password_change"),
        {"old_password": OLD, "new_password1": "styrelse-a", "new_password2": "styrelse-a"},
    )
    html = weak.content.decode()
    assert "minst 12 tecken" in html and "alltför likt" in html
    user = world.users["styrelse"]
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_the_account_page_links_to_the_password_and_two_factor(world, clients):
    html = clients["revisor"].get(reverse("account")).content.decode()
    assert reverse("password_change") in html
    assert "Samordningsförbundet Alfa: Revisor" in html
    assert "Inte aktiverad" in html


def test_a_forgotten_password_is_reset_by_e_mail(world):
    user = world.users["ekonom"]
    user.email = "erik@alfa.example.se"
    user.save()
    client = Client()
    assert "Glömt lösenordet?" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("password_reset"), {"email": "ERIK@alfa.example.se"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["erik@alfa.example.se"]
    assert message.subject == "Nytt lösenord till Samordna"
    assert "ekonom-a" in message.body and "Hej!" in message.body
    link = RESET_LINK.search(message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert "Välj nytt lösenord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert "minst 12 tecken" in weak.content.decode()
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("password_reset_complete")
    assert _login("ekonom-a", NEW).session.get("_auth_user_id") == str(user.pk)
    # The link is used up.
    again = Client().get(path, follow=True).content.decode()
    assert "Länken gäller inte" in again
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="user.password_reset").count() == 1
    assert [m.subject for m in mail.outbox][-1] == "Ditt lösenord i Samordna har ändrats"


def test_reset_gives_the_same_answer_for_an_unknown_address_and_sends_nothing(world):
    user = world.users["ekonom"]
    user.email = "erik@alfa.example.se"
    user.save()
    known = Client().post(reverse("password_reset"), {"email": "erik@alfa.example.se"})
    unknown = Client().post(reverse("password_reset"), {"email": "okand@example.se"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["erik@alfa.example.se"]]


def test_reset_mails_to_one_address_are_limited_per_hour(settings, world):
    user = world.users["ekonom"]
    user.email = "spam@alfa.example.se"
    user.save()
    answers = set()
    for _ in range(settings.SAMORDNA_PASSWORD_RESET_PER_HOUR + 3):
        response = Client().post(reverse("password_reset"), {"email": "spam@alfa.example.se"})
        answers.add((response.status_code, response["Location"]))
    assert len(answers) == 1  # the same answer when the limit is reached
    assert len(mail.outbox) == settings.SAMORDNA_PASSWORD_RESET_PER_HOUR


def test_password_validation_is_strong(settings):
    names = [entry["NAME"].rsplit(".", 1)[1] for entry in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] >= 12
    assert settings.LANGUAGE_CODE == "sv"


def test_e_mail_is_printed_locally_and_sent_by_smtp_in_production(monkeypatch):
    import importlib

    from samordna import settings as project_settings

    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    assert importlib.reload(project_settings).EMAIL_BACKEND.endswith("console.EmailBackend")
    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.se")
    monkeypatch.setenv("EMAIL_PORT", "587")
    monkeypatch.setenv("EMAIL_USE_TLS", "1")
    production = importlib.reload(project_settings)
    assert production.EMAIL_BACKEND.endswith("smtp.EmailBackend")
    assert (production.EMAIL_HOST, production.EMAIL_PORT, production.EMAIL_USE_TLS) == (
        "smtp.example.se",
        587,
        True,
    )
    monkeypatch.setenv("DEBUG", "1")
    importlib.reload(project_settings)
