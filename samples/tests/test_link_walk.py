"""Every page a demo user reaches by following links is Swedish, whole and well formatted.

core/tests/test_url_access.py and core/tests/test_forms.py walk the URL *routes* on a small
test world; this walk follows the *links* of the demo förbund (samples/demo), as each of its
five users would click through it: breadth-first from the start page and the account page,
every same-site <a href> answered with GET. Each page must answer below 500; an HTML page
must have <html lang="sv">, no Django "---------", no English Django text, and numbers of
four digits or more in its table cells written with thousands separators ("1 295").
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve
from lxml import html as lxml_html

from samples.demo.forbund import DEMO_SLUG, DEMO_USERS

# The walk stops after this many pages per user (the demo has some 90–300 per role).
PAGE_CAP = 500
# A route (URL name) is visited with at most this many URLs, and a path with at most this many
# query strings: the 60th participant's page, or the statistics of a sixth year, say nothing
# new (and the statistics and survey results take seconds each).
URLS_PER_ROUTE = 3
QUERIES_PER_PATH = 2

START_URLS = (f"/f/{DEMO_SLUG}/", "/konto/")
# Logging out ends the walk; the admin and the token API are not the user's pages.
SKIPPED_PREFIXES = ("/konto/logga-ut/", "/admin/", "/api/", "/static/")
CLOSED_SURVEY = re.compile(r"^/enkat/[\w-]+/ \(länk från /f/\w+/enkater/omgangar/\d+/\): 410$")

# English text Django (or a forgotten template) would show. Phrases are searched in the
# page's visible text; the short words only as the whole text of a button, link or heading,
# where a Swedish page never has them.
ENGLISH_PHRASES = (
    "Page not found",
    "Server Error",
    "Server error",
    "Bad Request",
    "This field is required",
    "Enter a valid",
    "Select a valid",
    "Ensure this value",
    "Ensure that there are",
    "Are you sure",
    "with this",  # "… with this Name already exists."
    "already exists",
    "does not exist",
    "is not a valid",
    "Upload a valid",
    "No file was submitted",
    "The submitted file is empty",
    "You are not authorized",
    "Permission denied",
    "Currently:",
    "Change:",
    "Clear",
)
ENGLISH_WORDS = {
    "Save",
    "Delete",
    "Submit",
    "Next",
    "Previous",
    "Cancel",
    "Search",
    "Back",
    "Edit",
    "Add",
    "Remove",
    "Close",
    "Yes",
    "No",
    "Home",
    "Login",
    "Log in",
    "Log out",
    "Forbidden",
    "Not Found",
    "Download",
    "Upload",
    "Show",
    "Hide",
    "Filter",
    "Reset",
    "Continue",
    "Confirm",
    "None",
    "True",
    "False",
    "Unknown",
    "Yes, I'm sure",
}
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|June|July|October|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Cells (and <dd>s) whose whole text is one number (maybe signed, with a unit); the check then
# looks at its integer part.
NUMBER_CELL = re.compile(
    r"^[−\-+]?(?P<integer>\d[\d\u00a0\u202f ]*)(?:,\d+)?"
    r"(?:\s*(?:%|kr|tkr|mkr|st|h|dagar|år|personer|deltagare))?$"
)
# Columns of identifiers rather than quantities: accounts, years, numbers, codes, and the
# register extract's "Deltagande" (the participation's number in the database).
IDENTIFIER_HEADER = re.compile(
    r"^(år|period|datum|version|deltagande)$|konto|nummer|\bnr\b|nr$|kod|org\.?nr|verifikat|postnr",
    re.IGNORECASE,
)
# A number written with a decimal point ("12.5", "3.0 %") instead of the decimal comma.
DECIMAL_POINT = re.compile(r"^[−\-+]?\d+\.\d+(\s*%)?$")


@dataclass
class Walk:
    pages: int = 0
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    routes: set[str] = field(default_factory=set)
    downloads: Counter = field(default_factory=Counter)


def _visible_text(element) -> str:
    return " ".join(element.text_content().split())


def _route(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name


def _wanted(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return False
    return not parts.path.startswith(SKIPPED_PREFIXES)


def _column_headers(table) -> list[str]:
    """The texts of the table's header row, one per column (colspan repeated)."""
    rows = table.xpath("./thead/tr") or table.xpath("./tr[th] | ./tbody/tr[th]")[:1]
    if not rows:
        return []
    headers: list[str] = []
    for cell in rows[-1].xpath("./th | ./td"):
        headers.extend([_visible_text(cell)] * int(cell.get("colspan", "1") or 1))
    return headers


