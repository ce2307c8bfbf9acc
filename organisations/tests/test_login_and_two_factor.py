import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samples.demo.forbund import DEMO_USERS


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_page_is_swedish_and_accessible():
    html = Client().get(reverse("login")).content.decode()
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and "Hoppa till innehållet" in html
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert "Logga in" in html


def test_demo_logins_work_in_local_demo_mode(settings, demo_forbund):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    for username, (_role, _f, _l, password) in DEMO_USERS.items():
        client = Client()
        response = _login(client, username, password)
        assert response.status_code == 302, username
        assert client.get(response["Location"], follow=True).status_code == 200


def test_demo_logins_are_refused_when_debug_is_off(settings, demo_forbund):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = False
    response = _login(Client(), "kansli", DEMO_USERS["kansli"][3])
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_that_address(settings, world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "kansli-a", "fel-lösenord")
    response = _login(client, "kansli-a", "Tillfälligt-lösen-123")
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


def test_kansli_must_set_up_two_factor_before_seeing_anything(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    response = clients["kansli"].get("/f/alfa/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))
    setup = clients["kansli"].get(reverse("otp_verify"), follow=True)
    assert "Aktivera tvåstegsverifiering" in setup.content.decode()
    device = TOTPDevice.objects.get(user=world.users["kansli"], confirmed=False)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    done = clients["kansli"].post(
        reverse("otp_setup"),
        {"token": f"{token:06d}", "password": "Tillfälligt-lösen-123", "next": "/f/alfa/"},
    )
    # The recovery codes are shown once, with the way on.
    assert done.status_code == 200 and 'href="/f/alfa/"' in done.content.decode()
    assert "Dina reservkoder" in done.content.decode()
    assert clients["kansli"].get("/f/alfa/").status_code == 200


def test_a_wrong_two_factor_code_is_refused(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    clients["ekonom"].get(reverse("otp_setup"))
    response = clients["ekonom"].post(reverse("otp_setup"), {"token": "000000"})
    assert "Koden stämmer inte" in response.content.decode()
    assert clients["ekonom"].get("/f/alfa/").status_code == 302


def test_roles_without_the_requirement_go_straight_in(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    assert clients["styrelse"].get("/f/alfa/").status_code == 200


@pytest.mark.django_db
def test_sessions_expire_after_inactivity_and_at_browser_close(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE / 10
    assert settings.PASSWORD_HASHERS  # argon2 in production; see test below


def test_a_used_session_is_kept_alive_without_a_write_per_page(settings, world):
    """The idle logout: each use moves the expiry forward, at most once a minute; a session
    left alone past SESSION_COOKIE_AGE is gone."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.test import Client

    from organisations.middleware import SessionRefreshMiddleware

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = Client()
    client.force_login(world.users["styrelse"])
    key = client.cookies[settings.SESSION_COOKIE_NAME].value

    def expiry():
        return Session.objects.get(session_key=key).expire_date

    assert client.get("/f/alfa/").status_code == 200
    first = expiry()
    assert client.get("/f/alfa/").status_code == 200
    assert expiry() == first  # within the minute: no write

    # a minute later the next page moves the expiry forward
    session = client.session
    session[SessionRefreshMiddleware.KEY] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=first - timedelta(seconds=60))
    assert client.get("/f/alfa/").status_code == 200
    assert expiry() > first - timedelta(seconds=60)

    # left alone past the idle time: the session is gone and the page asks for a login
    Session.objects.filter(session_key=key).update(expire_date=first - timedelta(hours=2))
    response = client.get("/f/alfa/")
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_passwords_are_hashed_with_argon2_in_production():
    from samordna import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
