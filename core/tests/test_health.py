"""/halsa/: 200 with every check ok, 503 naming the failing check, and nothing sensitive."""

import json

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    # The module remembers a successful migration check for a minute; each test starts anew.
    monkeypatch.setattr(health, "_migrations_ok_until", 0.0)


def _answer(client):
    response = client.get("/halsa/")
    return response, json.loads(response.content)


def test_all_checks_ok_answers_200_without_login(client):
    response, body = _answer(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert body == {
        "status": "ok",
        "kontroller": {
            "databas": "ok",
            "cache": "ok",
            "ko": "ok",
            "disk": "ok",
            "migreringar": "ok",
        },
    }


def test_too_little_free_disk_answers_503(client, settings):
    settings.SAMORDNA_HEALTH_MIN_FREE_MB = 10**12  # an exabyte
    response, body = _answer(client)
    assert response.status_code == 503
    assert body["status"] == "fel"
    assert body["kontroller"]["disk"] == f"fel: mindre än {10**12} MB ledigt"
    assert body["kontroller"]["databas"] == "ok"


def test_an_unreachable_cache_answers_503_without_saying_where_it_is(client, settings):
    # A real Redis client against a port nobody listens on (connection refused at once).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response, body = _answer(client)
    assert response.status_code == 503
    assert body["kontroller"]["cache"] == "fel: svarar inte"
    text = response.content.decode()
    for secret in ("127.0.0.1", "redis", "Error", "Traceback", connection.settings_dict["NAME"]):
        assert secret not in text


def test_a_job_nobody_takes_answers_503(client, world):
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from core.models import Job

    with scopes_disabled():
        job = Job.objects.create(
            forbund=world.a, kind="test", title="Väntar", capability="forbund.view"
        )
        assert _answer(client)[1]["kontroller"]["ko"] == "ok"  # just queued
        Job.objects.filter(pk=job.pk).update(created=timezone.now() - timedelta(minutes=11))
    response, body = _answer(client)
    assert response.status_code == 503
    assert body["kontroller"]["ko"] == "fel: 1 jobb har väntat mer än 10 minuter"


def test_a_migration_not_applied_answers_503(client):
    # Within the test's transaction (rolled back afterwards) the database forgets one migration.
    MigrationRecorder(connection).record_unapplied("sessions", "0001_initial")
    response, body = _answer(client)
    assert response.status_code == 503
    assert body["kontroller"]["migreringar"] == "fel: 1 migreringar är inte körda"


def test_only_get_and_head(client):
    assert client.head("/halsa/").status_code == 200
    assert client.post("/halsa/").status_code == 405


def test_plain_http_is_not_redirected_for_monitoring_on_the_server(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/halsa/").status_code == 200
    assert client.get("/konto/logga-in/").status_code == 301


def _settings_in_a_fresh_process(**env) -> dict:
    import os
    import subprocess
    import sys

    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], "
        "'location': s.CACHES['default'].get('LOCATION'), 'sessions': s.SESSION_ENGINE}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    result = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "samordna.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_redis_url_puts_the_cache_and_sessions_in_redis():
    assert _settings_in_a_fresh_process(REDIS_URL="redis://127.0.0.1:6379/3") == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "location": "redis://127.0.0.1:6379/3",
        "sessions": "django.contrib.sessions.backends.cached_db",
    }
    assert _settings_in_a_fresh_process() == {
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "location": None,
        "sessions": "django.contrib.sessions.backends.db",
    }