def _labelled_values(document):
    """(label, text) of every table cell (label: its column's header) and of every <dd> of a
    description list (label: the <dt> before it)."""
    for table in document.iter("table"):
        headers = _column_headers(table)
        for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            column = 0
            for cell in row.xpath("./th | ./td"):
                yield (headers[column] if column < len(headers) else ""), _visible_text(cell)
                column += int(cell.get("colspan", "1") or 1)
    for value in document.iter("dd"):
        label = value.xpath("preceding-sibling::dt[1]")
        yield (_visible_text(label[0]) if label else ""), _visible_text(value)


def _number_problems(document) -> list[str]:
    found = []
    for label, text in _labelled_values(document):
        if IDENTIFIER_HEADER.search(label):
            continue
        if DECIMAL_POINT.match(text):
            found.append(f"decimalpunkt: {text!r} ({label!r})")
            continue
        match = NUMBER_CELL.match(text)
        if match is None:
            continue
        digits = match.group("integer").strip()
        if not digits.isdigit() or len(digits) < 4:
            continue  # short, or grouped ("1 295")
        if len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue  # a year
        found.append(f"tal utan tusentalsavgränsare: {text!r} ({label!r})")
    return found


def _check_page(content: str) -> list[str]:
    problems = []
    if "---------" in content:
        problems.append('Djangos "---------"')
    document = lxml_html.document_fromstring(content)
    if document.get("lang") != "sv":
        problems.append(f"<html lang={document.get('lang')!r}>")
    for bad in document.xpath("//script | //style | //noscript"):
        bad.drop_tree()
    body_text = _visible_text(document)
    problems.extend(f"engelska: {phrase!r}" for phrase in ENGLISH_PHRASES if phrase in body_text)
    months = ENGLISH_MONTHS.findall(body_text)
    if months:
        problems.append(f"engelska månader/dagar: {sorted(set(months))}")
    labelled = document.xpath(
        "//a | //button | //h1 | //h2 | //h3 | //h4 | //label | //legend | //th | //td"
        " | //dt | //dd | //li | //option | //title | //caption | //summary"
    )
    words = {_visible_text(element) for element in labelled}
    words |= set(document.xpath("//input[@type='submit']/@value"))
    problems.extend(f"engelska: {word!r}" for word in sorted(words & ENGLISH_WORDS))
    problems.extend(_number_problems(document))
    return problems


