"""Time survey results for 100 000 answers and the public answer form under load (issue 10).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_surveys
    python -m bench.bench_surveys --responses 20000          # SQLite (a file in a temp dir)

Runs in a fresh test database (dropped at the end):
1. stores --responses responses (default 100 000) to NNS-DA's seven questions in 10 insatser
   of one year, with the bulk writer the import uses (not timed beyond a note);
2. times `survey_results` for the instrument and year: all insatser, one insats, and the
   publication mode (best and median of --repeat, warm);
3. the answer form: --users simultaneous respondents (threads, default 20), each opening the
   form after 0-2 × --think seconds, filling it in for 0.5-1.5 × --think and sending it,
   --answers times, through
   Django's whole request stack (test Client, every middleware, the database; no network),
   and reports the latency percentiles. All threads share one process and its GIL (one
   worker; production runs several), so this is the conservative case; --think 0 sends
   everything at once (a burst: the latency is then mostly the queue).
Targets: results < 0.3 s; the form < 100 ms at the 95th percentile with 20 answering at once.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from datetime import date, timedelta


def main() -> None:
    parser = argparse.ArgumentParser(description="Mät enkätresultat och svarsformuläret.")
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="sekunder (medel) en svarande fyller i formuläret; 0 = alla skickar i en klump",
    )
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench.throwaway_db import throwaway_database

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    with throwaway_database("samordna_bench_surveys"):
        run(args, connection.vendor)


def run(args, vendor: str) -> None:
    from django_scopes import scope, scopes_disabled

    from organisations.models import Forbund
    from participants.choices import InterventionKind
    from participants.models import Insats
    from surveys.choices import ResponseSource
    from surveys.models import Round
    from surveys.services import ensure_builtin, latest_version, survey_results
    from surveys.services.answering import WebAnswer
    from surveys.services.response_import import save_responses

    rng = random.Random(10)
    with scopes_disabled():
        forbund = Forbund.objects.create(slug="bench", name="Bench")
        insatser = [
            Insats.objects.create(
                forbund=forbund,
                code=f"I{n:02}",
                name=f"Insats {n}",
                kind=InterventionKind.INDIVIDUAL,
            )
            for n in range(10)
        ]
    ensure_builtin(forbund)
    instrument = latest_version(forbund, "NNS-DA")
    assert instrument is not None
    questions = list(instrument.questions.all())
    started = time.perf_counter()
    batch = 10_000
    with scope(forbund=forbund):
        for offset in range(0, args.responses, batch):
            items = [
                WebAnswer(
                    instrument=instrument,
                    insats=rng.choice(insatser),
                    date=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
                    gender=rng.choice(["kvinna", "kvinna", "man", "ej_angivet"]),
                    steps={q.pk: rng.randint(1, 6) for q in questions if rng.random() > 0.03},
                    texts={},
                    external_id=f"S{offset + i}",
                )
                for i in range(min(batch, args.responses - offset))
            ]
            save_responses(forbund, items, ResponseSource.IMPORT)
    stored = time.perf_counter() - started
    if vendor == "postgresql":
        from django.db import connection

        # What autovacuum does after a large import: statistics and the visibility map
        # (so the grouped count can be an index-only scan).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE surveys_answer")
            cursor.execute("VACUUM ANALYZE surveys_response")
    answers = args.responses * len(questions)
    print(f"{vendor}: {args.responses} svar (~{answers} frågesvar) sparade på {stored:.1f} s")

    def timed(label: str, **kwargs) -> None:
        times = []
        for _ in range(args.repeat + 1):
            begin = time.perf_counter()
            result = survey_results(forbund, 2025, "NNS-DA", **kwargs)
            times.append(time.perf_counter() - begin)
        times = times[1:]  # the first run warms caches
        print(
            f"survey_results {label}: bäst {min(times) * 1000:.0f} ms, "
            f"median {statistics.median(times) * 1000:.0f} ms "
            f"({result['svar']['totalt']} svarande)"
        )

    timed("alla insatser")
    timed("en insats", insats="I03")
    timed("publicering", publication=True)

    # --- The answer form under load ---
    with scopes_disabled():
        survey_round = Round.objects.create(
            forbund=forbund,
            instrument=instrument,
            name="Bench",
            start_date=date(2000, 1, 1),
            end_date=date(2099, 12, 31),
        )
        survey_round.insatser.set(insatser[:1])
    from django.db import connections
    from django.test import Client

    url = f"/enkat/{survey_round.token}/"
    latencies: list[float] = []
    gets: list[float] = []
    lock = threading.Lock()
    failures: list[int] = []
    barrier = threading.Barrier(args.users)

    def respondent(number: int) -> None:
        client = Client()
        local_rng = random.Random(number)
        client.get(url, REMOTE_ADDR=f"10.{number}.255.1")  # warm: connection, templates
        barrier.wait()
        for n in range(args.answers):
            address = f"10.{number}.{n // 250}.{n % 250}"
            if args.think:  # respondents arrive one by one, not in step
                time.sleep(local_rng.uniform(0, 2) * args.think)
            begin = time.perf_counter()
            page = client.get(url, REMOTE_ADDR=address)
            opened = time.perf_counter() - begin
            if args.think:
                time.sleep(local_rng.uniform(0.5, 1.5) * args.think)
            middle = time.perf_counter()
            data = {f"q_{q.code}": str(local_rng.randint(1, 6)) for q in questions}
            data["kon"] = local_rng.choice(["kvinna", "man", ""])
            response = client.post(url, data, REMOTE_ADDR=address)
            end = time.perf_counter()
            with lock:
                gets.append(opened)
                latencies.append(end - middle)
                if page.status_code != 200 or response.status_code != 302:
                    failures.append(response.status_code)
        connections.close_all()

    threads = [threading.Thread(target=respondent, args=(n,)) for n in range(args.users)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - begin
    latencies.sort()
    gets.sort()

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000

    print(
        f"svarsformulär, {args.users} samtidigt (betänketid {args.think} s), "
        f"{len(latencies)} svar på {wall:.1f} s: "
        f"POST p50 {pct(latencies, 50):.0f} ms, p95 {pct(latencies, 95):.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms; GET p50 {pct(gets, 50):.0f} ms, "
        f"p95 {pct(gets, 95):.0f} ms; fel: {len(failures)}"
    )


if __name__ == "__main__":
    main()
