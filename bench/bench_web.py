"""Load benchmark of the web pages (issue 11, item 10): gunicorn + PostgreSQL with the demo,
logged-in users walking the main pages, measured with locust.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB python -m bench.bench_web
    ... python -m bench.bench_web --users 20 --duration 60 --think 1 --think 0
    ... python -m bench.bench_web --redis redis://127.0.0.1:6379/11 --port 8108

DATABASE_URL must name a database where `migrate` and `load_demo` have run (the demo förbund
"demo" and its accounts kansli, ekonom, insatsansvarig, styrelse and revisor). The script
1. starts gunicorn as in production (deploy/gunicorn.conf.py, DEBUG off, manifest static files
   from `collectstatic` into var/bench-static, 3 workers × 2 threads unless told otherwise;
   two-factor off, since the demo accounts have no authenticator);
2. logs each demo account in once (a session as the login view makes it) and keeps, per role,
   the main pages that answer 200 for that role;
3. runs locust headless: --users users spread over the roles, each requesting its pages in a
   cycle with --think seconds between pages, for --duration seconds after a warm-up; once per
   --think value;
4. with --write-every S, changes the database every S seconds while locust runs (an UPDATE of
   the förbund's members through Django's ORM, as a saved form would make; --write-in names
   another förbund, made if it does not exist): each write raises the förbund's data
   generation, so its figures kept in the cache (core/figure_cache.py) are computed again;
5. prints requests/s, p50, p95 and p99 over all pages and per page, and the failures.
Locust itself runs on the same machine and takes CPU from the server (about a third of a core
at 60 requests/s): the figures are a floor, not the server alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
ROLES = ("kansli", "ekonom", "insatsansvarig", "styrelse", "revisor")
# The main pages, as the menus lead to them ({f}: the förbund, {y}: the last complete year).
PAGES = (
    ("start", "/f/{f}/"),
    ("insatser", "/f/{f}/insatser/"),
    ("insats", "/f/{f}/insatser/{insats}/"),
    ("deltaganden", "/f/{f}/deltaganden/"),
    ("statistik", "/f/{f}/statistik/{y}/"),
    ("medlemmar", "/f/{f}/medlemmar/"),
    ("medlemsbidrag", "/f/{f}/medlemsbidrag/{y}/"),
    ("idealfördelning", "/f/{f}/idealfordelning/{y}/"),
    ("budget", "/f/{f}/budget/{y}/"),
    ("ekonomi", "/f/{f}/ekonomi/"),
    ("resultaträkning", "/f/{f}/ekonomi/{y}/"),
    ("driftredovisning", "/f/{f}/ekonomi/{y}/driftredovisning/"),
    ("kontroller", "/f/{f}/ekonomi/{y}/kontroller/"),
    ("enkäter", "/f/{f}/enkater/"),
    ("enkätresultat", "/f/{f}/enkater/NNS-DA/{y}/"),
    ("rapporter", "/f/{f}/rapporter/"),
    ("årsredovisning", "/f/{f}/rapporter/arsredovisning/{y}/"),
    ("händelselogg", "/f/{f}/logg/"),
)


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="samordna.settings",
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SAMORDNA_REQUIRE_2FA="0",
        STATIC_ROOT=str(VAR / "bench-static"),
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="ERROR",
    )
    if args.redis:
        env["REDIS_URL"] = args.redis
    else:
        env.pop("REDIS_URL", None)
    return env


def login_sessions(forbund_slug: str) -> tuple[str, dict[str, str], str]:
    """A session per role (through Django's login, as the login view does), the session
    cookie's name, and an insats to show. Demo accounts cannot log in with DEBUG off, so each
    role gets a bench account ("bench-kansli" …, no password) with the demo account's role and
    insatser; they stay in the database for the next run."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_scopes import scopes_disabled

    from organisations.models import Forbund, Membership
    from participants.models import Insats

    user_model = get_user_model()
    with scopes_disabled():
        forbund = Forbund.objects.get(slug=forbund_slug)
        insats = Insats.objects.filter(forbund=forbund).order_by("code").first()
        if insats is None:
            sys.exit(f"Förbundet {forbund_slug!r} har inga insatser: kör load_demo först.")
        sessions = {}
        for role in ROLES:
            demo = user_model.objects.get(username=role)
            user, created = user_model.objects.get_or_create(
                username=f"bench-{role}", defaults={"first_name": "Bench", "last_name": role}
            )
            if created:
                user.set_unusable_password()
                user.save()
                membership = Membership.objects.get(forbund=forbund, user=demo)
                Membership.objects.create(forbund=forbund, user=user, role=membership.role)
                user.responsible_for.set(demo.responsible_for.all())
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return settings.SESSION_COOKIE_NAME, sessions, insats.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an answer of its own
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, cookie: str = "") -> int:
    headers = {"X-Forwarded-Proto": "https", "Cookie": cookie}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http on the loopback
    try:
        with _opener.open(request, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn startade inte (se utskriften ovan).")
        try:
            if fetch(base + "/halsa/") in (200, 503):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn svarade inte inom en minut.")


def keep_writing(every: float, forbund_slug: str, stop: threading.Event) -> list:
    """An office at work: every `every` seconds one committed UPDATE, in the förbund's scope,
    of its members through Django's database layer (each name set to itself, so the data stay as
    they are). The database layer counts it as a change of that förbund's data like any form's
    save: that förbund's kept figures are computed again on their next view, and other förbund's
    are not (core/figure_cache.py). A förbund that does not exist is made, with one member: the
    writes of another office on the same installation. Returns a list that counts the writes."""
    from django.db import connection
    from django.db.models import F
    from django_scopes import scope

    from organisations.choices import MemberKind
    from organisations.models import Forbund, Member

    target, _ = Forbund.objects.get_or_create(
        slug=forbund_slug, defaults={"name": "Samordningsförbundet Belastningstest"}
    )
    with scope(forbund=target):
        if not Member.objects.filter(forbund=target).exists():
            Member.objects.create(forbund=target, name="Provkommunen", kind=MemberKind.KOMMUN)
    done: list[float] = []

    def write() -> None:
        try:
            while not stop.wait(every):
                with scope(forbund=target):
                    Member.objects.filter(forbund=target).update(name=F("name"))
                done.append(time.monotonic())
        finally:
            connection.close()

    threading.Thread(target=write, name="bench-writer", daemon=True).start()
    return done


def run_locust(args, plan_path: Path, think: float, out: Path) -> dict:
    env = dict(os.environ, SAMORDNA_BENCH_PLAN=str(plan_path), SAMORDNA_BENCH_THINK=str(think))
    prefix = out / f"think{think:g}"
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "--only-summary", "--host", f"http://127.0.0.1:{args.port}",
        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration}s",
        "--csv", str(prefix), "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(  # noqa: S603 - our own module, our arguments
        command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats_file:
        rows = list(csv.DictReader(stats_file))
    return {"think": think, "rows": rows}


