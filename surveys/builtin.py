"""The built-in scales and the national instrument NNS-DA (docs/format/enkat.md).

Created per förbund the first time the förbund's instruments are needed
(`services.instruments.ensure_builtin`), so they are ordinary, scoped data afterwards.
"""

from __future__ import annotations

from .choices import RespondentGroup

POSITIVE_TOP_THREE = [4, 5, 6]

SCALES: dict[str, list[str]] = {
    "frekvens6": ["Aldrig", "Sällan", "Ibland", "Ofta", "För det mesta", "Alltid"],
    "grad6": [
        "Inte alls",
        "Till liten del",
        "Delvis",
        "Till stor del",
        "Till mycket stor del",
        "Helt och hållet",
    ],
}

# (code, name, group, [(question code, scale, text)]): the questions as seed 004 publishes them.
INSTRUMENTS = [
    (
        "NNS-DA",
        "Deltagarenkät vid avslut",
        RespondentGroup.DELTAGARE_AVSLUT,
        [
            ("A1", "frekvens6", "Har du fått stöd på ett sätt som är till stor nytta för dig?"),
            ("A2", "frekvens6", "Har du fått vara med och bestämma vilket stöd du får/har fått?"),
            ("A3", "frekvens6", "Har stödet fått ta den tid du behövt?"),
            (
                "A4",
                "frekvens6",
                "Har insatsen stöttat dig i kontakterna med myndigheterna och vården?",
            ),
            (
                "B1",
                "grad6",
                "Har det stöd du fått hjälpt dig att utveckla sätt att hantera din situation?",
            ),
            (
                "B2",
                "grad6",
                "Känner du dig mer redo att kunna arbeta eller studera jämfört med innan du "
                "fick kontakt med oss?",
            ),
            (
                "B3",
                "grad6",
                "Upplever du att personalen har tagit tillvara dina erfarenheter, kunskaper och "
                "synpunkter?",
            ),
        ],
    ),
]
