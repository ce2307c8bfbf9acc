"""The förbund's register of processing (GDPR art. 30), generated from the system's own data
categories (core.processing: each app's data_categories.py), the förbund's privacy settings and
its retention rule. One structure, shown as a page and written as DOCX.

    register = processing_register(forbund)
    write_register_docx(register, out)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from core.processing import PARTICIPANT_RETENTION, DataCategory, all_categories
from organisations.models import Forbund
from participants.models import ConsentScope
from participants.services.extract import forbund_facts
from participants.services.least_data import field_label, off_fields, privacy_settings
from participants.services.retention import retention_years

__all__ = [
    "ProcessingRegister",
    "processing_register",
    "retention_description",
    "write_register_docx",
]


def retention_description(forbund: Forbund) -> str:
    """How long participant data are kept in this förbund, in words for the register.

    The one place that describes retention, from the förbund's own retention rule
    (participants.services.retention, docs/gallring.md)."""
    years = retention_years(forbund)
    return _(
        "Deltagaruppgifter sparas så länge de behövs för uppföljningen av insatsen och "
        "gallras sedan enligt förbundets gallringsregel: en deltagares uppgifter tas bort "
        "%(years)s år efter att hans eller hennes sista deltagande avslutades (deltagare med "
        "ett pågående deltagande gallras aldrig). Gallringen körs varje natt. Innan något tas "
        "bort sparas varje berört års statistik och enkätresultat i sammanställd form, så att "
        "redovisade siffror inte ändras. Insatser, budget och bokföring gallras inte med "
        "deltagaruppgifterna. Fastställda årsredovisningar innehåller inga deltagar-id och "
        "sparas som de fastställdes."
    ) % {"years": years}


SECURITY_MEASURES = (
    _(
        "Pseudonymisering: deltagare registreras bara med förbundets egen kod; Samordna "
        "vägrar personnummer i deltagar-id och i filer."
    ),
    _(
        "Behörighet efter roll och förbund: varje uppgift läses inom ett förbund, och "
        "insatsansvariga ser bara deltagarna i sina egna insatser."
    ),
    _("Tvåstegsverifiering vid inloggning och spärr efter upprepade misslyckade försök."),
    _(
        "Händelselogg som inte kan ändras (varje händelse kedjad med SHA-256) över ändringar, "
        "exporter och registerutdrag; personuppgifter loggas aldrig som värden."
    ),
    _("Logg över vem som läst vilka deltagarlistor, deltagarsidor och exporter."),
    _(
        "Sidor och filer med personuppgifter sparas inte i webbläsarens eller en mellanserver"
        "s cache."
    ),
    _(
        "Uppgiftsminimering: förbundet kan stänga av valfria bakgrundsuppgifter, och fritextfält "
        "varnar för och vägrar hälsouppgifter."
    ),
    _(
        "Säkerhetskopiering varje natt till en katalog som bara driftkontot kan läsa; "
        "återläsning provas enligt driftdokumentationen."
    ),
)


@dataclass
class ProcessingRegister:
    forbund: dict[str, str]
    made_on: date
    categories: list[dict] = field(default_factory=list)
    security: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)


def _category(category: DataCategory, forbund: Forbund) -> dict:
    retention = (
        retention_description(forbund)
        if category.retention == PARTICIPANT_RETENTION
        else category.retention
    )
    return {
        "key": category.key,
        "name": category.name,
        "rows": [
            (_("Registrerade"), category.subjects),
            (_("Personuppgifter"), "; ".join(category.data)),
            (_("Ändamål"), category.purpose),
            (_("Rättslig grund"), category.legal_basis),
            (_("Känsliga personuppgifter"), category.sensitive or _("Behandlas inte.")),
            (_("Mottagare"), " ".join(category.recipients)),
            (_("Lagringstid och gallring"), retention),
            (_("Var uppgifterna finns"), category.where),
        ],
    }


def _settings_lines(forbund: Forbund) -> list[str]:
    settings = privacy_settings(forbund)
    lines = []
    asked = [label for code, label in ConsentScope.choices if settings.requires_consent(code)]
    lines.append(
        _("Förbundet ber om samtycke för: %(scopes)s.") % {"scopes": ", ".join(map(str, asked))}
        if asked
        else _("Förbundet ber inte om samtycke för någon behandling.")
    )
    off = [field_label(name) for name in off_fields(forbund)]
    lines.append(
        _("Förbundet samlar inte in: %(fields)s.") % {"fields": ", ".join(off)}
        if off
        else _("Förbundet samlar in alla valfria bakgrundsuppgifter.")
    )
    return lines


def processing_register(forbund: Forbund) -> ProcessingRegister:
    return ProcessingRegister(
        forbund=forbund_facts(forbund),
        made_on=timezone.localdate(),
        # The participant data first: they are what the register is mostly about.
        categories=[
            _category(category, forbund)
            for category in sorted(
                all_categories(), key=lambda c: c.retention != PARTICIPANT_RETENTION
            )
        ],
        security=[str(text) for text in SECURITY_MEASURES],
        settings=_settings_lines(forbund),
    )


def _missing(value: str) -> str:
    return value or _("(inte angivet – fyll i under Personuppgifter)")


def write_register_docx(register: ProcessingRegister, out: IO[bytes]) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    facts = register.forbund
    document.core_properties.title = _("Register över behandlingar av personuppgifter")
    document.core_properties.language = "sv-SE"
    document.add_heading(_("Register över behandlingar av personuppgifter"), level=0)
    document.add_paragraph(
        _("Enligt artikel 30 i dataskyddsförordningen. Upprättat ur Samordna %(day)s.")
        % {"day": register.made_on.isoformat()}
    )
    document.add_heading(_("Personuppgiftsansvarig"), level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in (
        (_("Personuppgiftsansvarig"), facts["namn"]),
        (_("Organisationsnummer"), _missing(facts["organisationsnummer"])),
        (
            _("Kontakt för personuppgiftsfrågor"),
            _missing(facts["kontakt för personuppgiftsfrågor"]),
        ),
        (_("Dataskyddsombud"), _missing(facts["dataskyddsombud"])),
        (
            _("Dataskyddsombudets kontaktuppgifter"),
            _missing(facts["dataskyddsombudets kontaktuppgifter"]),
        ),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(label), value
    document.add_heading(_("Förbundets val"), level=1)
    for line in register.settings:
        document.add_paragraph(line, style="List Bullet")
    document.add_heading(_("Behandlingar"), level=1)
    for category in register.categories:
        document.add_heading(category["name"], level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in category["rows"]:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(label), str(value)
    document.add_heading(_("Överföring till tredje land"), level=1)
    document.add_paragraph(
        _(
            "Samordna överför inga personuppgifter till tredje land. Var servern och "
            "säkerhetskopiorna finns anger förbundet i sitt avtal med driftleverantören."
        )
    )
    document.add_heading(_("Tekniska och organisatoriska säkerhetsåtgärder"), level=1)
    for line in register.security:
        document.add_paragraph(line, style="List Bullet")
    document.save(out)
