"""The register of processing (GDPR art. 30) as a page and a DOCX."""

from __future__ import annotations

import io

import docx
from django.urls import reverse
from django_scopes import scopes_disabled

from core.processing import all_categories
from participants.models import PrivacySettings


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_every_app_category_is_described_completely():
    categories = all_categories()
    keys = {category.key for category in categories}
    assert {"deltagare", "uppfoljning_12m", "samtycken", "lasningar", "anvandare"} <= keys
    assert "enkatsvar" in keys
    for category in categories:
        assert category.purpose and category.legal_basis and category.retention, category.key


def test_page_names_forbund_purposes_legal_bases_retention_and_choices(world, clients):
    world.a.org_number = "222000-1234"
    world.a.dpo_name = "Dora Ombud"
    world.a.save()
    with scopes_disabled():
        PrivacySettings.objects.create(
            forbund=world.a, consent_scopes=["uppfoljning_12m"], off_fields=["municipality"]
        )
    url = reverse("participants:processing_register", kwargs={"forbund": "alfa"})
    response = clients["styrelse"].get(url)
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        "Samordningsförbundet Alfa",
        "222000-1234",
        "Dora Ombud",
        "Deltagare och deltaganden i insatser",
        "7 § lagen (2003:1210)",
        "Art. 9.2 g",
        "Uppföljning Finsam",
        "gallras sedan enligt förbundets gallringsregel",
        "Förbundet samlar inte in: kommun.",
        "Uppföljning 12 månader efter avslut",
        "Pseudonymisering",
    ):
        assert expected in text, expected
    assert clients["insatsansvarig"].get(url).status_code == 403


def test_docx_holds_the_same_register(world, clients):
    url = reverse("participants:processing_register", kwargs={"forbund": "alfa"})
    response = clients["kansli"].get(url, {"format": "docx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Register över behandlingar av personuppgifter" in text
    assert "Samordningsförbundet Alfa" in text
    assert "Rättslig grund" in text and "Lagringstid och gallring" in text
    assert "inte angivet" in text  # no DPO given yet: the DPO sees what to fill in
    assert "Enkätsvar" in text and "Händelselogg" in text
