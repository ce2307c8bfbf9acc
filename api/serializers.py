"""JSON shapes of the API. Participation rows use the participant file's columns and spellings
(docs/format/deltagarfil.md) so a row read from the API can be sent back unchanged."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from participants.models import Insats, Participation
from participants.rules import FILE_SPELLING, PARTICIPANT_HEADERS

MAX_BATCH_ROWS = 10_000


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()


class FieldErrorSerializer(serializers.Serializer):
    rad = serializers.IntegerField(allow_null=True, help_text="raden (1 = första) eller null")
    kolumn = serializers.CharField()
    varde = serializers.CharField(allow_blank=True)
    orsak = serializers.CharField()


class ValidationProblemSerializer(ProblemSerializer):
    errors = FieldErrorSerializer(many=True)


class InsatsSerializer(serializers.ModelSerializer):
    kod = serializers.CharField(source="code")
    namn = serializers.CharField(source="name")
    typ = serializers.CharField(source="kind")
    startdatum = serializers.DateField(source="start_date", allow_null=True)
    slutdatum = serializers.DateField(source="end_date", allow_null=True)
    beskrivning = serializers.CharField(source="description")
    malgrupp = serializers.CharField(source="target_group")

    class Meta:
        model = Insats
        fields = ["kod", "namn", "typ", "startdatum", "slutdatum", "beskrivning", "malgrupp"]


class InsatsRowSerializer(serializers.Serializer):
    """One row of the insats file (docs/format/insatsfil.md), checked by its rules."""

    kod = serializers.CharField(max_length=200)
    namn = serializers.CharField(max_length=400)
    typ = serializers.CharField(max_length=40, help_text="individinriktad eller strukturinriktad")
    startdatum = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="YYYY-MM-DD"
    )
    slutdatum = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text="YYYY-MM-DD"
    )


def _spelled(column: str):
    spelling = FILE_SPELLING[column]
    return lambda value: spelling.get(value, value) if value else ""


class ParticipationSerializer(serializers.ModelSerializer):
    """A participation as one row of the participant file, plus its `id`."""

    deltagar_id = serializers.CharField(source="participant.code")
    insats = serializers.CharField(source="insats.code")
    kon = serializers.SerializerMethodField()
    fodelsear = serializers.IntegerField(source="birth_year", allow_null=True)
    utbildning = serializers.SerializerMethodField()
    inremitterande_part = serializers.SerializerMethodField()
    kommun = serializers.CharField(source="municipality")
    startdatum = serializers.DateField(source="start_date")
    slutdatum = serializers.DateField(source="end_date", allow_null=True)
    avslutsorsak = serializers.SerializerMethodField()
    egen_forsorjning_12_man = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields = ["id", *PARTICIPANT_HEADERS]  # the participant file's columns

    def get_kon(self, obj) -> str:
        return _spelled("kon")(obj.gender)

    def get_utbildning(self, obj) -> str:
        return _spelled("utbildning")(obj.education)

    def get_inremitterande_part(self, obj) -> str:
        return _spelled("inremitterande_part")(obj.referrer)

    def get_avslutsorsak(self, obj) -> str:
        return _spelled("avslutsorsak")(obj.end_reason)

    def get_egen_forsorjning_12_man(self, obj) -> str:
        return _spelled("egen_forsorjning_12_man")(obj.follow_up_12m)


def _text(required: bool = False, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        required=required, allow_blank=not required, max_length=200, help_text=help_text
    )


class ParticipationRowSerializer(serializers.Serializer):
    """One row of the participant file, values as text or numbers; checked by the file's rules."""

    deltagar_id = _text(True, "deltagarens kod (aldrig personnummer)")
    insats = _text(True, "insatsens kod")
    kon = _text(help_text="kvinna, man eller tomt (ej angivet)")
    fodelsear = _text(help_text="YYYY")
    utbildning = _text()
    inremitterande_part = _text()
    kommun = _text()
    startdatum = _text(True, "YYYY-MM-DD")
    slutdatum = _text(help_text="YYYY-MM-DD")
    avslutsorsak = _text()
    egen_forsorjning_12_man = _text()


