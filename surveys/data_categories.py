"""Survey answers, for the register of processing (core.processing)."""

from django.utils.translation import gettext_lazy as _

from core.processing import DataCategory

CATEGORIES = (
    DataCategory(
        key="enkatsvar",
        name=str(_("Enkätsvar")),
        subjects=str(_("Deltagare som svarar på en enkät vid avslut.")),
        data=(
            str(_("Svar per fråga, insats, dag och kön om den svarande valde att ange det")),
            str(_("Fritextsvar, som den svarande kan ha skrivit personuppgifter i")),
        ),
        purpose=str(_("Utvärdera insatserna ur deltagarnas perspektiv.")),
        legal_basis=str(
            _(
                "Art. 6.1 e (uppgift av allmänt intresse), förbundets uppföljning enligt 7 § lagen "
                "(2003:1210) om finansiell samordning av rehabiliteringsinsatser. Svaren lämnas "
                "frivilligt."
            )
        ),
        sensitive=str(
            _(
                "Svaren är anonyma och kopplas inte till deltagaren, en användare eller en "
                "IP-adress. Fritext kan innehålla hälsouppgifter och visas bara för kansliet."
            )
        ),
        recipients=(str(_("Sammanställda resultat till styrelsen och i årsredovisningen.")),),
        retention=str(_("Sparas som underlag för förbundets uppföljning tills vidare.")),
        where=str(_("Enkäter.")),
    ),
)
