"""The personal data the participants app holds, for the register of processing (core.processing).

Kept next to the models: a new field with personal data belongs in one of these categories.
"""

from django.utils.translation import gettext_lazy as _

from core.processing import PARTICIPANT_RETENTION, DataCategory

FINSAM = _(
    "Art. 6.1 e dataskyddsförordningen (uppgift av allmänt intresse): förbundets uppgift enligt "
    "7 § lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser att stödja, "
    "finansiera, följa upp och utvärdera rehabiliteringsinsatser, samt kommunallagen "
    "(2017:725) för förbundets förvaltning."
)
ART9 = _(
    "Art. 9.2 g (viktigt allmänt intresse) och 9.2 h (social omsorg och rehabilitering) med stöd "
    "av 3 kap. 3 § lagen (2018:218) med kompletterande bestämmelser till EU:s "
    "dataskyddsförordning. Uppgifterna om sjukskrivning, försörjning och avslutsorsak kan "
    "avslöja hälsa."
)

CATEGORIES = (
    DataCategory(
        key="deltagare",
        name=str(_("Deltagare och deltaganden i insatser")),
        subjects=str(_("Personer som deltar i insatser som förbundet finansierar.")),
        data=(
            str(_("Förbundets pseudonyma deltagar-id (aldrig personnummer eller namn)")),
            str(_("Insats, startdatum, slutdatum och avslutsorsak")),
            str(_("Juridiskt kön")),
            str(
                _(
                    "Födelseår, utbildningsnivå, inremitterande part och hemkommun, om förbundet "
                    "samlar in dem (inställningen för personuppgifter)"
                )
            ),
            str(_("Aktiviteter inom deltagandet: typ, metod, benämning och datum")),
        ),
        purpose=str(
            _(
                "Följa upp och utvärdera insatserna: antal deltagare, hur och varför de avslutas, "
                "årsstatistik till styrelsen, medlemmarna och den nationella uppföljningen, samt "
                "förbundets årsredovisning."
            )
        ),
        legal_basis=str(FINSAM),
        sensitive=str(ART9),
        recipients=(
            str(
                _(
                    "Inga personuppgifter lämnas ut. Statistik i sammanställd form, där ingen "
                    "person kan urskiljas (röjandekontroll), lämnas till Uppföljning Finsam, "
                    "förbundets medlemmar och styrelse och publiceras i årsredovisningen."
                )
            ),
            str(_("Insatsansvariga hos utförande medlem ser deltagarna i sina egna insatser.")),
        ),
        retention=PARTICIPANT_RETENTION,
        where=str(_("Deltaganden, aktiviteter och deltagarfilen (import och export).")),
    ),
    DataCategory(
        key="uppfoljning_12m",
        name=str(_("Uppföljning 12 månader efter avslut")),
        subjects=str(_("Deltagare som har avslutat en insats.")),
        data=(str(_("Om personen har egen försörjning 12 månader efter avslutet")),),
        purpose=str(_("Utvärdera insatsernas effekt på längre sikt.")),
        legal_basis=str(FINSAM),
        sensitive=str(ART9),
        recipients=(str(_("Endast i sammanställd statistik.")),),
        retention=PARTICIPANT_RETENTION,
        where=str(_("Deltagandets uppgift ”egen försörjning 12 månader efter avslut”.")),
    ),
    DataCategory(
        key="samtycken",
        name=str(_("Samtycken")),
        subjects=str(_("Deltagare, där förbundet ber om samtycke.")),
        data=(str(_("Vad samtycket gäller, när och hur det lämnades och när det återkallades")),),
        purpose=str(
            _(
                "Visa att deltagaren har samtyckt till uppföljningen efter 12 månader eller till "
                "att enkätsvar kopplas till deltagaren, och ta bort det som byggde på samtycket "
                "när det återkallas."
            )
        ),
        legal_basis=str(
            _(
                "Art. 6.1 c (rättslig förpliktelse att kunna visa samtycke) och samma grund som "
                "den behandling samtycket gäller."
            )
        ),
        sensitive="",
        recipients=(str(_("Inga.")),),
        retention=PARTICIPANT_RETENTION,
        where=str(_("Deltagarens sida, avsnittet Samtycken.")),
    ),
    DataCategory(
        key="lasningar",
        name=str(_("Logg över läsningar av deltagaruppgifter")),
        subjects=str(
            _(
                "Förbundets och medlemmarnas personal som använder Samordna; deltagare "
                "vars sida öppnades."
            )
        ),
        data=(
            str(_("Användare, tidpunkt, vilken lista, sida, export eller vilket registerutdrag")),
            str(_("Antal rader, och för en enskild deltagares sida en koppling till deltagaren")),
        ),
        purpose=str(
            _(
                "Kontrollera att deltagaruppgifter bara läses av den som behöver dem "
                "(behörighetsuppföljning) och kunna visa det för den registrerade."
            )
        ),
        legal_basis=str(
            _("Art. 6.1 c och art. 32 dataskyddsförordningen (säkerhet i behandlingen).")
        ),
        sensitive="",
        recipients=(str(_("Förbundets kansli.")),),
        retention=str(
            _(
                "Kopplingen till en deltagare tas bort när deltagarens uppgifter raderas eller "
                "gallras; loggraderna sparas tills vidare (ingen automatisk gallring ännu)."
            )
        ),
        where=str(_("Personuppgifter → Läsningar av deltagaruppgifter.")),
    ),
)
