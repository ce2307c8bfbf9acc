"""The auditors' workspace (issue 9, item 6): a stratified sample with a stored seed (the
same sample again), the cut-off list, filing the revisionsberättelse, and the report's life
up to ansvarsfrihet per member."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from economy.services.audit_sample import cut_off_vouchers, voucher_sample
from organisations.choices import Role
from organisations.models import Membership
from organisations.roles import has_capability
from reports.models import AuditDocument, AuditSample, Discharge


def login(client, forbund, role):
    with scopes_disabled():
        user = Membership.objects.filter(forbund=forbund, role=role).first().user
    client.force_login(user)


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_stratified_sample(demo_forbund):
    with scope(forbund=demo_forbund):
        first = voucher_sample(demo_forbund, 2024, seed=1234, size=12)
        again = voucher_sample(demo_forbund, 2024, seed=1234, size=12)
        other = voucher_sample(demo_forbund, 2024, seed=99, size=12)
        late = cut_off_vouchers(demo_forbund, 2024)
    assert first == again and first != other
    assert [row["stratum"] for row in first].count("stora") == 4
    assert {row["stratum"] for row in first} == {"stora", "mellan", "små"}
    assert late and all(
        (row["datum"].month == 12 and row["datum"].day >= 17) or row["registrerad"] for row in late
    )


@pytest.mark.django_db
def test_a_revisor_samples_files_and_sees_the_reports_life(demo_forbund, client):
    url = reverse("reports:audit", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    login(client, demo_forbund, Role.REVISOR)
    assert client.post(url, {"sample": "1", "size": "15"}).status_code == 302
    with scopes_disabled():
        sample = AuditSample.objects.get(forbund=demo_forbund)
    page = client.get(url).content.decode()
    assert f"slumpfrö {sample.seed}" in page
    assert "Fastställd av styrelsen: 2025-03-19" in page
    upload = SimpleUploadedFile("revisionsberattelse-2024.pdf", b"%PDF-1.4 test", "application/pdf")
    response = client.post(
        url, {"upload": "1", "kind": "revisionsberattelse", "dated": "2025-04-02", "file": upload}
    )
    assert response.status_code == 302
    with scopes_disabled():
        filed = AuditDocument.objects.get(forbund=demo_forbund)
    assert "revisionsberättelse daterad 2025-04-02" in client.get(url).content.decode()
    download = client.get(
        reverse(
            "reports:audit_document",
            kwargs={"forbund": demo_forbund.slug, "year": 2024, "document": filed.pk},
        )
    )
    assert download.content == b"%PDF-1.4 test"
    # The revisor records no ansvarsfrihet; the office does.
    with scopes_disabled():
        member = demo_forbund.members.get(name="Norrby kommun")
    decision = {"discharge": "1", "member": member.pk, "decided_on": "2025-04-22", "granted": "on"}
    client.post(url, decision)
    with scopes_disabled():
        assert not Discharge.objects.exists()
    login(client, demo_forbund, Role.KANSLI)
    client.post(url, {**decision, "reference": "KF 2025-04-22 § 48"})
    page = client.get(url).content.decode()
    assert "Norrby kommun: beviljad 2025-04-22 (KF 2025-04-22 § 48)" in page
    # The office draws no sample: that is the auditors'.
    client.post(url, {"sample": "1", "size": "10"})
    with scopes_disabled():
        assert AuditSample.objects.filter(forbund=demo_forbund).count() == 1


@pytest.mark.django_db
def test_the_revisor_keeps_a_checklist_and_sees_contributions_decided_booked_paid(
    demo_forbund, client
):
    from reports.models import AuditChecklist

    url = reverse("reports:audit", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    login(client, demo_forbund, Role.REVISOR)
    page = client.get(url).content.decode()
    assert "Balanskravsutredningen redovisas och stämmer med resultatet" in page
    assert "Medlemsbidrag: beslutat, bokfört och betalt" in page
    assert "Norrby kommun" in page
    client.post(
        url,
        {
            "checklist": "1",
            "status-balanskravsutredning": "utan_anmarkning",
            "note-balanskravsutredning": "Avstämd mot resultaträkningen.",
            "status-kassa": "okänd",  # not a status: left as not reviewed
        },
    )
    with scopes_disabled():
        items = AuditChecklist.objects.get(forbund=demo_forbund, year=2024).items
    assert items["balanskravsutredning"] == {
        "status": "utan_anmarkning",
        "note": "Avstämd mot resultaträkningen.",
    }
    assert items["kassa"]["status"] == ""
    assert "Avstämd mot resultaträkningen." in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.KANSLI, Role.EKONOM, Role.STYRELSE])
def test_only_the_auditors_sample_keep_the_checklist_and_file(demo_forbund, client, role):
    """audit_work.manage (organisations/roles.py): the audited cannot do the auditors' work."""
    from reports.models import AuditChecklist

    assert not has_capability(role, "audit_work.manage")
    url = reverse("reports:audit", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    login(client, demo_forbund, role)
    assert client.get(url).status_code == 200
    assert client.post(url, {"sample": "1", "size": "10"}).status_code == 403
    upload = SimpleUploadedFile("rb.pdf", b"%PDF-1.4 test", "application/pdf")
    posted = {"upload": "1", "kind": "revisionsberattelse", "dated": "2025-04-02", "file": upload}
    assert client.post(url, posted).status_code == 403
    checklist = {"checklist": "1", "status-kassa": "utan_anmarkning", "note-kassa": "Ok."}
    assert client.post(url, checklist).status_code == 403
    with scopes_disabled():
        assert not AuditSample.objects.filter(forbund=demo_forbund).exists()
        assert not AuditDocument.objects.filter(forbund=demo_forbund).exists()
        assert not AuditChecklist.objects.filter(forbund=demo_forbund).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REVISOR, Role.EKONOM, Role.STYRELSE])
def test_only_the_office_records_ansvarsfrihet(demo_forbund, client, role):
    assert not has_capability(role, "audit_work.discharge")
    url = reverse("reports:audit", kwargs={"forbund": demo_forbund.slug, "year": 2024})
    login(client, demo_forbund, role)
    with scopes_disabled():
        member = demo_forbund.members.get(name="Norrby kommun")
    decision = {"discharge": "1", "member": member.pk, "decided_on": "2025-04-22", "granted": "on"}
    assert client.post(url, decision).status_code == 403
    with scopes_disabled():
        assert not Discharge.objects.filter(forbund=demo_forbund).exists()
