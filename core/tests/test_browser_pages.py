"""The main page of every section, as the förbund's office sees it on a phone, in a real browser.

Checks what a page template can get wrong and a unit test cannot see: the document language,
one h1, a label for every form control, alt text on images and nothing wider than the screen.
"""

import os

import pytest
from django.conf import settings as django_settings
from django.test import Client

from organisations.models import User

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390

# One page per section (and the forms office staff use most), under /f/demo/.
SECTION_PAGES = [
    "",
    "logg/",
    "medlemmar/",
    "personer/",
    "insatser/",
    "insatser/FT/",
    "insatser/FT/andra/",
    "deltaganden/",
    "deltaganden/importera/",
    "statistik/2025/",
    "medlemsbidrag/2026/",
    "medlemsbidrag/2026/andra/",
    "budget/2026/",
    "idealfordelning/2025/",
    "ekonomi/",
    "ekonomi/2025/driftredovisning/",
    "ekonomi/installningar/",
    "rapporter/",
    "rapporter/arsredovisning/2025/",
    "rapporter/mal/2025/",
]

PAGE_PROBLEMS = """
() => {
  const problems = [];
  const lang = document.documentElement.lang;
  if (lang !== 'sv') problems.push('lang=' + lang);
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(h1 + ' h1');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(el.type)) continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    if (!named) problems.push('no label: ' + (el.name || el.id || el.tagName));
  }
  for (const img of document.querySelectorAll('img:not([alt])')) {
    problems.push('no alt: ' + img.src);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push('wider than the screen: ' + document.documentElement.scrollWidth + ' px');
  }
  return problems;
}
"""


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_section_pages_have_swedish_language_one_h1_labels_alt_texts_and_fit_a_phone(
    settings, live_server, page, demo_forbund
):
    settings.SAMORDNA_DEMO_LOGINS_ALLOWED = True
    settings.SAMORDNA_REQUIRE_2FA = False
    log_in(page, live_server, User.objects.get(username="kansli"))
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    problems = {}
    for path in SECTION_PAGES:
        response = page.goto(f"{live_server.url}/f/demo/{path}")
        assert response.status == 200, path
        found = page.evaluate(PAGE_PROBLEMS)
        if found:
            problems[path] = found
    assert problems == {}
