"""The search box in the header: participant codes, insatser, members and pages.

Each app answers for its own objects through its AppConfig's `search(request, query)`, which
returns a list of `Section`s holding only what the user may see (the participants app asks
participants/services/access.py). This module collects them, adds the förbund's members and
the pages of the menu, and never runs more than one query per section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from organisations.models import Member
from organisations.navigation import may_open
from organisations.roles import has_capability

MIN_LENGTH = 2
MAX_LENGTH = 100
LIMIT = 20  # results per section; a section with more says so and links to a full list


@dataclass
class Result:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    title: str | Promise
    results: list[Result] = field(default_factory=list)
    more: bool = False
    more_url: str = ""


@dataclass(frozen=True)
class Page:
    label: str | Promise
    url_name: str
    keywords: str | Promise


# Pages reachable from the search, with the words people use for them. Who may open each is
# read from its view (organisations.navigation.may_open): the list need not repeat the roles.
PAGES: tuple[Page, ...] = (
    Page(_("Start"), "organisations:home", _("startsida översikt att göra")),
    Page(_("Insatser"), "participants:insatser", _("insats projekt verksamhet")),
    Page(_("Ny insats"), "participants:insats_add", _("lägg till skapa insats")),
    Page(_("Deltaganden"), "participants:participations", _("deltagare deltagarkod")),
    Page(
        _("Läs in deltagarfil"),
        "participants:import",
        _("importera deltagare csv xlsx excel fil inläsning"),
    ),
    Page(_("Exportera deltagarfil"), "participants:export", _("export deltagare excel csv")),
    Page(_("Deltagarstatistik"), "statistics:index", _("statistik kön ålder avslutsorsak")),
    Page(_("Enkäter"), "surveys:index", _("enkät deltagarenkät nns svar omgång")),
    Page(_("Läs in enkätsvar"), "surveys:import", _("importera enkät svar papper")),
    Page(_("Ekonomi"), "economy:home", _("ekonomi bokföring resultat balans")),
    Page(_("Läs in SIE-fil"), "economy:upload", _("sie bokföring import fortnox visma")),
    Page(_("Kontomappning"), "economy:mapping", _("konto mappning kontoplan")),
    Page(_("Ekonomiinställningar"), "economy:settings", _("inställningar ekonomi")),
    Page(_("Personal"), "economy:staff", _("personal anställda årsarbetare")),
    Page(_("Balanskrav"), "economy:adjustments", _("balanskrav balanskravsutredning underskott")),
    Page(_("Budget"), "budget:budgets", _("budget ändringsbudget treårsplan")),
    Page(_("Medlemsbidrag"), "budget:contributions_current", _("bidrag medlemsbidrag kommun")),
    Page(_("Idealfördelning"), "budget:ideal_current", _("idealfördelning statens medel")),
    Page(_("Rapporter"), "reports:index", _("årsredovisning verksamhetsplan periodrapport")),
    Page(_("Målgränser"), "reports:grading", _("mål måluppfyllelse gränser")),
    Page(_("Förtroendevalda"), "reports:trustees", _("styrelse revisorer ledamöter")),
    Page(_("Medlemmar"), "organisations:members", _("medlem kommun region")),
    Page(_("Personer och roller"), "organisations:people", _("användare konto roll inbjudan")),
    Page(_("Insatskatalog"), "catalogue:manage", _("katalog publik tjänster")),
    Page(_("API-nycklar"), "apinycklar:list", _("api nyckel token integration")),
    Page(_("Händelselogg"), "core:audit_log", _("logg händelser ändringar granskning")),
)


def normalise(query: str) -> str:
    return " ".join(query.split())[:MAX_LENGTH]


def _words(text) -> str:
    return str(text).casefold()


def _matches(query: str, page: Page) -> bool:
    """Every word of the query begins a word of the page's name or keywords ("ap" finds
    "API-nycklar", not "Rapporter")."""
    words = re.split(r"[\s\-/]+", f"{_words(page.label)} {_words(page.keywords)}")
    return all(any(word.startswith(part) for word in words) for part in _words(query).split())


def search_pages(membership, query: str) -> Section:
    section = Section(_("Sidor"))
    for page in PAGES:
        if _matches(query, page) and may_open(membership.role, page.url_name):
            url = reverse(page.url_name, kwargs={"forbund": membership.forbund.slug})
            section.results.append(Result(str(page.label), url))
    return section


def search_members(membership, query: str) -> Section:
    section = Section(_("Medlemmar"))
    if not has_capability(membership.role, "members.view"):
        return section
    members = list(Member.objects.filter(name__icontains=query).order_by("name")[: LIMIT + 1])
    slug = membership.forbund.slug
    url = reverse("organisations:members", kwargs={"forbund": slug})
    manage = has_capability(membership.role, "members.manage")
    for member in members[:LIMIT]:
        link = (
            reverse("organisations:member_edit", kwargs={"forbund": slug, "member": member.pk})
            if manage
            else f"{url}#medlem-{member.pk}"
        )
        section.results.append(Result(member.name, link, member.get_kind_display()))
    section.more = len(members) > LIMIT
    section.more_url = url
    return section


def search(request, query: str) -> list[Section]:
    """Every section with at least one result, objects first and pages last."""
    query = normalise(query)
    if len(query) < MIN_LENGTH:
        return []
    membership = request.membership
    sections: list[Section] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "search", None)
        if provider is not None:
            sections.extend(provider(request, query))
    sections.append(search_members(membership, query))
    sections.append(search_pages(membership, query))
    return [section for section in sections if section.results]
