"""Per-page cost of the main pages, in one process: database queries, wall time and CPU time
of the Django process (the database server's part is not in the CPU time, which is why it
is steadier than wall time on a busy machine). With --profile NAME, a pyinstrument profile of
that page is printed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/DB python -m bench.profile_pages
    DATABASE_URL=... python -m bench.profile_pages --runs 10 --profile statistik

Runs against the database DATABASE_URL names, where load_demo has run (the pages and
accounts of bench/bench_web.py), with DEBUG off as in production.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SAMORDNA_REQUIRE_2FA", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forbund", default="demo")
    parser.add_argument("--role", default="kansli")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", default="", help="sidans namn, t.ex. statistik")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from bench.bench_web import PAGES, login_sessions
    from participants.models import Insats

    login_sessions(args.forbund)  # the bench accounts, which may log in with DEBUG off
    with scopes_disabled():
        insats = Insats.objects.filter(forbund__slug=args.forbund).order_by("code").first()
        user = get_user_model().objects.get(username=f"bench-{args.role}")
    assert insats is not None
    values = {"f": args.forbund, "y": timezone.localdate().year - 1, "insats": insats.code}
    client = Client(secure=True)
    client.force_login(user)
    print(f"{'sida':<18} {'status':>6} {'frågor':>7} {'ms':>7} {'CPU ms':>7} {'kB':>6}")
    for name, template in PAGES:
        path = template.format(**values)
        first = client.get(path)  # warm: caches, templates
        if first.status_code != 200:
            print(f"{name:<18} {first.status_code:>6}")
            continue
        walls, cpus = [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
        print(
            f"{name:<18} {response.status_code:>6} {len(queries):>7} "
            f"{statistics.median(walls) * 1000:>7.0f} {statistics.median(cpus) * 1000:>7.0f} "
            f"{len(response.content) / 1024:>6.0f}"
        )
        if name == args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(args.runs):
                    client.get(path)
            print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