class ParticipationPatchSerializer(ParticipationRowSerializer):
    """The columns to change; the identity (deltagar_id, insats, startdatum) cannot change."""

    deltagar_id = _text()
    insats = _text()
    startdatum = _text()


class BatchSerializer(serializers.Serializer):
    rader = ParticipationRowSerializer(many=True, allow_empty=False)
    provkorning = serializers.BooleanField(
        default=False, help_text=str(_("true: bara kontrollera, inget sparas"))
    )

    def validate_rader(self, rows):
        if len(rows) > MAX_BATCH_ROWS:
            raise serializers.ValidationError(
                _("Högst %(max)s rader per anrop; dela upp dem.") % {"max": MAX_BATCH_ROWS}
            )
        return rows


class ImportResultSerializer(serializers.Serializer):
    rader = serializers.IntegerField()
    nya = serializers.IntegerField()
    andrade = serializers.IntegerField()
    oforandrade = serializers.IntegerField()
    nya_deltagare = serializers.IntegerField()
    sparat = serializers.BooleanField()
    varningar = FieldErrorSerializer(many=True)


def paginated(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The page shape of api.pagination.Pagination around `item`, for the description."""
    fields = {
        "count": serializers.IntegerField(help_text="antal träffar totalt"),
        "next": serializers.URLField(allow_null=True, help_text="nästa sida"),
        "previous": serializers.URLField(allow_null=True, help_text="föregående sida"),
        "results": item(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


InsatsPageSerializer = paginated(InsatsSerializer, "InsatsPage")
ParticipationPageSerializer = paginated(ParticipationSerializer, "ParticipationPage")


class CatalogueEntrySerializer(serializers.Serializer):
    """A published catalogue entry: exactly the public fields (catalogue.services.PUBLIC_FIELDS)."""

    forbund = serializers.CharField(source="forbund.slug", help_text="förbundets kortnamn")
    adress = serializers.CharField(source="slug")
    url = serializers.SerializerMethodField()
    namn = serializers.CharField(source="name")
    typ = serializers.CharField(source="kind")
    arrangor = serializers.CharField(source="organiser_name")
    malgrupp = serializers.CharField(source="target_group")
    malgrupp_beskrivning = serializers.CharField(source="target_description")
    alder_fran = serializers.IntegerField(source="age_min", allow_null=True)
    alder_till = serializers.IntegerField(source="age_max", allow_null=True)
    kommuner = serializers.ListField(child=serializers.CharField(), source="municipality_list")
    erbjuder = serializers.CharField(source="offers")
    vag_in = serializers.CharField(source="access", help_text="remiss, egen eller bada")
    kontakt = serializers.CharField(source="contact")
    sprak = serializers.CharField(source="languages")
    fran = serializers.DateField(source="starts_on", allow_null=True)
    till = serializers.DateField(source="ends_on", allow_null=True)
    senast_granskad = serializers.DateField(source="reviewed_on")

    def get_url(self, obj) -> str:
        return f"/katalog/{obj.forbund.slug}/{obj.slug}/"


CataloguePageSerializer = paginated(CatalogueEntrySerializer, "CataloguePage")


class BudgetLineSerializer(serializers.Serializer):
    kategori = serializers.CharField()
    namn = serializers.CharField()
    insats = serializers.CharField(allow_null=True)
    ursprungligt = serializers.IntegerField()
    belopp = serializers.IntegerField()


class BudgetSerializer(serializers.Serializer):
    ar = serializers.IntegerField()
    rader = BudgetLineSerializer(many=True)
    summa_intakter = serializers.IntegerField()
    summa_kostnader = serializers.IntegerField()
    resultat = serializers.IntegerField()


class ContributionRowSerializer(serializers.Serializer):
    medlem = serializers.CharField()
    begart = serializers.IntegerField(allow_null=True)
    beslutat = serializers.IntegerField(allow_null=True)
    betalt = serializers.IntegerField(allow_null=True)


class ContributionsSerializer(serializers.Serializer):
    ar = serializers.IntegerField()
    medlemmar = ContributionRowSerializer(many=True)
    summa_begart = serializers.IntegerField(allow_null=True)
    summa_beslutat = serializers.IntegerField(allow_null=True)
    summa_betalt = serializers.IntegerField(allow_null=True)
