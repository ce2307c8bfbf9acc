"""Time the API's list endpoints and the catalogue search against their targets (issue 14).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.bench_api
    python -m bench.bench_api                      # SQLite (a file under var/)
    python -m bench.bench_api --requests 300

Runs in a fresh test database (test_<name>, dropped at the end) of the configured DATABASE_URL:
1. a förbund with 50 insatser and 10 000 participations (imported with the participant file's
   service), a kansli and a read token;
2. GET /api/v1/forbund/{slug}/deltaganden/ pages of 100 (random page, and filtered on an insats
   and a year), through Django's test client: the whole request (token check, audit log entry
   of the use, role scoping, serialisation), --requests times each; median and 95th percentile;
3. 1 000 published catalogue entries; the public search /katalog/?q=… and /api/v1/katalog/?q=…
   with one or two words and a kommun filter, the same way.
Targets: list endpoints p95 < 100 ms; catalogue search p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
# The rate limits are not what is measured.
os.environ["SAMORDNA_API_USER_RATE"] = "1000000/min"
os.environ["SAMORDNA_API_ANON_RATE"] = "1000000/min"

WORDS = [
    "arbete", "studier", "stöd", "lots", "praktik", "hälsa", "samtal", "grupp", "språk",
    "coachning", "rehabilitering", "kartläggning", "motivation", "vägledning", "träning",
]  # fmt: skip
KOMMUNER = ["Norrby", "Söderås", "Strand", "Åby", "Västerby", "Lunda", "Berga", "Holm"]


def percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def timed(client, urls: list[str], **headers) -> tuple[float, float]:
    timings = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return percentiles(timings)


def build_catalogue(forbund, count: int, rng: random.Random) -> None:
    from django_scopes import scopes_disabled

    from catalogue.models import CatalogueEntry, EntryKind, Status, TargetGroup

    with scopes_disabled():
        CatalogueEntry.objects.bulk_create(
            [
                CatalogueEntry(
                    forbund=forbund,
                    slug=f"post-{n}",
                    name=f"{rng.choice(WORDS).capitalize()} och {rng.choice(WORDS)} {n}",
                    kind=rng.choice(EntryKind.values),
                    target_group=rng.choice(TargetGroup.values),
                    municipalities="\n".join(rng.sample(KOMMUNER, 3)),
                    offers=" ".join(rng.choice(WORDS) for _ in range(40)),
                    target_description=" ".join(rng.choice(WORDS) for _ in range(10)),
                    access="bada",
                    contact="0100-00 00 00",
                    status=Status.PUBLISHED,
                )
                for n in range(count)
            ]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participations", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    django.setup()

    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":
        test_file = settings.BASE_DIR / "var" / "bench_api.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(test_file)
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        import io

        from django.test import Client
        from django_scopes import scopes_disabled

        from api.tokens import create_token
        from bench.bench_participants import make_forbund
        from organisations.choices import Role
        from organisations.models import Membership, User
        from participants.services import import_participants
        from samples.participant_rows import csv_bytes, participant_rows

        rng = random.Random(14)
        forbund = make_forbund("api", 50)
        result = import_participants(
            forbund, io.BytesIO(csv_bytes(participant_rows(args.participations, 50, 10))), "b.csv"
        )
        assert result.ok, result.errors[:3]
        user = User.objects.create_user("bench-kansli")
        with scopes_disabled():
            Membership.objects.create(forbund=forbund, user=user, role=Role.KANSLI)
            count = forbund.participations.count()
            insats = forbund.insatser.order_by("code").first().code
        _token, raw = create_token(forbund, user)
        auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        client = Client()
        base = "/api/v1/forbund/api/deltaganden/"
        pages = max(1, count // 100)
        timed(client, [base] * 5, **auth)  # warm
        print(f"{count} deltaganden, sidor om 100, {args.requests} anrop per mätning")
        for label, urls in {
            "deltaganden, slumpad sida": [
                f"{base}?sida={rng.randint(1, pages)}" for _ in range(args.requests)
            ],
            "deltaganden, insats + år": [f"{base}?insats={insats}&ar=2020"] * args.requests,
            "insatser": ["/api/v1/forbund/api/insatser/"] * args.requests,
        }.items():
            median, p95 = timed(client, urls, **auth)
            print(f"  {label:32} median {median:6.1f} ms   p95 {p95:6.1f} ms   (mål p95 < 100 ms)")

        build_catalogue(forbund, args.entries, rng)
        print(f"{args.entries} katalogposter")
        queries = [
            f"q={rng.choice(WORDS)}" if n % 3 == 0 else
            f"q={rng.choice(WORDS)}+{rng.choice(WORDS)}" if n % 3 == 1 else
            f"q={rng.choice(WORDS)}&kommun={rng.choice(KOMMUNER)}"
            for n in range(args.requests)
        ]  # fmt: skip
        timed(client, ["/katalog/?q=arbete"] * 5)  # warm
        for label, prefix in {
            "sidan /katalog/": "/katalog/?",
            "JSON /api/v1/katalog/": "/api/v1/katalog/?",
        }.items():
            median, p95 = timed(client, [prefix + q for q in queries])
            print(f"  {label:32} median {median:6.1f} ms   p95 {p95:6.1f} ms   (mål p95 < 50 ms)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
