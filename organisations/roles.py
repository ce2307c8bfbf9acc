"""What each role may do: the one place where roles meet capabilities.

Views declare the capability they need
(`organisations.access.forbund_view("economy.view")`); this table decides who has it.
Object-level limits (an insatsansvarig sees only the insatser they are assigned to) live in
each app's access helpers.
"""

from .choices import Role

ALL_ROLES = frozenset(Role)

CAPABILITIES: dict[str, frozenset[Role]] = {
    "forbund.view": ALL_ROLES,
    "members.view": ALL_ROLES,
    "members.manage": frozenset({Role.KANSLI}),
    "people.view": frozenset({Role.KANSLI, Role.REVISOR}),
    "people.manage": frozenset({Role.KANSLI}),
    "audit.view": frozenset({Role.KANSLI, Role.REVISOR}),
    # Insatser as such (no participant rows): everyone in the förbund.
    "interventions.view": ALL_ROLES,
    "interventions.manage": frozenset({Role.KANSLI}),
    # Participant rows: kansli, and insatsansvarig for their own insatser only.
    "participants.view": frozenset({Role.KANSLI, Role.INSATSANSVARIG}),
    "participants.manage": frozenset({Role.KANSLI, Role.INSATSANSVARIG}),
    "participants.import": frozenset({Role.KANSLI, Role.INSATSANSVARIG}),
    # Personal data (docs/personuppgifter.md): register extracts, the förbund's privacy
    # settings and the log of who read participant rows are the kansli's; the register of
    # processing is also for the board and the auditors.
    "privacy.manage": frozenset({Role.KANSLI}),
    "privacy.register": frozenset({Role.KANSLI, Role.STYRELSE, Role.REVISOR}),
    # Erasing a participant and the förbund's retention rule (docs/gallring.md): kansli only.
    "participants.remove": frozenset({Role.KANSLI}),
    # Aggregated participant statistics (no rows).
    "statistics.view": frozenset({Role.KANSLI, Role.STYRELSE, Role.EKONOM, Role.REVISOR}),
    # The statistics pages: the whole förbund with statistics.view; an insatsansvarig sees the
    # same pages counting their own insatser only (participants/services/access.py).
    "statistics.own": frozenset(
        {Role.KANSLI, Role.STYRELSE, Role.EKONOM, Role.REVISOR, Role.INSATSANSVARIG}
    ),
    "economy.view": frozenset({Role.KANSLI, Role.EKONOM, Role.STYRELSE, Role.REVISOR}),
    "economy.manage": frozenset({Role.KANSLI, Role.EKONOM}),
    # Surveys (enkäter): kansli manages instruments, imports and every round; insatsansvarig
    # runs rounds and sees results for their own insatser (surveys/services/access.py);
    # styrelse and revisor see published results only; free-text answers only kansli.
    "surveys.manage": frozenset({Role.KANSLI}),
    "surveys.rounds": frozenset({Role.KANSLI, Role.INSATSANSVARIG}),
    "surveys.results": frozenset({Role.KANSLI, Role.INSATSANSVARIG, Role.STYRELSE, Role.REVISOR}),
    "surveys.free_text": frozenset({Role.KANSLI}),
    "reports.view": frozenset({Role.KANSLI, Role.EKONOM, Role.STYRELSE, Role.REVISOR}),
    "reports.manage": frozenset({Role.KANSLI}),
    # The auditors' own work on a year's annual report (reports/views/audit.py): drawing a
    # sample of vouchers, the checklist with their notes, filing the revisionsberättelse and
    # granskningsrapport. Only the auditors: the office and the board are the audited.
    "audit_work.manage": frozenset({Role.REVISOR}),
    # The members' decisions on ansvarsfrihet are recorded by the office (the auditors
    # recommend; the members decide; the kansli keeps the register).
    "audit_work.discharge": frozenset({Role.KANSLI}),
    # The public catalogue's entries (catalogue app): the kansli edits and publishes.
    "catalogue.manage": frozenset({Role.KANSLI}),
}


def has_capability(role: str, capability: str) -> bool:
    try:
        return role in CAPABILITIES[capability]
    except KeyError:
        raise KeyError(
            f"Unknown capability {capability!r}: add it to organisations/roles.py"
        ) from None
