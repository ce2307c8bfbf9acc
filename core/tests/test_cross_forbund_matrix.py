"""Cross-förbund matrix: every URL of förbund A, attacked by every role of förbund B.

test_url_access.py checks who may open what inside förbund A. This test checks the walls
between förbund: for every förbund URL of the URL conf (with every keyword filled in),

1. every role of förbund B and an anonymous visitor GET and POST A's addresses (A's slug and
   A's object ids), the POSTs carrying A's ids in every form field;
2. every role of B GETs and POSTs B's own addresses with A's object ids in them;
3. B's kansli (or the B role that may use the form) POSTs B's own forms with A's ids in every
   field that takes an object (choices, hidden ids, formset ids) and in raw keys.

Nothing may answer 500, nothing may answer 200 with A's data, no row of A may change (a
checksum of every table's rows of A, before and after), and no row of B may end up pointing at
an object of A (every foreign key and the responsible people of an insats stay in their
förbund).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from catalogue.models import CatalogueEntry
from core.tests.test_url_access import ROUTES, _access
from organisations.choices import Role
from organisations.models import Forbund, Membership, User
from organisations.roles import has_capability
from participants.choices import ActivityKind, Gender
from participants.models import Activity, Participant, Participation
from reports.choices import Direction, Indicator, ReportKind
from reports.models import AuditDocument, Goal, Report
from samples.testing import PERSONA_ROLES, URL_KWARGS, World, make_user
from samples.testing.organisations import make_job
from surveys.models import Round
from surveys.services import latest_version

FORBUND_ROUTES = [route for route in ROUTES if _access(route).kind == "forbund"]
# Keywords that are not object ids (a survey code names each förbund's own instrument).
NOT_OBJECTS = {"forbund", "year", "report_period", "enkat", "file_format"}
# Text that only förbund A's pages hold (its name, its insats, its participants).
A_MARKERS = ("Samordningsförbundet Alfa", "FINSAM-team", "Aktivitetsplatsen", "A1-0001")


class Matrix:
    def __init__(self, world: World):
        self.world = world
        self.clients: dict[str, Client] = {}
        self.users: dict[str, User] = {}
        with scopes_disabled():
            for persona, role in PERSONA_ROLES.items():
                user = world.users["outsider"] if role == Role.KANSLI else make_user(f"{persona}-b")
                if role != Role.KANSLI:
                    Membership.objects.create(forbund=world.b, user=user, role=role)
                self.users[persona] = user
                client = Client()
                client.force_login(user)
                self.clients[persona] = client
            world.insats_b1.responsible.add(self.users["insatsansvarig"])
            self.b_objects = self._b_objects()
            # A's objects made on demand (a goal) exist from the start; the adopted report
            # (costly) when a route needs it (`prepare`), before anything is compared.
            self.a_objects = {
                kw: provide(world) for kw, provide in URL_KWARGS.items() if kw != "report_version"
            }

    def prepare(self, route) -> None:
        for kw in route.kwargs:
            if kw not in self.a_objects:
                self.a_objects[kw] = URL_KWARGS[kw](self.world)

    def _b_objects(self) -> dict[str, Any]:
        world, b = self.world, self.world.b
        participant = Participant.objects.create(forbund=b, code="B1-0001")
        participation = Participation.objects.create(
            forbund=b,
            participant=participant,
            insats=world.insats_b1,
            start_date=date(2024, 2, 1),
            gender=Gender.MAN,
            birth_year=1985,
        )
        activity = Activity.objects.create(
            forbund=b,
            participation=participation,
            kind=ActivityKind.ARBETSTRANING,
            start_date=date(2024, 3, 1),
        )
        goal = Goal.objects.create(
            forbund=b,
            year=2024,
            insats=world.insats_b1,
            title="Betas mål",
            indicator=Indicator.PARTICIPANTS,
            direction=Direction.AT_LEAST,
            target=10,
        )
        instrument = latest_version(b, "NNS-DA")
        assert instrument is not None
        b_round = Round.objects.create(
            forbund=b,
            instrument=instrument,
            name="Betas enkät",
            start_date=date(2024, 1, 1),
            end_date=date(2099, 12, 31),
        )
        b_round.insatser.add(world.insats_b1)
        b_report, _created = Report.objects.get_or_create(
            forbund=b, kind=ReportKind.ANNUAL, year=2024, period=""
        )
        document = AuditDocument.objects.create(
            forbund=b,
            report=b_report,
            kind="revisionsberattelse",
            file_name="beta.pdf",
            content=b"%PDF-1.7 Beta",
            sha256="0" * 64,
            dated=date(2025, 4, 2),
        )
        return {
            "forbund": b.slug,
            "year": 2024,
            "enkat": "NNS-DA",
            "file_format": "csv",
            "round": b_round.pk,
            "instrument": b_round.instrument_id,
            "document": document.pk,
            "report_period": URL_KWARGS["report_period"](world),
            "insats": world.insats_b1.code,
            "member": b.members.all()[0].pk,
            "membership": b.memberships.get(user=self.users["styrelse"]).pk,
            "participation": participation.pk,
            "participant": participant.pk,
            "activity": activity.pk,
            "budget_line": world.extra["budget_line_beta"].pk,
            "upload": world.extra["sie_upload_beta"].pk,
            "goal": goal.pk,
            "job": make_job(b, world.users["outsider"]).pk,
            "invitation": world.extra["invitation_beta"].pk,
            "entry": CatalogueEntry.objects.create(
                forbund=b,
                slug="betas-post",
                name="Betas post",
                target_group="vuxna",
                offers="Betas stöd.",
                access="remiss",
                contact="Beta",
            ).slug,
        }

    # --- Addresses -----------------------------------------------------------------------

    def a_url(self, route) -> str:
        return reverse(route.name, kwargs={kw: self.a_objects[kw] for kw in route.kwargs})

    def b_url(self, route, *, a_objects: bool) -> str | None:
        """B's address of the route; with a_objects, A's object ids in it."""
        kwargs = {}
        for kw in route.kwargs:
            if kw in NOT_OBJECTS or not a_objects:
                if kw not in self.b_objects:
                    return None  # B has no such object (an adopted report version)
                kwargs[kw] = self.b_objects[kw]
            else:
                kwargs[kw] = self.a_objects[kw]
        return reverse(route.name, kwargs=kwargs)

    def persona_for(self, route) -> str | None:
        """A role of B that may use the route (kansli first), or None."""
        capability = _access(route).capability
        for persona in ("kansli", "ekonom", "insatsansvarig", "styrelse", "revisor"):
            if has_capability(PERSONA_ROLES[persona], capability):
                return persona
        return None

    # --- Hostile form data ---------------------------------------------------------------

    def a_pk(self, model) -> Any:
        """The id of one of A's objects of `model`, or None."""
        with scopes_disabled():
            if model is User:
                return self.world.users["kansli"].pk
            if model is Forbund:
                return self.world.a.pk
            if any(field.name == "forbund" for field in model._meta.concrete_fields):
                obj = model._base_manager.filter(forbund=self.world.a).order_by("pk").first()
                return obj.pk if obj is not None else None
        return None

    def raw_keys(self) -> dict[str, Any]:
        """A's ids under the names views read straight from request.POST."""
        data = {
            kw: value
            for kw, value in self.a_objects.items()
            if kw not in NOT_OBJECTS and kw != "report_version"
        }
        data.update(
            {
                "id": data["participation"],
                "pk": data["participation"],
                "forbund": self.world.a.slug,
                "forbund_id": self.world.a.pk,
                "insats_id": self.world.insats_a1.pk,
                "line": data["budget_line"],
                "token": "x",
            }
        )
        return data

    def hostile_data(self, response) -> dict[str, Any]:
        """Every form and formset of the page, filled in as shown, except that every field
        that takes an object gets one of A's; plus A's ids under raw names."""
        data: dict[str, Any] = dict(self.raw_keys())
        seen: set[int] = set()
        for value in _context_values(response):
            if id(value) in seen:
                continue
            seen.add(id(value))
            if isinstance(value, forms.BaseFormSet):
                management = value.management_form
                for name in management.fields:
                    data[management.add_prefix(name)] = management[name].value()
                for form in value.forms:
                    data.update(self._form_data(form))
            elif isinstance(value, forms.BaseForm):
                data.update(self._form_data(value))
        return {key: value for key, value in data.items() if value is not None}

    def _form_data(self, form: forms.BaseForm) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            shown = form[name].value()
            if isinstance(field, forms.ModelChoiceField):  # and ModelMultipleChoiceField
                model = field.queryset.model if field.queryset is not None else None
                pk = self.a_pk(model) if model is not None else None
                if isinstance(field, forms.ModelMultipleChoiceField):
                    data[key] = [pk] if pk is not None else shown
                else:
                    data[key] = pk if pk is not None else shown
            elif isinstance(field, forms.FileField):
                continue
            elif isinstance(field, forms.BooleanField):
                data[key] = "on" if shown else ""
            else:
                data[key] = "" if shown is None else shown
        return data


