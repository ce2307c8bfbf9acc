"""The organisations app's objects in the shared test world (see samples/testing/__init__.py):
a pending invitation in each förbund, and the keywords of the account links."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from core.jobs import job_url
from core.models import Job
from organisations.choices import Role
from organisations.models import Invitation
from organisations.services.invitations import token_hash
from samples.testing import URL_KWARGS, WORLD_EXTENSIONS, World


def add_invitations(world: World) -> None:
    for forbund in (world.a, world.b):
        world.extra[f"invitation_{forbund.slug}"] = Invitation.objects.create(
            forbund=forbund,
            email=f"inbjuden@{forbund.slug}.invalid",
            role=Role.STYRELSE,
            token_hash=token_hash(f"world-invitation-{forbund.slug}"),
            created_by=world.users["kansli"] if forbund == world.a else world.users["outsider"],
            expires_at=timezone.now() + timedelta(hours=72),
        )


WORLD_EXTENSIONS.append(add_invitations)
URL_KWARGS["invitation"] = lambda w: w.extra["invitation_alfa"].pk
# Links from e-mails: walked with values that do not work (a page that says so, never a 500).
URL_KWARGS["token"] = lambda w: "ogiltig-lank"
URL_KWARGS["uidb64"] = lambda w: "MQ"


def make_job(forbund, user) -> Job:
    """A finished background job with a small file, visible to every role of the förbund."""
    job = Job(
        forbund=forbund,
        started_by=user,
        kind="test",
        title=f"Testfil för {forbund.name}",
        capability="forbund.view",
        state=Job.State.DONE,
        file_name=f"test-{forbund.slug}.txt",
        content_type="text/plain",
        steps_done=1,
        steps_total=1,
    )
    job.file.save(job.file_name, ContentFile(f"Testfil {forbund.slug}".encode()), save=False)
    job.save()
    return job


def _job(world: World):
    key = "job_alfa"
    if key not in world.extra:
        world.extra[key] = make_job(world.a, world.users["kansli"])
    return world.extra[key].pk


URL_KWARGS["job"] = _job


def assert_only_the_starter_finds(job: Job, clients: dict, others: tuple[str, ...]) -> None:
    """A job only the person who started it may see: to the förbund's `others` (personas) and
    to another förbund's user, at either förbund's address, it does not exist."""
    for persona in (*others, "outsider"):
        assert clients[persona].get(job_url(job)).status_code == 404, persona
    in_b = reverse("organisations:job", kwargs={"forbund": "beta", "job": job.pk})
    assert clients["outsider"].get(in_b).status_code == 404
