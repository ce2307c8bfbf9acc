"""Locust users for bench/bench_web.py: logged-in staff walking the main pages.

Not meant to be run by hand: bench_web.py writes the plan (accounts, their session cookies and
the pages each role may see) and starts locust with SAMORDNA_BENCH_PLAN pointing at it and
SAMORDNA_BENCH_THINK set to the think time in seconds (0: none). Django is not imported here:
locust patches the standard library with gevent.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, constant, task

with open(os.environ["SAMORDNA_BENCH_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
THINK = float(os.environ.get("SAMORDNA_BENCH_THINK", "1"))
_accounts = itertools.cycle(PLAN["accounts"])


class StaffMember(HttpUser):
    """One person at work: logged in as one of the demo roles, going through that role's
    pages in order from a random starting point, one page per think time."""

    wait_time = constant(THINK)

    def on_start(self) -> None:
        account = next(_accounts)
        # The server sees HTTPS (X-Forwarded-Proto, trusted from 127.0.0.1, as from Caddy),
        # so its cookie is Secure; it is handed over here for plain HTTP on the loopback.
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.client.cookies.set(account["cookie"], account["session"])
        pages = account["pages"]
        start = random.randrange(len(pages))
        self.pages = itertools.cycle(pages[start:] + pages[:start])

    @task
    def next_page(self) -> None:
        name, path = next(self.pages)
        # A redirect (to the login page) is a failure, not a page to follow.
        with self.client.get(
            path, name=name, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} på {path}")
