"""The personal data of users and the audit log, for the register of processing."""

from django.utils.translation import gettext_lazy as _

from core.processing import DataCategory

CATEGORIES = (
    DataCategory(
        key="anvandare",
        name=str(_("Användare och behörigheter")),
        subjects=str(
            _(
                "Förbundets kansli, ekonomer, insatsansvariga hos medlemmarna, "
                "styrelseledamöter och revisorer som loggar in."
            )
        ),
        data=(
            str(_("Namn, användarnamn och e-postadress")),
            str(_("Roll i förbundet och inbjudningar")),
            str(_("Inloggningar, misslyckade inloggningsförsök och tvåstegsverifiering")),
        ),
        purpose=str(_("Ge rätt person rätt behörighet och skydda inloggningen.")),
        legal_basis=str(
            _("Art. 6.1 e (uppgift av allmänt intresse) och art. 32 (säkerhet i behandlingen).")
        ),
        sensitive="",
        recipients=(str(_("Inga.")),),
        retention=str(
            _(
                "Så länge personen har en roll; ett konto med historik inaktiveras i stället "
                "för att raderas, eftersom händelseloggen hänvisar till det."
            )
        ),
        where=str(_("Personer och roller, konton.")),
    ),
    DataCategory(
        key="handelselogg",
        name=str(_("Händelselogg")),
        subjects=str(_("Användare; deltagare genom deltagandets nummer (aldrig värden).")),
        data=(
            str(_("Vem som gjorde vad och när, vilka uppgifter som ändrades (inte värdena)")),
            str(_("Exporter och registerutdrag: typ, format och antal rader")),
        ),
        purpose=str(_("Spårbarhet och kontroll av ändringar och utlämnanden.")),
        legal_basis=str(_("Art. 6.1 c och art. 32 dataskyddsförordningen.")),
        sensitive="",
        recipients=(str(_("Förbundets kansli och revisorer.")),),
        retention=str(
            _(
                "Loggen kan inte ändras och sparas tills vidare som en del av förbundets "
                "handlingar; den innehåller inga personuppgifter om deltagare utöver "
                "deltagandenas nummer."
            )
        ),
        where=str(_("Händelselogg.")),
    ),
)
