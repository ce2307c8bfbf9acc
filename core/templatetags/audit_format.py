"""Swedish names for audit log actions, so the log page shows no raw codes.

The codes stay in the database (they are the stable, searchable names); this only labels them.
An action without a label here is shown as its code.
"""

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    "activity.created": _("Aktivitet registrerad"),
    "activity.updated": _("Aktivitet ändrad"),
    "activity.deleted": _("Aktivitet borttagen"),
    "allocation_inputs.imported": _("Underlag för idealfördelning inläst"),
    "budget.created": _("Budget skapad"),
    "budget.updated": _("Budget ändrad"),
    "budget.imported": _("Budget inläst från fil"),
    "budget.lines_copied": _("Budgetrader kopierade"),
    "budget_line.created": _("Budgetrad skapad"),
    "budget_line.updated": _("Budgetrad ändrad"),
    "budget_line.deleted": _("Budgetrad borttagen"),
    "budget_revision.created": _("Ändringsbeslut registrerat"),
    "contribution.calculated": _("Medlemsbidrag beräknade"),
    "contribution.created": _("Medlemsbidrag registrerat"),
    "contribution.updated": _("Medlemsbidrag ändrat"),
    "economy.adjustment_added": _("Justering av balanskravsresultat tillagd"),
    "economy.adjustment_deleted": _("Justering av balanskravsresultat borttagen"),
    "economy.books_deleted": _("Bokföring borttagen"),
    "economy.equity_guideline_changed": _("Steg för eget kapital ändrade"),
    "economy.mapping_added": _("Kontomappning tillagd"),
    "economy.mapping_deleted": _("Kontomappning borttagen"),
    "economy.settings_changed": _("Ekonomiinställningar ändrade"),
    "economy.sie_imported": _("Bokföring inläst (SIE)"),
    "economy.staff_saved": _("Årsarbetare sparade"),
    "export.downloaded": _("Fil hämtad (export)"),
    "export.written": _("Fil skriven från kommandoraden (export)"),
    "forbund.created": _("Förbund skapat"),
    "goal.created": _("Mål skapat"),
    "goal.updated": _("Mål ändrat"),
    "goal.deleted": _("Mål borttaget"),
    "goal_grading.updated": _("Gränser för måluppfyllelse ändrade"),
    "insats.created": _("Insats skapad"),
    "insats.updated": _("Insats ändrad"),
    "member.created": _("Medlem tillagd"),
    "member.updated": _("Medlem ändrad"),
    "membership.created": _("Roll tilldelad"),
    "membership.updated": _("Roll ändrad"),
    "membership.deleted": _("Roll borttagen"),
    "participant.created": _("Deltagare registrerad"),
    "participant.erased": _("Deltagare raderad på begäran"),
    "participation.created": _("Deltagande registrerat"),
    "participation.updated": _("Deltagande ändrat"),
    "participation.ended": _("Deltagande avslutat"),
    "participations.exported": _("Deltaganden exporterade"),
    "participations.imported": _("Deltaganden importerade"),
    "consent.given": _("Samtycke registrerat"),
    "consent.withdrawn": _("Samtycke återkallat"),
    "privacy_settings.updated": _("Inställningar för personuppgifter ändrade"),
    "retention.applied": _("Deltagaruppgifter gallrade"),
    "retention.rule_saved": _("Gallringsregel ändrad"),
    "report.adopted": _("Årsredovisning fastställd"),
    "report.texts_saved": _("Rapporttexter sparade"),
    "report.texts_copied": _("Förra årets rapporttexter kopierade"),
    "report.forecast_saved": _("Prognos helår sparad"),
    "report.image_added": _("Bild i rapporten tillagd"),
    "report.image_updated": _("Bild i rapporten ändrad"),
    "report.image_removed": _("Bild i rapporten borttagen"),
    "report.updated": _("Rapportinställningar ändrade"),
    "user.created": _("Användarkonto skapat"),
    "user.updated": _("Användarkonto ändrat"),
    "user.two_factor_enabled": _("Tvåstegsverifiering aktiverad"),
    "api_token.created": _("API-nyckel skapad"),
    "api_token.revoked": _("API-nyckel återkallad"),
    "api_token.used": _("API-nyckel använd"),
    "catalogue.created": _("Katalogpost skapad"),
    "catalogue.updated": _("Katalogpost ändrad"),
    "catalogue.published": _("Katalogpost publicerad"),
    "catalogue.unpublished": _("Katalogpost avpublicerad"),
    "catalogue.reviewed": _("Katalogpost granskad"),
    "invitation.created": _("Inbjudan skickad"),
    "invitation.revoked": _("Inbjudan återkallad"),
    "invitation.used": _("Inbjudan använd"),
    "mid_year_rule.saved": _("Regel för medlem under del av året sparad"),
    "report.audit_checklist": _("Granskningslista sparad"),
    "report.audit_document": _("Revisionsdokument arkiverat"),
    "report.audit_sample": _("Stickprov draget"),
    "report.discharge": _("Beslut om ansvarsfrihet registrerat"),
    "report.trustee_added": _("Förtroendevald tillagd"),
    "report.trustee_deleted": _("Förtroendevald borttagen"),
    "structural_count.created": _("Antal deltagare (strukturinsats) registrerat"),
    "structural_count.updated": _("Antal deltagare (strukturinsats) ändrat"),
    "survey.instrument_saved": _("Enkät sparad"),
    "survey.responses_imported": _("Enkätsvar inlästa"),
    "survey.round_created": _("Enkätomgång skapad"),
    "survey.round_changed": _("Enkätomgång ändrad"),
    "system.backup": _("Säkerhetskopia skapad"),
    "system.restore": _("Säkerhetskopia återställd"),
    "user.password_changed": _("Lösenord bytt"),
    "user.password_reset": _("Lösenord återställt"),
    "user.recovery_code_used": _("Reservkod använd"),
    "user.recovery_codes_renewed": _("Nya reservkoder skapade"),
    "user.two_factor_removed": _("Tvåstegsverifiering borttagen"),
}

# Choices for the log's filter: the code prefix each group of actions starts with.
ACTION_GROUPS: list[tuple[str, str | Promise]] = [
    ("participation", _("Deltaganden")),
    ("participant.", _("Deltagare")),
    ("activity.", _("Aktiviteter")),
    ("consent.", _("Samtycken")),
    ("privacy_settings.", _("Inställningar för personuppgifter")),
    ("retention.", _("Gallring")),
    ("insats.", _("Insatser")),
    ("member.", _("Medlemmar")),
    ("membership.", _("Personer och roller")),
    ("user.", _("Användarkonton")),
    ("contribution.", _("Medlemsbidrag")),
    ("budget", _("Budget")),
    ("allocation_inputs.", _("Idealfördelning")),
    ("economy.", _("Ekonomi och bokföring")),
    ("goal", _("Mål")),
    ("report.", _("Rapporter")),
    ("export.", _("Exporter och nedladdningar")),
    ("catalogue.", _("Insatskatalogen")),
    ("survey.", _("Enkäter")),
    ("invitation.", _("Inbjudningar")),
    ("api_token.", _("API-nycklar")),
]


@register.filter
def action_label(action: str) -> str | Promise:
    """The Swedish name of an audit action, or the code itself when it has none."""
    return ACTION_LABELS.get(action, action)


@register.simple_tag
def action_groups(current: str = "") -> list[tuple[str, str | Promise]]:
    """The filter's choices; a prefix typed into the address keeps its own choice."""
    if current and current not in {prefix for prefix, _label in ACTION_GROUPS}:
        return [*ACTION_GROUPS, (current, current)]
    return ACTION_GROUPS
