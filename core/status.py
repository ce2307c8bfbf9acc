"""A status that people can see: a level (for the colour) and a text (never colour alone).

Pages show one with the `{% status_tag %}` template tag (core/templatetags/status_tags.py),
which renders core/templates/core/_status.html as `<span class="status status--warn">` with an
icon and the text, so the look can change in one place. Services decide the status
(economy.services.budget_status, reports.services.worklist); templates only show it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Levels, from good to bad; the CSS class is "status--<level>".
OK = "ok"
INFO = "info"
WARN = "warn"
BAD = "danger"
LEVELS = (OK, INFO, WARN, BAD)

# An icon per level, read as a symbol only (the text says the same in words).
ICONS = {OK: "✓", INFO: "i", WARN: "!", BAD: "▲"}


@dataclass(frozen=True)
class Status:
    level: str
    label: str
    detail: str = ""  # a longer explanation, for the title and for screen readers

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"Okänd statusnivå {self.level!r}; välj bland {LEVELS}.")

    @property
    def icon(self) -> str:
        return ICONS[self.level]

    @property
    def severity(self) -> int:
        return LEVELS.index(self.level)


def worst(statuses) -> Status | None:
    """The most severe of some statuses (None when there are none)."""
    present = [status for status in statuses if status is not None]
    return max(present, key=lambda status: status.severity) if present else None
