"""The register of förtroendevalda (issue 9, item 4): the organisation section and the
signature page come from it, names and organisations exactly as entered."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from core.document import SignatureBlock, Table
from organisations.choices import Role
from organisations.models import Membership
from reports.models import AdoptedVersion, Trustee
from reports.services.generation import annual_report_data, build


def user_with(forbund, role):
    with scopes_disabled():
        return Membership.objects.filter(forbund=forbund, role=role).first().user


def table(doc, caption):
    (found,) = [b for b in doc.blocks if isinstance(b, Table) and b.caption == caption]
    return [[c.text for c in cells] for _k, cells in found.rendered_body()]


@pytest.mark.django_db
def test_the_organisation_section_lists_the_board_and_the_auditors(demo_forbund):
    doc = build(annual_report_data(demo_forbund, 2024))
    board = table(doc, "Styrelsen 2024")
    assert board[0] == ["Stina Styrelsedotter", "Ordförande", "Norrby kommun", "2023-01 – 2026-12"]
    assert board[1][:3] == ["Lars Lindqvist", "Vice ordförande", "Region Demo"]
    assert sum(1 for row in board if row[1] == "Ersättare") == 6
    auditors = table(doc, "Revisorer 2024")
    assert ["Cecilia Certifierad", "Sakkunnigt biträde", "Revisorsbyrån Demo AB"] in [
        row[:3] for row in auditors
    ]


@pytest.mark.django_db
def test_the_signature_page_names_the_signing_board_as_entered(demo_forbund):
    doc = build(annual_report_data(demo_forbund, 2025))  # a draft: signatures from the register
    (block,) = [b for b in doc.blocks if isinstance(b, SignatureBlock)]
    signatories = [(s.name, s.role) for s in block.signatories]
    assert ("Stina Styrelsedotter", "Ordförande, Norrby kommun") in signatories
    assert ("Maria Ek", "Ledamot, Försäkringskassan") in signatories
    assert len(signatories) == 6  # ersättare do not sign


@pytest.mark.django_db
def test_the_adopted_demo_keeps_organisation_names_as_written(demo_forbund):
    with scopes_disabled():
        version = AdoptedVersion.objects.filter(report__forbund=demo_forbund).first()
    roles = [s["role"] for s in version.signatories]
    assert "Ordförande, Norrby kommun" in roles
    assert all(not role[:1].islower() for role in roles)


@pytest.mark.django_db
def test_the_adoption_form_offers_the_register_without_lowercasing(demo_forbund, client):
    client.force_login(user_with(demo_forbund, Role.KANSLI))
    url = reverse("reports:adopt", kwargs={"forbund": demo_forbund.slug, "year": 2025})
    page = client.get(url).content.decode()
    assert "Stina Styrelsedotter, Ordförande, Norrby kommun" in page
    assert "norrby kommun" not in page


@pytest.mark.django_db
def test_the_office_registers_and_the_revisor_only_reads(demo_forbund, client):
    url = reverse("reports:trustees", kwargs={"forbund": demo_forbund.slug})
    with scopes_disabled():
        member = demo_forbund.members.get(name="Söderås kommun")
    client.force_login(user_with(demo_forbund, Role.KANSLI))
    response = client.post(
        url,
        {
            "name": "Nils Ny",
            "role": "ersattare",
            "member": member.pk,
            "organisation": "",
            "start": "2027-01-01",
            "end": "2030-12-31",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Trustee.objects.filter(forbund=demo_forbund, name="Nils Ny").exists()
    client.force_login(user_with(demo_forbund, Role.REVISOR))
    page = client.get(url).content.decode()
    assert "Nils Ny" in page and "Lägg till" not in page
    client.post(url, {"delete": "1"})
    with scopes_disabled():
        assert Trustee.objects.filter(forbund=demo_forbund).count() == 16


@pytest.mark.django_db
def test_the_demo_adopted_the_publication_version(demo_forbund):
    with scopes_disabled():
        version = AdoptedVersion.objects.filter(report__forbund=demo_forbund).first()
    assert version.for_publication and version.data["for_publication"]
