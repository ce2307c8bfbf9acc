# ruff: noqa: E501 - prose: one line per paragraph, because a line break inside a text is kept as a line break
"""The demo förbund's prose: what a kansli writes in its annual reports, plan and tertial report.

The texts avoid figures that the generated tables show (those come from the data), as a
förbund would once Samordna fills in the tables.
"""

ANNUAL_2024 = {
    "ordforande": """\
Samordningsförbundet Demo har under 2024 fortsatt att göra det som lagen om finansiell samordning är till för: att människor som behöver stöd från flera myndigheter samtidigt ska få det, samordnat och utifrån sina egna behov.

Året har präglats av en svagare arbetsmarknad. Fler har haft svårt att hitta arbete, och de som står längst från arbetsmarknaden riskerar att hamna ännu längre bort. Därför är det glädjande att våra insatser har nått ungefär lika många deltagare som året innan, och att fler har gått vidare till arbete eller studier i FINSAM-teamet.

Styrelsen har under året arbetat med förbundets långsiktiga finansiering. Vårt egna kapital är högre än vad Nationella rådet rekommenderar, och vi har därför beslutat att använda en del av det till insatser under de kommande åren.

Jag vill rikta ett varmt tack till alla medarbetare i insatserna, till kansliet och till beredningsgruppen. Ert engagemang gör skillnad för många människor.

Stina Styrelsedotter
Ordförande""",
    "sammanfattning": """\
Under 2024 har förbundet finansierat tre individinriktade insatser – FINSAM-team, Aktivitetsplatsen och IPS i psykosvården – och en strukturinriktad insats för kompetensutveckling i samverkan.

- FINSAM-teamet har fortsatt att vara en gemensam ingång för personer som behöver stöd från flera parter.
- Aktivitetsplatsen har erbjudit aktiviteter i grupp och individuellt för personer som står långt från arbetsmarknaden.
- IPS i psykosvården har gett individuellt stöd till arbete enligt metoden Individual Placement and Support.
- Kompetensinsatserna har samlat medarbetare från alla medlemmar till gemensamma forum.

Årets resultat blev ett underskott på 550 tkr, 300 tkr bättre än budget. Underskottet var planerat: budgeten tog en del av det egna kapitalet i anspråk, eftersom det är högre än Nationella rådets rekommendation. Balanskravet är därför inte uppfyllt. Årets resultat och det egna kapitalet redovisas i tabellen nedan och i avsnittet Ekonomiska resultat.""",
    "organisation": """\
Samordningsförbundet Demo är en fristående offentligrättslig juridisk person som verkar utifrån lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser och den förbundsordning som medlemmarna har beslutat. Förbundets säte är i Norrby.

Förbundets uppdrag är att finansiera och stödja samordnade insatser så att personer i behov av samordnad rehabilitering uppnår eller förbättrar sin förmåga att försörja sig genom arbete. Förbundet ska också bidra till att medlemmarna utvecklar sin samverkan över tid.

**Vision:** Alla som kan och vill arbeta ska få det stöd de behöver för att komma dit.

Förbundets organisation består av en styrelse med en ledamot och en ersättare från varje medlem. Styrelsen har till sin hjälp ett kansli med förbundschef, ekonom och administratör samt en beredningsgrupp med chefer från medlemmarna.""",
    "utveckling": """\
Förbundets intäkter har under flera år i huvudsak bestått av medlemsbidrag. Tilldelningen har ökat något de senaste åren, men ligger fortfarande under den nivå som statens fördelningsmodell anger för förbundets område.

Kostnaderna har ökat i takt med att insatserna vuxit. Individinriktade insatser står för den största delen av kostnaderna, vilket är i linje med styrelsens riktlinjer. Tabellen nedan visar utvecklingen de senaste fem åren.""",
    "viktiga_forhallanden": """\
**Arbetsmarknaden.** Lågkonjunkturen har gjort det svårare för förbundets målgrupp att få arbete. Insatserna har därför i högre grad arbetat med stegförflyttningar mot arbete, till exempel arbetsträning och studier.

**Medlemmarnas bemanning.** Insatserna bemannas med personal som lånas från medlemmarna. Under året har vakanser hos två medlemmar gjort att Aktivitetsplatsen tagit emot färre deltagare under våren.

**Eget kapital.** Förbundets egna kapital överstiger Nationella rådets rekommendation. Styrelsen har beslutat om en plan för att använda överskottet till insatser de kommande åren.""",
    "handelser": """\
- Styrelsen beslutade i juni att förlänga IPS i psykosvården till och med 2026.
- Förbundet deltog i förberedelserna för en länsgemensam ansökan till Europeiska socialfonden.
- Det nationella uppföljningssystemet Uppföljning Finsam har använts för hela året.""",
    "styrning": """\
Styrelsen har haft fem protokollförda sammanträden och en planeringsdag tillsammans med beredningsgruppen. Beredningsgruppen har haft sex möten.

Förbundets ekonomi följs upp vid varje styrelsesammanträde. Styrelsen har behandlat två tertialrapporter och antagit en intern kontrollplan som följts upp vid årets slut.

Insatserna följs upp med deltagarstatistik per kön, ålder, utbildning och avslutsorsak, med NNS indikatorenkäter och med skriftliga rapporter från insatsernas styrgrupper.""",
    "hushallning": """\
Förbundets verksamhetsplan anger mål för förbundet som helhet och för varje insats. Målen och resultaten redovisas i tabellerna nedan. Sammantaget bedömer styrelsen att förbundet har bedrivit verksamheten med god ekonomisk hushållning: kostnaderna har hållit sig inom budget och fördelningen mellan individinriktade och strukturinriktade insatser följer riktlinjerna. Balanskravet är inte uppfyllt: balanskravsresultatet är −550 tkr. Underskottet är det som styrelsen planerade i budgetbeslutet, där en del av det egna kapitalet tas i anspråk.

Det egna kapitalet är fortfarande högre än rekommendationen. Det som överstiger rekommendationen är planerat att användas till insatser under de kommande åren.""",
    "personal": """\
Förbundet har egen anställd personal på kansliet: förbundschef på heltid, ekonom på deltid och administratör på deltid. Lönekostnaderna redovisas i noten till verksamhetens kostnader.

Insatserna bemannas av personal från medlemmarna – socialsekreterare, arbetsförmedlare, handläggare från Försäkringskassan och personal från hälso- och sjukvården. Antalet årsarbetare redovisas i tabellen nedan.""",
    "forvantad_utveckling": """\
Behovet av samordnat stöd bedöms öka de kommande åren, särskilt bland unga vuxna och personer med psykisk ohälsa. Förbundet kommer därför att:

- utöka IPS till fler verksamheter inom psykiatrin,
- utveckla FINSAM-teamet som gemensam ingång för alla medlemmar,
- söka extern finansiering tillsammans med andra förbund i länet.

Styrelsen kommer också att fortsätta arbetet för en tilldelning närmare statens fördelningsmodell.""",
    "verksamhet": """\
Tabellerna och diagrammen i detta avsnitt bygger på förbundets deltagarregister. Varje deltagande i en insats räknas för sig; en person som deltar i två insatser räknas därför i båda, men bara en gång bland unika deltagare.

Andelen som avslutas till arbete eller studier varierar mellan insatserna. FINSAM-teamet och IPS arbetar nära arbetsmarknaden, medan Aktivitetsplatsens deltagare ofta behöver en längre tid av aktivitet innan arbete eller studier är aktuellt.""",
    "ekonomiska_resultat": """\
Verksamhetens intäkter består i huvudsak av medlemsbidrag från staten, regionen och kommunerna. Kostnaderna blev lägre än budgeterat, främst för att kansliets och styrelsens kostnader blev lägre än beräknat. Insatsernas kostnader låg nära sina budgetar.""",
    "bilagor": """\
**Referenslista**

- Förbundsordning för Samordningsförbundet Demo
- Verksamhetsplan med budget 2024–2026
- Uppföljning av förbundets insatser 2024 (NNS indikatorer)""",
}

