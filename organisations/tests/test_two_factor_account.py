"""Two-factor on the account page: new recovery codes and a new phone, both behind the password."""

import re
from datetime import timedelta

import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Tillfälligt-lösen-123"
CODE = re.compile(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>")


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _enrol(client, user) -> list[str]:
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(
        reverse("otp_setup"), {"token": _code(device), "password": PASSWORD, "next": "/f/alfa/"}
    )
    return CODE.findall(page.content.decode())


def test_new_recovery_codes_replace_the_old_ones(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    user = world.users["ekonom"]
    client = clients["ekonom"]
    old = _enrol(client, user)
    assert len(old) == 10
    account = client.get(reverse("account")).content.decode()
    assert "10 oanvända reservkoder" in account
    refused = client.post(reverse("recovery_codes"), {"password": "fel"}, follow=True)
    assert "inga nya reservkoder" in refused.content.decode()
    new = CODE.findall(
        client.post(reverse("recovery_codes"), {"password": PASSWORD}).content.decode()
    )
    assert len(new) == 10 and not set(new) & set(old)
    later = Client()
    later.post(reverse("login"), {"username": "ekonom-a", "password": PASSWORD})
    assert (
        "Koden stämmer inte"
        in later.post(reverse("otp_verify"), {"token": old[0]}).content.decode()
    )
    # After a wrong code django-otp makes the next try wait (1 s, doubling): say so, then let in.
    waiting = later.post(reverse("otp_verify"), {"token": new[0]}).content.decode()
    assert "Vänta en halv minut" in waiting
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        assert later.post(reverse("otp_verify"), {"token": new[0]}).status_code == 302
    assert later.get("/f/alfa/").status_code == 200


def test_a_new_phone_needs_the_password_and_then_a_new_setup(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    user = world.users["kansli"]
    user.email = "karin@alfa.example.se"
    user.save()
    client = clients["kansli"]
    _enrol(client, user)
    assert client.get("/f/alfa/").status_code == 200
    client.post(reverse("otp_reset"), {"password": "fel"})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    response = client.post(reverse("otp_reset"), {"password": PASSWORD})
    assert response["Location"].startswith(reverse("otp_setup"))
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    (notice,) = mail.outbox  # told to the account's own address
    assert notice.to == ["karin@alfa.example.se"] and "kopplats bort" in notice.subject
    # The session is no longer verified: nothing but setting up the new phone.
    assert client.get("/f/alfa/").status_code == 302
    assert 'name="password"' in client.get(response["Location"]).content.decode()
    assert len(_enrol(client, user)) == 10
    assert client.get("/f/alfa/").status_code == 200


def test_a_two_factor_code_that_is_not_a_code_is_refused_in_swedish(settings, world, clients):
    settings.SAMORDNA_REQUIRE_2FA = True
    _enrol(clients["kansli"], world.users["kansli"])
    later = Client()
    later.post(reverse("login"), {"username": "kansli-a", "password": PASSWORD})
    for token in ("", "x" * 5000, "12345\x01", "1234567", "' OR 1=1 --"):
        response = later.post(reverse("otp_verify"), {"token": token})
        assert response.status_code == 200 and "Koden stämmer inte" in response.content.decode()
    # A NUL byte is answered 400 before the view (core/middleware.py), never a 500.
    assert later.post(reverse("otp_verify"), {"token": "12345\x00"}).status_code == 400
    assert later.get("/f/alfa/").status_code == 302
