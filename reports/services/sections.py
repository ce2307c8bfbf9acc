"""The narrative sections of each report: key, heading, guidance and default text.

People write these in the web (simple formatting: blank line between paragraphs, "- " for
bullets, **fet**, *kursiv*); everything else in the reports is generated. The keys are stored
in ReportText.key, so renaming one loses its texts: add, do not rename.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports.choices import ReportKind


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    guidance: str
    default: str = ""  # used when nothing is written (standard wording)


ANNUAL_SECTIONS: tuple[Section, ...] = (
    Section(
        "ordforande",
        "Ordförande har ordet",
        "Ordförandens egen text om året. Avsluta gärna med namn och ”Ordförande” på egna rader.",
    ),
    Section(
        "sammanfattning",
        "Sammanfattning av verksamhetsåret",
        "Årets viktigaste resultat i korthet. Nyckeltalen (deltagare, intäkter, kostnader, "
        "resultat, eget kapital) läggs till automatiskt efter texten.",
    ),
    Section(
        "organisation",
        "Organisation och uppdrag",
        "Förbundets uppdrag, vision och organisation. Medlemmar och styrelse läggs till "
        "automatiskt.",
        "Samordningsförbundet är en fristående offentligrättslig juridisk person som verkar "
        "utifrån lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser och "
        "förbundsordningen som medlemmarna har beslutat. Förbundets uppgift är att finansiera "
        "och stödja samordnade insatser så att personer i behov av samordnad rehabilitering "
        "uppnår eller förbättrar sin förmåga till förvärvsarbete.\n\n"
        "Förbundets organisation består av en styrelse som utses av medlemmarna. Till sin "
        "hjälp har styrelsen ett kansli och en beredningsgrupp med tjänstepersoner från "
        "medlemmarna.",
    ),
    Section(
        "utveckling",
        "Översikt över verksamhetens utveckling",
        "Kommentar till utvecklingen över tid. Femårsöversikten läggs till automatiskt.",
    ),
    Section(
        "viktiga_forhallanden",
        "Viktiga förhållanden för resultat och ekonomisk ställning",
        "Omständigheter som påverkat resultatet och den ekonomiska ställningen.",
    ),
    Section(
        "handelser",
        "Händelser av väsentlig betydelse",
        "Händelser under året (och efter årets slut) som är viktiga för förbundet.",
    ),
    Section(
        "styrning",
        "Styrning och uppföljning av verksamheten",
        "Styrelsens och beredningsgruppens arbete, intern kontroll och uppföljning.",
    ),
    Section(
        "hushallning",
        "God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning",
        "Samlad bedömning av måluppfyllelsen. Målen med resultat och bedömning samt de "
        "finansiella kontrollerna läggs till automatiskt.",
    ),
    Section(
        "personal",
        "Väsentliga personalförhållanden",
        "Kansliets personal och personal som lånas in till insatserna. Årsarbetare läggs till "
        "automatiskt när de är registrerade under Ekonomi.",
    ),
    Section(
        "forvantad_utveckling",
        "Förväntad utveckling",
        "Vad förbundet ser framför sig de kommande åren.",
    ),
    Section(
        "verksamhet",
        "Verksamhet och deltagare",
        "Kommentar till deltagarstatistiken. Tabeller och diagram läggs till automatiskt.",
    ),
    Section(
        "ekonomiska_resultat",
        "Ekonomiska resultat",
        "Kommentar till årets ekonomiska utfall och avvikelser mot budget. Sammanställningen av "
        "intäkter, kostnader och resultat läggs till automatiskt.",
    ),
    Section(
        "redovisningsprinciper",
        "Redovisningsprinciper",
        "Visas först under Noter, före de principer Samordna skriver ut (regelverk, värdering, "
        "avskrivningar, periodisering, bidrag och ESF-medel, pensioner, avrundning). Skriv "
        "här förbundets egna tillägg, till exempel nyttjandeperioder per slag av inventarier.",
    ),
    Section(
        "efter_balansdagen",
        "Händelser efter balansdagen",
        "Väsentliga händelser efter årets slut som påverkar bedömningen av förbundets "
        "ekonomi, till exempel beslut om medlemsbidrag, nya eller avslutade insatser eller "
        "leasingavtal. Visas sist under Noter.",
        "Inga väsentliga händelser har inträffat efter balansdagen.",
    ),
    Section(
        "bilagor",
        "Bilagor",
        "Inledning till bilagorna, till exempel en referenslista. Beskrivningar av insatserna "
        "läggs till automatiskt.",
    ),
)

PLAN_SECTIONS: tuple[Section, ...] = (
    Section(
        "inledning",
        "Inledning",
        "Vad planen bygger på och när den fastställdes.",
    ),
    Section(
        "uppdrag",
        "Förbundets uppdrag",
        "Uppdrag enligt lag och förbundsordning. Medlemmarna läggs till automatiskt.",
        "Samordningsförbundet verkar utifrån lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser. Förbundet ska enligt förbundsordningen besluta om mål och "
        "riktlinjer för den finansiella samordningen, stödja samverkan mellan parterna, "
        "finansiera insatser inom parternas samlade ansvarsområde och svara för uppföljning "
        "och utvärdering av insatserna.",
    ),
    Section(
        "mal",
        "Förbundsövergripande mål",
        "De övergripande målen i ord. Målen med indikatorer och målvärden läggs till automatiskt.",
    ),
    Section(
        "malgrupper",
        "Målgrupper och prioriteringar",
        "Vilka förbundets insatser riktar sig till och vilka grupper som prioriteras.",
    ),
    Section(
        "organisation",
        "Organisation",
        "Styrelse, kansli och beredningsgrupp.",
    ),
    Section(
        "insatser",
        "Verksamhet och insatser",
        "Inledning till insatserna. Varje insats beskrivning, budget och mål läggs till "
        "automatiskt (beskrivningen redigeras på insatsen).",
    ),
    Section(
        "ekonomi",
        "Ekonomiska förutsättningar",
        "Tilldelning, äskning och eget kapital. Medlemsbidragen och treårsbudgeten läggs till "
        "automatiskt.",
    ),
)

PERIOD_SECTIONS: tuple[Section, ...] = (
    Section(
        "sammanfattning",
        "Sammanfattning",
        "Periodens viktigaste händelser och resultat.",
    ),
    Section(
        "ekonomi",
        "Kommentar till ekonomin",
        "Avvikelser mot budget hittills och prognos för helåret.",
    ),
    Section(
        "verksamhet",
        "Kommentar till verksamheten",
        "Deltagare och insatser hittills under året.",
    ),
)

SECTIONS: dict[str, tuple[Section, ...]] = {
    ReportKind.ANNUAL: ANNUAL_SECTIONS,
    ReportKind.PLAN: PLAN_SECTIONS,
    ReportKind.PERIOD: PERIOD_SECTIONS,
}


def sections_for(kind: str) -> tuple[Section, ...]:
    return SECTIONS[kind]


def section(kind: str, key: str) -> Section:
    for item in SECTIONS[kind]:
        if item.key == key:
            return item
    raise KeyError(f"Rapporten {kind} har inget avsnitt {key!r}.")
