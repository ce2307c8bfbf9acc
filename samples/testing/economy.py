"""The economy's part of the shared test world: an (empty) financial year 2024 in A and B, and
a SIE file awaiting confirmation in each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from economy.models import FinancialYear, PendingSieUpload
from samples.testing import URL_KWARGS, WORLD_EXTENSIONS

# The hand-checked file of the economy tests (economy/tests/files/).
HANDMADE = (
    Path(__file__).resolve().parents[2] / "economy" / "tests" / "files" / "handraknat_2023.se"
)


def add_pending_uploads(world) -> None:
    data = HANDMADE.read_bytes()
    for forbund, persona in ((world.a, "ekonom"), (world.b, "outsider")):
        FinancialYear.objects.create(
            forbund=forbund, start=date(2024, 1, 1), end=date(2024, 12, 31), file_name="tom.se"
        )
        upload = PendingSieUpload.objects.create(
            forbund=forbund, uploaded_by=world.users[persona], file_name=HANDMADE.name, data=data
        )
        world.extra[f"sie_upload_{forbund.slug}"] = upload


WORLD_EXTENSIONS.append(add_pending_uploads)
URL_KWARGS["upload"] = lambda w: w.extra["sie_upload_alfa"].pk
