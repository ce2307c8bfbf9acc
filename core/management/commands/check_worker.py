"""manage.py check_worker [--timeout S]: a task through the queue and back from a worker."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.management.base import SamordnaCommand


class Command(SamordnaCommand):
    help = (
        "Lägger en uppgift i jobbkön och väntar på att en arbetsprocess (run_huey) svarar. "
        "Slutkod 0 när den svarar, annars 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout", type=float, default=20.0, help="sekunder att vänta (20 om inget anges)"
        )

    def handle(self, *args, timeout: float, **options):
        from huey.exceptions import HueyException

        from core.tasks import ping

        try:
            answer = ping().get(blocking=True, timeout=timeout)
        except HueyException:
            raise CommandError(
                _(
                    "Ingen arbetsprocess svarade inom %(s)s sekunder: körs samordna-worker "
                    "(manage.py run_huey), och når den samma kö (TASK_BROKER_URL/REDIS_URL)?"
                )
                % {"s": timeout}
            ) from None
        except Exception as error:
            raise CommandError(_("Jobbkön går inte att nå: %(e)s") % {"e": error}) from None
        if answer != "pong":
            raise CommandError(_("Arbetsprocessen gav ett oväntat svar: %(a)r") % {"a": answer})
        self.stdout.write(_("Arbetsprocessen svarar."))
