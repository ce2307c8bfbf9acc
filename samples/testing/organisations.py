"""The organisations app's objects in the shared test world (see samples/testing/__init__.py):
a pending invitation in each förbund, and the keywords of the account links."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

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