def _context_values(response):
    if response.context is None:
        return []
    values = []
    for context in response.context:
        flatten = getattr(context, "flatten", None)
        if flatten is not None:
            values.extend(flatten().values())
    return values


# --- What must not happen --------------------------------------------------------------------


def tenant_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if any(field.name == "forbund" for field in model._meta.concrete_fields)
    ]


def checksum(forbund: Forbund) -> dict[str, str]:
    """A digest of every row of the förbund, table by table (and of its users and its own
    row), to compare before and after."""
    digests = {}
    with scopes_disabled():
        for model in tenant_models():
            columns = [field.attname for field in model._meta.concrete_fields]
            rows = model._base_manager.filter(forbund=forbund).order_by("pk")
            digests[model._meta.label] = _digest(rows.values_list(*columns))
        user_ids = Membership.objects.filter(forbund=forbund).values("user_id")
        digests["users"] = _digest(
            User.objects.filter(pk__in=user_ids)
            .order_by("pk")
            .values_list("pk", "username", "password", "email", "is_active", "is_superuser")
        )
        digests["forbund"] = _digest(Forbund.objects.filter(pk=forbund.pk).values_list())
    return digests


def _digest(rows) -> str:
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def cross_references(b: Forbund) -> list[str]:
    """Rows of B that point at an object of another förbund."""
    found: list[str] = []
    with scopes_disabled():
        for model in tenant_models():
            rows = model._base_manager.filter(forbund=b)
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is None or target is Forbund or target not in tenant_models():
                    continue
                bad = rows.exclude(**{f"{field.name}__isnull": True}).exclude(
                    **{f"{field.name}__forbund": b}
                )
                found.extend(
                    f"{model._meta.label}.{field.name} #{pk}"
                    for pk in bad.values_list("pk", flat=True)
                )
            for field in model._meta.many_to_many:
                # Row by row of the link table: one foreign link among own ones counts.
                through = field.remote_field.through._base_manager  # type: ignore[union-attr]
                source, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                links = through.filter(**{f"{source}__forbund": b})
                if field.related_model is User:
                    members = Membership.objects.filter(forbund=b).values("user_id")
                    bad = links.exclude(**{f"{other}__in": members})
                elif field.related_model in tenant_models():
                    bad = links.exclude(**{f"{other}__forbund": b})
                else:
                    continue
                found.extend(
                    f"{model._meta.label}.{field.name} #{pk}"
                    for pk in bad.values_list(source, flat=True)
                )
    return found


