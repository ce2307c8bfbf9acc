"""Languages an instrument's questions can be translated into (docs/format/enkat.md).

Many respondents are newly arrived or read Swedish with difficulty; the form offers every
language the instrument has a translation for, written right to left where the language is.
"""

from __future__ import annotations

# code -> (name in the language itself, right to left)
LANGUAGES: dict[str, tuple[str, bool]] = {
    "sv": ("Svenska", False),
    "sv-lattlast": ("Lättläst svenska", False),
    "en": ("English", False),
    "ar": ("العربية", True),
    "so": ("Soomaali", False),
    "ti": ("ትግርኛ", False),
    "prs": ("دری", True),
    "fa": ("فارسی", True),
    "uk": ("Українська", False),
}

# The HTML lang attribute of each (lättläst svenska is Swedish).
HTML_LANG = {code: code.split("-")[0] for code in LANGUAGES}