def report(result: dict, load: tuple[float, float, float], writes: int) -> None:
    think = result["think"]
    rows = result["rows"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(
        f"\n{'utan betänketid' if not think else f'betänketid {think:g} s'}: "
        f"{float(total['Requests/s']):.1f} anrop/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"p99 {total['99%']} ms, {total['Request Count']} anrop, {total['Failure Count']} fel, "
        f"{writes} ändringar i databasen (load average efteråt {load[0]:.1f})"
    )
    print(f"  {'sida':<18} {'anrop':>6} {'p50':>6} {'p95':>6} {'max':>6}  (ms)")
    for row in sorted(rows[:-1], key=lambda r: -float(r["95%"] or 0)):
        print(
            f"  {row['Name']:<18} {row['Request Count']:>6} {row['50%']:>6} {row['95%']:>6} "
            f"{float(row['Max Response Time']):>6.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forbund", default="demo")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60, help="sekunder per körning")
    parser.add_argument("--think", type=float, action="append", help="betänketid, s (1 och 0)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8108)
    parser.add_argument("--redis", default="", help="REDIS_URL för servern, t.ex. …/11")
    parser.add_argument(
        "--write-every", type=float, default=0, help="sekunder mellan ändringar (0: inga)"
    )
    parser.add_argument(
        "--write-in", default="", help="förbundet som ändras (skapas om det saknas; --forbund)"
    )
    parser.add_argument("--server-only", action="store_true", help="starta bara servern")
    args = parser.parse_args()
    thinks = args.think or [1.0, 0.0]
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL ska peka på en PostgreSQL-databas med demon (load_demo).")

    env = server_environment(args)
    os.environ.update({k: v for k, v in env.items() if k != "GUNICORN_BIND"})
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    cookie_name, sessions, insats = login_sessions(args.forbund)
    from django.db import connection
    from django.utils import timezone

    # Planner statistics, as a database in use has them (autovacuum): right after load_demo
    # PostgreSQL guesses row counts and can pick a plan 30 times slower (the insats page's
    # activities, 95 ms against 3 ms).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # The last complete year: the demo's books, statistics and annual report.
    values = {"f": args.forbund, "y": timezone.localdate().year - 1, "insats": insats}
    server = subprocess.Popen(  # noqa: S603 - gunicorn with our own configuration
        [
            sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--threads", str(args.threads), "--access-logfile", "/dev/null", "samordna.wsgi",
        ],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(base, server)
        accounts: list[dict[str, Any]] = []
        for role in ROLES:
            cookie = f"{cookie_name}={sessions[role]}"
            pages = [(name, path.format(**values)) for name, path in PAGES]
            # Each role walks the pages it may see; the first request also warms the caches.
            shown = [(name, path) for name, path in pages if fetch(base + path, cookie) == 200]
            print(f"{role}: {len(shown)} av {len(pages)} sidor")
            accounts.append(
                {"role": role, "cookie": cookie_name, "session": sessions[role], "pages": shown}
            )
        if args.server_only:
            print(f"Servern kör på {base} (avsluta med Ctrl+C).")
            server.wait()
            return
        # kansli and ekonom are the daily users: twice as many of them.
        daily = ROLES[:2]
        plan = {"accounts": [a for a in accounts for _ in range(2 if a["role"] in daily else 1)]}
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)
            plan_path = out / "plan.json"
            plan_path.write_text(json.dumps(plan), encoding="utf-8")
            print(
                f"\n{args.users} användare, {args.duration} s per körning, gunicorn "
                f"{args.workers} processer × {args.threads} trådar, {os.cpu_count()} kärnor"
            )
            if args.write_every:
                print(
                    f"En ändring i förbundet {args.write_in or args.forbund} var "
                    f"{args.write_every:g}:e sekund under körningarna."
                )
            for think in thinks:
                stop = threading.Event()
                writes = (
                    keep_writing(args.write_every, args.write_in or args.forbund, stop)
                    if args.write_every
                    else []
                )
                result = run_locust(args, plan_path, think, out)
                stop.set()
                report(result, os.getloadavg(), len(writes))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