def walk_as(client: Client, start_urls=START_URLS, page_cap: int = PAGE_CAP) -> Walk:
    """Breadth-first over the same-site links, GET only, as the client's user."""
    walk = Walk()
    queue = deque((url, "start") for url in start_urls)
    seen: set[str] = set(start_urls)
    per_route: Counter = Counter()
    per_path: Counter = Counter()
    while queue and walk.pages < page_cap:
        url, source = queue.popleft()
        walk.pages += 1
        walk.routes.add(_route(urlsplit(url).path))
        try:
            response = client.get(url)
        except Exception as error:  # the view raised: the user would get a 500
            walk.problems.append(f"{url} (länk från {source}): 500 {error!r}")
            continue
        status = response.status_code
        content_type = response.get("Content-Type", "")
        links: list[str] = []
        if status >= 500:
            walk.problems.append(f"{url} (länk från {source}): {status}")
            continue
        if status in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif status >= 400:
            walk.refused.append(f"{url} (länk från {source}): {status}")
        if status == 200 and not content_type.startswith("text/html"):
            walk.downloads[content_type.split(";")[0]] += 1
            continue
        if content_type.startswith("text/html") and response.content:
            content = response.content.decode()
            walk.problems.extend(f"{url}: {problem}" for problem in _check_page(content))
            if status == 200:
                links = lxml_html.document_fromstring(content).xpath("//a/@href")
        for href in links:
            target = urljoin(url, href).split("#", 1)[0]
            if not target or target in seen or not _wanted(target):
                continue
            seen.add(target)
            parts = urlsplit(target)
            route = _route(parts.path)
            if per_route[route] >= URLS_PER_ROUTE or per_path[parts.path] >= QUERIES_PER_PATH:
                continue
            per_route[route] += 1
            per_path[parts.path] += 1
            queue.append((parts.path + (f"?{parts.query}" if parts.query else ""), url))
    return walk


@pytest.mark.slow
@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_every_linked_page_is_whole_swedish_and_formatted(settings, demo_forbund, username):
    settings.SAMORDNA_REQUIRE_2FA = False
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))

    walk = walk_as(client)

    # The walk went through the förbund's pages, not only the start page.
    assert walk.pages > 40 and len(walk.routes) > 20, (walk.pages, sorted(walk.routes))
    assert walk.problems == [], "\n".join(
        [f"{len(walk.problems)} fel på {walk.pages} sidor som {username}:", *walk.problems[:80]]
    )
    # A link the user is shown leads somewhere the user may go. (The respondents' link of a
    # closed survey round answers 410 with the page that says it is closed; that is meant.)
    assert [line for line in walk.refused if not CLOSED_SURVEY.match(line)] == []


def test_the_page_check_finds_what_the_walk_looks_for():
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>Samordna</title></head><body>'
        '<select><option value="">---------</option></select>'
        "<ul class='errorlist'><li>This field is required.</li></ul><button>Save</button>"
        "<table><thead><tr><th>Konto</th><th>År</th><th>Belopp</th><th>Antal</th></tr></thead>"
        "<tbody><tr><td>1930</td><td>2024</td><td>1295</td><td>1\u00a0295</td></tr>"
        "<tr><td>3010</td><td>2025</td><td>−12 345 kr</td><td>12345,5 %</td></tr></tbody>"
        "</table><dl><dt>Org.nr</dt><dd>2220000000</dd><dt>Transaktioner</dt><dd>1464</dd>"
        "<dt>Andel</dt><dd>12.5 %</dd></dl></body></html>"
    )
    problems = _check_page(page)
    assert problems == [
        'Djangos "---------"',
        "<html lang='en'>",
        "engelska: 'This field is required'",
        "engelska: 'Save'",
        "tal utan tusentalsavgränsare: '1295' ('Belopp')",
        "tal utan tusentalsavgränsare: '12345,5 %' ('Antal')",
        "tal utan tusentalsavgränsare: '1464' ('Transaktioner')",
        "decimalpunkt: '12.5 %' ('Andel')",
    ]


def test_a_swedish_page_passes_the_check():
    page = (
        '<!DOCTYPE html><html lang="sv"><head><title>Samordna</title></head><body>'
        "<h1>Budget 2025</h1><button>Spara</button><p>Nästa sida</p>"
        "<table><thead><tr><th>Konto</th><th>Belopp</th><th>2024</th></tr></thead>"
        "<tbody><tr><td>1930</td><td>1\u00a0295</td><td>−999</td></tr></tbody></table>"
        "<dl><dt>År</dt><dd>2025</dd><dt>Transaktioner</dt><dd>1 464</dd>"
        "<dt>Andel</dt><dd>12,5 %</dd></dl></body></html>"
    )
    assert _check_page(page) == []
