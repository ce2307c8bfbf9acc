"""The förbund's menu: a few groups, each with a sub-menu that is the same on every page.

Groups and items are named here, once, by URL name (no imports of the apps above this layer).
Who sees an item is not repeated here: it is read from the view the URL leads to
(`organisations.access` records the capability on each view), so a role never sees a link
it may not open. A group shows only when the role may open at least one of its items.

Year-bound pages (the economy's statements, for example) take the year of the page being
shown when it is one of that app's own, else the app's own default year (its AppConfig's
`navigation_year(forbund)`), else last year. So the Ekonomi sub-menu has the same items on
every economy page.

An app that adds a page to its AppConfig's `navigation` list and is not named here gets it at
the end of the group its namespace belongs to (Förbundet when none), so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from django.apps import apps
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from organisations.roles import has_capability


@dataclass(frozen=True)
class Item:
    label: str | Promise
    url_name: str
    # Other view names on which this item is the current one (else: the longest URL prefix).
    also: tuple[str, ...] = ()
    exact: bool = False  # current only on this very URL (an overview above other items)


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise
    namespaces: tuple[str, ...]
    items: tuple[Item, ...]
    # The app whose AppConfig.navigation_year(forbund) gives the default year of its pages.
    year_app: str | None = None


ECONOMY_MANAGE = ("confirm", "mapping", "settings", "staff", "adjustments", "delete_year")

GROUPS: tuple[Group, ...] = (
    Group(
        "deltagare",
        _("Deltagare"),
        ("participants", "statistics", "surveys"),
        (
            Item(_("Insatser"), "participants:insatser"),
            Item(_("Deltaganden"), "participants:participations"),
            Item(_("Statistik"), "statistics:index"),
            Item(_("Enkäter"), "surveys:index"),
        ),
    ),
    Group(
        "ekonomi",
        _("Ekonomi"),
        ("economy", "budget"),
        (
            Item(_("Översikt"), "economy:home", exact=True),
            Item(_("Räkenskaper"), "economy:statements", exact=True),
            Item(_("Driftredovisning"), "economy:operating"),
            Item(_("Kontroller"), "economy:checks"),
            Item(_("Femårsöversikt"), "economy:overview"),
            Item(_("Budget"), "budget:budgets"),
            Item(_("Medlemsbidrag"), "budget:contributions_current"),
            Item(_("Idealfördelning"), "budget:ideal_current", also=("budget:ideal",)),
            Item(
                _("Inläsning och inställningar"),
                "economy:upload",
                also=tuple(f"economy:{name}" for name in ECONOMY_MANAGE),
            ),
        ),
        year_app="economy",
    ),
    Group(
        "rapporter",
        _("Rapporter"),
        ("reports",),
        (
            Item(_("Översikt"), "reports:index"),
            Item(_("Målgränser"), "reports:grading"),
            Item(_("Förtroendevalda"), "reports:trustees"),
        ),
    ),
    Group(
        "forbundet",
        _("Förbundet"),
        ("organisations", "core", "catalogue", "apinycklar"),
        (
            Item(_("Medlemmar"), "organisations:members"),
            Item(_("Personer och roller"), "organisations:people"),
            Item(_("Insatskatalog"), "catalogue:manage"),
            Item(_("API-nycklar"), "apinycklar:list"),
            Item(_("Händelselogg"), "core:audit_log"),
        ),
    ),
)

# Pages of the förbund that belong to no group (the start page, the search).
UNGROUPED_VIEWS = frozenset({"organisations:home", "organisations:search"})

PLACEHOLDER_SLUG = "forbund"


def _kwargs(url_name: str, slug: str, year: int | None) -> dict | None:
    """The keyword arguments the URL takes: the förbund, and the year where it has one."""
    for kwargs in ({"forbund": slug}, {"forbund": slug, "year": year or date.today().year}):
        try:
            reverse(url_name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        return kwargs
    return None


@cache
def required_capability(url_name: str) -> tuple[bool, str | None, bool]:
    """(exists, capability, takes a year) of a förbund page, read from its view."""
    kwargs = _kwargs(url_name, PLACEHOLDER_SLUG, None)
    if kwargs is None:
        return (False, None, False)
    view = resolve(reverse(url_name, kwargs=kwargs)).func
    access = getattr(view, "samordna_access", None)
    if access is None and hasattr(view, "view_class"):
        access = getattr(view.view_class, "samordna_access", None)
    capability = getattr(access, "capability", None)
    return (True, capability, "year" in kwargs)


@lru_cache(maxsize=4096)
def _url(url_name: str, slug: str, year: int | None) -> str:
    """The item's address for the förbund (and the year, where the page takes one); the
    URLs do not change while the process runs, and every page draws the whole menu."""
    takes_year = required_capability(url_name)[2]
    kwargs: dict = {"forbund": slug}
    if takes_year:
        kwargs["year"] = year or date.today().year
    return reverse(url_name, kwargs=kwargs)


def may_open(role: str, url_name: str) -> bool:
    exists, capability, _year = required_capability(url_name)
    return exists and (capability is None or has_capability(role, capability))


@cache
def _app_entries() -> tuple[tuple[str, str | Promise, str], ...]:
    """AppConfig.navigation entries (namespace, label, url name) that GROUPS does not name."""
    named = {item.url_name for group in GROUPS for item in group.items}
    entries = []
    for config in apps.get_app_configs():
        for label, url_name, _capability in getattr(config, "navigation", ()):
            if url_name not in named:
                entries.append((url_name.split(":")[0], label, url_name))
    return tuple(entries)


def _group_items(group: Group) -> tuple[Item, ...]:
    extra = tuple(
        Item(label, url_name)
        for namespace, label, url_name in _app_entries()
        if namespace in group.namespaces
        or (group.key == "forbundet" and not any(namespace in g.namespaces for g in GROUPS))
    )
    return group.items + extra


def _current_group(view_name: str, namespace: str) -> Group | None:
    if view_name in UNGROUPED_VIEWS:
        return None
    for group in GROUPS:
        if namespace in group.namespaces:
            return group
    return None


def _default_year(group: Group, forbund, resolved_year: int | None, query: bool) -> int:
    if resolved_year is not None:
        return resolved_year
    if query and group.year_app:
        try:
            config = apps.get_app_config(group.year_app)
        except LookupError:
            config = None
        year_of = getattr(config, "navigation_year", None)
        if year_of is not None:
            year = year_of(forbund)
            if year is not None:
                return year
    return date.today().year - 1


def build_menu(request, membership, *, query: bool = True) -> dict:
    """The menu for the member on this request: the groups they may open and, for the group
    the current page belongs to, its sub-menu with the current page marked.

    `query=False` builds it without touching the database (the 500 page)."""
    forbund = membership.forbund
    role = membership.role
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    namespace = match.namespace if match else ""
    current = _current_group(view_name, namespace) if match else None
    path = request.path
    groups = []
    for group in GROUPS:
        items = [item for item in _group_items(group) if may_open(role, item.url_name)]
        if not items:
            continue
        is_current = group is current
        year = None
        if any(required_capability(item.url_name)[2] for item in items):
            # the year of the page when it is one of the year app's own (economy/2023/…)
            same_app = bool(match and is_current and match.namespace == group.year_app)
            resolved = match.kwargs.get("year") if (match and same_app) else None
            year = _default_year(group, forbund, resolved, query and is_current)
        links = [
            {
                "label": item.label,
                "url": _url(item.url_name, forbund.slug, year),
                "item": item,
                "current": False,
            }
            for item in items
        ]
        if not links:
            continue
        if is_current:
            _mark_current(links, view_name, path)
        groups.append(
            {
                "key": group.key,
                "label": group.label,
                "url": links[0]["url"],
                "current": is_current,
                "items": links,
            }
        )
    return {
        "start_url": _url("organisations:home", forbund.slug, None),
        "start_current": view_name == "organisations:home",
        "search_url": _url("organisations:search", forbund.slug, None),
        "groups": groups,
        "current": next((g for g in groups if g["current"]), None),
    }


def _mark_current(links: list[dict], view_name: str, path: str) -> None:
    """aria-current="page" on the item of this page: named by view, else the longest URL that
    begins this page's URL (an item marked exact counts only on its own URL)."""
    chosen = next(
        (
            link
            for link in links
            if view_name == link["item"].url_name or view_name in link["item"].also
        ),
        None,
    )
    if chosen is None:
        candidates = [
            link
            for link in links
            if (path == link["url"] if link["item"].exact else path.startswith(link["url"]))
        ]
        if candidates:
            chosen = max(candidates, key=lambda link: len(link["url"]))
    for link in links:
        link["current"] = link is chosen
