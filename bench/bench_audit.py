"""Time the audit log's hash chain: appends (one by one, in bulk, from parallel writers) and
`verify_audit` over the whole log.

    python -m bench.bench_audit                                   # scratch SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_audit
    python -m bench.bench_audit --events 100000 --threads 8

Runs in a scratch test database created and dropped here. Prints a Swedish summary.
"""

from __future__ import annotations

import argparse
import os
import threading
import time


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät händelseloggens hashkedja.")
    parser.add_argument("--events", type=int, default=50_000, help="händelser i bulk")
    parser.add_argument("--single", type=int, default=2_000, help="händelser en och en")
    parser.add_argument("--threads", type=int, default=8, help="samtidiga skrivare (PostgreSQL)")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.conf import settings

    from bench.throwaway_db import throwaway_database

    settings.DEBUG = False

    with throwaway_database():
        run(args)


def run(args) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection, connections, transaction
    from django_scopes import scopes_disabled

    from core import audit
    from core.models import AuditEvent
    from organisations.models import Forbund

    forbund = Forbund.objects.create(slug="bench", name="Bänkförbundet")
    changes = {"belopp": {"från": 1_000_000, "till": 1_250_000}, "namn": audit.MASK}

    started = time.perf_counter()
    for n in range(args.single):
        audit.log(None, "bench.single", forbund=forbund, changes={**changes, "n": n})
    single = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        for offset in range(0, args.events, 5000):
            AuditEvent.objects.bulk_create(
                [
                    AuditEvent(forbund=forbund, action="bench.bulk", changes={**changes, "n": n})
                    for n in range(offset, min(offset + 5000, args.events))
                ]
            )
    bulk = time.perf_counter() - started

    parallel = None
    if connection.vendor == "postgresql" and args.threads > 1:
        per_thread = 200
        barrier = threading.Barrier(args.threads)

        def writer(number: int) -> None:
            barrier.wait()
            for n in range(per_thread):
                audit.log(None, "bench.parallel", forbund=forbund, changes={"t": number, "n": n})
            connections.close_all()

        workers = [threading.Thread(target=writer, args=(n,)) for n in range(args.threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        parallel = (args.threads * per_thread, time.perf_counter() - started)

    with scopes_disabled():
        total = AuditEvent.objects.count()
        prevs = AuditEvent.objects.values_list("prev_hash", flat=True)
        forks = total - len(set(prevs))
    started = time.perf_counter()
    out = StringIO()
    call_command("verify_audit", stdout=out)
    verify = time.perf_counter() - started

    # For comparison: the same inserts without the chain (plain Model.save and a plain
    # queryset's bulk_create bypass the chaining). After verify_audit: these rows are unchained.
    from django.db import models

    started = time.perf_counter()
    for n in range(args.single):
        models.Model.save(
            AuditEvent(forbund=forbund, action="plain.single", changes={**changes, "n": n})
        )
    plain_single = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        for offset in range(0, args.events, 5000):
            models.QuerySet[AuditEvent](AuditEvent).bulk_create(
                [
                    AuditEvent(forbund=forbund, action="plain.bulk", changes={**changes, "n": n})
                    for n in range(offset, min(offset + 5000, args.events))
                ]
            )
    plain_bulk = time.perf_counter() - started

    def per_event(seconds: float, count: int) -> str:
        return f"{seconds:.2f} s ({seconds / count * 1000:.2f} ms/händelse)"

    print(f"Databas: {connection.vendor}")
    print(f"En och en, {args.single} händelser: med kedja {per_event(single, args.single)}")
    print(f"  utan kedja (jämförelse): {per_event(plain_single, args.single)}")
    print(f"I bulk, {args.events} händelser: med kedja {bulk:.2f} s, utan {plain_bulk:.2f} s")
    if parallel is not None:
        count, seconds = parallel
        print(f"Samtidigt, {args.threads} trådar, {count} händelser: {per_event(seconds, count)}")
    print(f"Förgreningar i kedjan: {forks}")
    print(f"verify_audit: {total} händelser på {verify:.2f} s ({total / verify:,.0f} händelser/s)")
    print(out.getvalue().strip()[:90])


if __name__ == "__main__":
    main()