def shows_a(response) -> list[str]:
    if response.status_code != 200 or response.get("Content-Disposition"):
        return ["a download"] if response.status_code == 200 else []
    text = response.content.decode("utf-8", "replace")
    return [marker for marker in A_MARKERS if marker in text]


@pytest.fixture
def matrix(world) -> Matrix:
    return Matrix(world)


# --- The matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("route", FORBUND_ROUTES, ids=lambda r: r.name)
def test_no_role_of_another_forbund_reaches_or_changes_a_forbunds_data(route, matrix):
    world = matrix.world
    matrix.prepare(route)
    before = checksum(world.a)
    methods = _access(route).methods
    a_url = matrix.a_url(route)
    problems: list[str] = []

    # The page as B sees its own, to fill its forms with A's ids.
    persona = matrix.persona_for(route)
    own_url = matrix.b_url(route, a_objects=False)
    data = matrix.raw_keys()
    if persona is not None and own_url is not None and {"GET", "POST"} <= set(methods):
        own = matrix.clients[persona].get(own_url)
        problems += [f"{own_url} GET {persona}: 500"] if own.status_code >= 500 else []
        if own.status_code == 200:
            with scope(forbund=world.b):  # formsets read their rows when first asked
                data = matrix.hostile_data(own)

    # 1. A's addresses, every role of B and anonymous: GET and POST (with A's ids).
    callers = {**matrix.clients, "anonym": Client()}
    for who, client in callers.items():
        for method in ("GET", "POST") if "POST" in methods else ("GET",):
            response = client.post(a_url, data) if method == "POST" else client.get(a_url)
            allowed = {302} if who == "anonym" else {404}
            if response.status_code not in allowed or shows_a(response):
                problems.append(f"{a_url} {method} {who}: {response.status_code}")

    # 2. B's addresses with A's object ids in them, every role of B.
    b_with_a = matrix.b_url(route, a_objects=True)
    if b_with_a is not None and set(route.kwargs) - NOT_OBJECTS:
        for who, client in matrix.clients.items():
            for method in ("GET", "POST") if "POST" in methods else ("GET",):
                response = client.post(b_with_a, data) if method == "POST" else client.get(b_with_a)
                if response.status_code not in {403, 404} or shows_a(response):
                    problems.append(f"{b_with_a} {method} {who}: {response.status_code}")

    # 3. B's own forms posted with A's ids in every field.
    if persona is not None and own_url is not None and "POST" in methods:
        response = matrix.clients[persona].post(own_url, data)
        if response.status_code >= 500 or shows_a(response):
            problems.append(f"{own_url} POST {persona} with A's ids: {response.status_code}")

    assert problems == []
    after = checksum(world.a)
    assert {k for k in before if before[k] != after[k]} == set(), "rows of A changed"
    assert cross_references(world.b) == []