ANNUAL_2025 = {
    **ANNUAL_2024,
    "hushallning": """\
Förbundets verksamhetsplan anger mål för förbundet som helhet och för varje insats. Målen och resultaten redovisas i tabellerna nedan. Sammantaget bedömer styrelsen att förbundet har bedrivit verksamheten med god ekonomisk hushållning: kostnaderna har hållit sig inom budget, fördelningen mellan individinriktade och strukturinriktade insatser följer riktlinjerna och balanskravet är uppfyllt.

Det egna kapitalet är högre än rekommendationen. Det som överstiger rekommendationen är planerat att användas till insatser under de kommande åren.""",
    "ordforande": """\
2025 blev året då förbundet för första gången kunde följa alla sina insatser i ett gemensamt system, från deltagarnas start till avslut och från budget till utfall. Det ger styrelsen ett bättre underlag för att prioritera.

Arbetsmarknaden har fortsatt att vara svår för dem som står längst ifrån den. Desto viktigare är det arbete som görs i insatserna, där medarbetare från fyra myndigheter arbetar tillsammans med deltagarnas behov i centrum.

Stina Styrelsedotter
Ordförande""",
    "handelser": """\
- Styrelsen beslutade att använda en del av det egna kapitalet till en utökning av IPS 2026.
- Förbundet har infört digital uppföljning av deltagare, budget och bokföring.
- En ny insats för unga vuxna har förberetts genom en kartläggning hos medlemmarna.""",
    "bilagor": """\
**Referenslista**

- Förbundsordning för Samordningsförbundet Demo
- Verksamhetsplan med budget 2025–2027
- Uppföljning av förbundets insatser 2025 (NNS indikatorer)""",
    "viktiga_forhallanden": """\
**Arbetsmarknaden.** Arbetsmarknaden har fortsatt att vara svag för förbundets målgrupp. Insatserna har därför i högre grad arbetat med stegförflyttningar mot arbete, till exempel arbetsträning och studier.

**Medlemmarnas bemanning.** Insatserna bemannas med personal som lånas från medlemmarna. Efter vakanserna 2024 har alla insatser varit fullt bemannade under 2025. Aktivitetsplatsen har ändå tagit emot något färre nya deltagare än målet, eftersom fler av de anvisade har behövt en längre förberedelse innan de kunnat börja.

**Eget kapital.** Förbundets egna kapital överstiger Nationella rådets rekommendation. Styrelsen har beslutat om en plan för att använda överskottet till insatser de kommande åren.""",
    "sammanfattning": """\
Under 2025 har förbundet finansierat samma tre individinriktade insatser som året innan och utvecklat de strukturinriktade insatserna med en kartläggning av unga vuxna som varken arbetar eller studerar.

- FINSAM-teamet har tagit emot ungefär lika många nya deltagare som året innan.
- Aktivitetsplatsen har haft full bemanning hela året.
- IPS i psykosvården har förlängts och ska utökas 2026.

Förbundets resultat är i balans och det egna kapitalet är oförändrat högt.""",
}

