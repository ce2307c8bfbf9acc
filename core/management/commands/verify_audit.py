"""manage.py verify_audit [--anchor ID:HASH ...]: recompute the audit log's hash chain."""

from __future__ import annotations

from contextlib import closing

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scopes_disabled

from core import audit_chain
from core.management.base import SamordnaCommand
from core.models import AuditEvent

REASONS = {
    "changed": gettext_lazy(
        "raden har ändrats efter att den skrevs (dess hash stämmer inte med innehållet)"
    ),
    "link": gettext_lazy(
        "raden pekar inte på raden före den: en händelse före den har tagits bort, "
        "eller raden har lagts in i efterhand"
    ),
}


def _anchor(text: str) -> tuple[int, str]:
    event_id, _sep, digest = text.partition(":")
    if not event_id.isdigit() or len(digest) != 64:
        raise CommandError(
            _("--anchor ska vara ID:HASH (händelsens id och dess 64 tecken långa hash): %(v)s")
            % {"v": text}
        )
    return int(event_id), digest.lower()


class Command(SamordnaCommand):
    help = (
        "Räknar om händelseloggens hashkedja och säger om någon händelse har ändrats, tagits "
        "bort eller lagts in i efterhand. Slutkod 0 när kedjan håller, annars 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="ID:HASH",
            help="en tidigare utskriven händelse (id och hash) som ska finnas kvar oförändrad",
        )

    def handle(self, *args, anchor, **options):
        anchors = dict(_anchor(text) for text in anchor)
        with scopes_disabled():
            rows = (
                AuditEvent.objects.order_by("id")
                .values("id", "prev_hash", "row_hash", *audit_chain.HASHED_FIELDS)
                .iterator(chunk_size=2000)
            )
            # closing(): a break found early must close the (server-side) cursor now.
            with closing(rows):
                result = audit_chain.verify(rows, anchors)
        if result.broken is not None:
            raise CommandError(
                _(
                    "Händelseloggen är inte intakt. Första felet: händelse %(id)s (%(at)s): "
                    "%(reason)s. %(count)s händelser före den är oförändrade."
                )
                % {
                    "id": result.broken.id,
                    "at": timezone.localtime(result.broken.at).strftime("%Y-%m-%d %H:%M:%S"),
                    "reason": REASONS[result.broken.reason],
                    "count": result.count,
                }
            )
        if result.anchors_missing:
            missing = ", ".join(f"{event_id}" for event_id, _digest in result.anchors_missing)
            raise CommandError(
                _(
                    "Händelseloggen är inte intakt: händelse %(ids)s finns inte längre med "
                    "samma hash (loggen har kortats eller ändrats efter att hashen noterades). "
                    "Kedjan i övrigt håller för %(count)s händelser."
                )
                % {"ids": missing, "count": result.count}
            )
        if result.head_id is None:
            self.stdout.write(_("Händelseloggen är tom."))
            return
        self.stdout.write(
            _(
                "Händelseloggen är intakt: %(count)s händelser. Senaste: %(id)s:%(hash)s "
                "(spara värdet och ge det som --anchor vid nästa kontroll)."
            )
            % {"count": result.count, "id": result.head_id, "hash": result.head_hash}
        )