def test_the_matrix_covers_every_forbund_url_and_form_kind(matrix):
    """The matrix walks every förbund URL; B has an object for every object keyword but the
    adopted report version (downloads only, GET), so its forms are really posted."""
    assert len(FORBUND_ROUTES) >= 80
    missing = {kw for route in FORBUND_ROUTES for kw in route.kwargs if kw not in matrix.b_objects}
    assert missing == {"report_version"}
    assert all(
        "POST" not in _access(route).methods
        for route in FORBUND_ROUTES
        if "report_version" in route.kwargs
    )


def test_the_checks_would_see_a_change_and_a_cross_reference(matrix):
    """The checksum and the cross-reference check are not blind."""
    world = matrix.world
    before = checksum(world.a)
    with scopes_disabled():
        Participation.objects.filter(pk=world.extra["participation_a1"].pk).update(birth_year=1991)
        line = world.extra["budget_line_beta"]
        type(line)._base_manager.filter(pk=line.pk).update(insats=world.insats_a1)
        world.insats_b1.responsible.add(world.users["kansli"])
    after = checksum(world.a)
    assert {k for k in before if before[k] != after[k]} == {"participants.Participation"}
    found = cross_references(world.b)
    assert any("BudgetLine.insats" in item for item in found)
    assert any("Insats.responsible" in item for item in found)