PLAN_2026 = {
    "inledning": """\
Verksamhetsplanen för 2026 grundar sig på diskussioner i styrelsen och beredningsgruppen under hösten 2025. Den anger inriktningen, målen och budgeten för nästa år och en plan för de två följande åren.""",
    "mal": """\
Förbundets övergripande mål är att:

- skapa struktur och långsiktighet i samverkan mellan medlemmarna,
- möjliggöra ny utveckling inom arbetslivsinriktad rehabilitering,
- vara till nytta för medborgarna genom att fler får rätt stöd i rätt tid och kommer närmare egen försörjning.""",
    "malgrupper": """\
Förbundets insatser riktar sig till personer 16–64 år som bor i medlemskommunerna och som behöver samordnat stöd från flera parter för att komma till arbete eller studier. Styrelsen prioriterar 2026 unga vuxna 16–29 år och personer med psykisk ohälsa.""",
    "organisation": """\
Styrelsen består av en ledamot och en ersättare från varje medlem. Kansliet bereder ärenden och verkställer styrelsens beslut med stöd av beredningsgruppen.""",
    "insatser": """\
Förbundet finansierar 2026 tre individinriktade insatser och en strukturinriktad insats. Beskrivningar, budget och mål för varje insats följer nedan.""",
    "ekonomi": """\
Medlemmarna har beslutat om medlemsbidrag för 2026. Förbundets egna kapital överstiger Nationella rådets rekommendation, och en del av det tas i anspråk i budgeten för 2026–2028.""",
}

PERIOD_2025_T2 = {
    "sammanfattning": """\
Verksamheten har under årets första åtta månader gått enligt plan. Alla insatser har varit fullt bemannade och deltagarflödet ligger i nivå med samma period förra året.""",
    "ekonomi": """\
Kostnaderna ligger tydligt under en jämn fördelning av årsbudgeten. Sommarmånaderna har alltid lägre kostnader, men den största skillnaden är att FINSAM-teamets utökning ännu inte har kommit i gång. Kansliet föreslår att styrelsen flyttar en del av de medlen till kartläggningen av unga vuxna. Medlemsbidragen för hela året fakturerades i januari; i rapporten är de periodiserade, så resultatet hittills räknar bara periodens åtta månader av bidragen. Prognosen för helåret är ett resultat nära budget.""",
    "verksamhet": """\
FINSAM-teamet har tagit emot flest nya deltagare. Aktivitetsplatsens höstgrupper startar i september.""",
}
