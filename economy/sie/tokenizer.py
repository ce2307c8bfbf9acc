"""Split one SIE line into fields.

Fields are separated by spaces or tabs. A field in double quotes may hold spaces, and
`\\"` inside it is a literal quote. `{...}` is an object list: a field of its own, given
as a tuple of the strings inside the braces (quoted or not).

Two leniencies for real exports: a quote inside a word (`"Fordringar hos leverant"r"`,
where a program wrote `"` for `ö`) is taken as text, since a closing quote is always
followed by a separator, a brace or the line end; and a quote that never closes in the
last field of a line runs to the line end (the caller warns about it).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import FieldError

Field = str | tuple[str, ...]

# One token: a quoted string, a brace, a bare word, or a quote that never closes (group 4,
# with the rest of the line in group 5). Possessive `*+` keeps the scan linear.
_TOKEN = re.compile(r'"((?:[^"\\]|\\"|\\(?!")|"(?=[^\s{}]))*+)"|([{}])|([^\s"{}][^\s{}]*)|(")(.*)')


class SplitLine(NamedTuple):
    fields: list[Field]
    opens_block: bool  # ends with a lone `{`: the #VER block opened on the #VER line
    unterminated_quote: bool  # the last field's quote never closed


def split_fields(line: str) -> SplitLine:
    if '"' not in line and "{" not in line and "}" not in line:
        plain: list[Field] = []
        plain.extend(line.split())
        return SplitLine(plain, False, False)
    fields: list[Field] = []
    group: list[str] | None = None
    unterminated = False
    for quoted, brace, bare, lone_quote, rest in _TOKEN.findall(line):
        if brace == "{":
            if group is not None:
                raise FieldError("klammerparentes { inne i en objektlista")
            group = []
        elif brace == "}":
            if group is None:
                raise FieldError("avslutande klammerparentes } utan inledande {")
            fields.append(tuple(group))
            group = None
        elif lone_quote:
            if group is not None:
                raise FieldError("citattecken i objektlistan avslutas aldrig")
            unterminated = True
            fields.append(_unescape(rest.rstrip()))
        else:
            value = bare or _unescape(quoted)
            (fields if group is None else group).append(value)
    if group is not None:
        if not group:
            return SplitLine(fields, True, unterminated)
        raise FieldError("objektlista som aldrig avslutas med }")
    return SplitLine(fields, False, unterminated)


def _unescape(value: str) -> str:
    return value.replace('\\"', '"') if "\\" in value else value


def flatten(fields: list[Field]) -> list[str]:
    """All field texts in order, object-list items included (for the checksum)."""
    flat: list[str] = []
    for field in fields:
        if isinstance(field, tuple):
            flat.extend(field)
        else:
            flat.append(field)
    return flat
