"""deploy/smoke.sh: a fresh production deployment (PostgreSQL roles, gunicorn, Caddy with TLS,
Redis) on this machine, checked over verified TLS; skipped where its tools are missing."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from core.tests.installation import postgres_available

BASE_DIR = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _missing() -> str | None:
    if not postgres_available():
        return "PostgreSQL (DATABASE_URL), psql och pg_dump"
    for tool in ("caddy", "curl", "pg_restore"):
        if shutil.which(tool) is None:
            return tool
    if not (BASE_DIR / ".venv" / "bin" / "gunicorn").exists():
        return "gunicorn i .venv"
    if not _redis_answers():
        return f"Redis på {REDIS_URL}"
    return None


@pytest.mark.slow
def test_a_fresh_deployment_serves_over_tls_and_restores_its_backup():
    missing = _missing()
    if missing:
        pytest.skip(f"kräver {missing}")
    database = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PG"))}
    env.update(
        PGHOST=database.get("HOST") or "127.0.0.1",
        PGPORT=str(database.get("PORT") or 5432),
        PGUSER=database.get("USER") or "postgres",
        REDIS_URL=REDIS_URL,
    )
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    result = subprocess.run(  # noqa: S603 (our own script)
        ["/bin/bash", str(BASE_DIR / "deploy" / "smoke.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "RÖKTEST OK" in result.stdout
    assert '"status": "ok"' in result.stdout
    assert "alla kontrollsummor stämmer" in result.stdout
