"""Code lists of the participant follow-up, with the stored codes of docs/format/.

The stored values are the contract of the import/export files (docs/format/deltagarfil.md) and the
statistics; the labels are what people read. Empty string = no value ("uppgift saknas").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionKind(models.TextChoices):
    INDIVIDUAL = "individinriktad", _("Individinriktad")
    STRUCTURAL = "strukturinriktad", _("Strukturinriktad")


class Gender(models.TextChoices):
    """Juridiskt kön, the only background variable the national register keeps."""

    KVINNA = "kvinna", _("Kvinna")
    MAN = "man", _("Man")
    EJ_ANGIVET = "ej_angivet", _("Ej angivet")


class Education(models.TextChoices):
    """Highest education; empty = uppgift saknas."""

    GRUNDSKOLA = "grundskola", _("Grundskola (ej fullföljd eller enbart grundskola)")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    EFTERGYMNASIAL = "eftergymnasial", _("Eftergymnasial")


class Referrer(models.TextChoices):
    """Inremitterande part."""

    FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")
    ARBETSFORMEDLINGEN = "arbetsformedlingen", _("Arbetsförmedlingen")
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region (hälso- och sjukvården)")
    EGEN = "egen", _("Egen anmälan")
    ANNAN = "annan", _("Annan")


class EndReason(models.TextChoices):
    """Avslutsorsak; empty with an end date = ej registrerad."""

    ARBETE = "arbete", _("Arbete")
    STUDIER = "studier", _("Studier")
    ARBETSSOKANDE = "arbetssokande", _("Arbetssökande")
    FORTSATT_REHABILITERING = "fortsatt_rehabilitering", _("Fortsatt rehabilitering")
    SJUKDOM = "sjukdom", _("Sjukdom")
    ANNAT = "annat", _("Annat")


class FollowUp12(models.TextChoices):
    """Egen försörjning tolv månader efter avslut."""

    JA = "ja", _("Ja")
    NEJ = "nej", _("Nej")
    EJ_NADD = "ej_nadd", _("Ej nådd")


class ActivityKind(models.TextChoices):
    """What a participant does within a participation (Roslagen 2023: course, arbetsträning…)."""

    INDIVIDUELLT_STOD = "individuellt_stod", _("Individuellt stöd")
    KURS = "kurs", _("Kurs")
    ARBETSTRANING = "arbetstraning", _("Arbetsträning")
    LOTS = "lots", _("Lots")
    GRUPPAKTIVITET = "gruppaktivitet", _("Gruppaktivitet")
    ANNAT = "annat", _("Annat")


class Method(models.TextChoices):
    """Common methods of insatser and activities (suggestions; free text is allowed too)."""

    SUPPORTED_EMPLOYMENT = "supported_employment", _("Supported Employment")
    IPS = "ips", _("IPS")
    CASE_MANAGEMENT = "case_management", _("Case Management")
    MI = "mi", _("MI (motiverande samtal)")
    ARBETSTRANING = "arbetstraning", _("Arbetsträning")
    FORREHABILITERANDE_KURS = "forrehabiliterande_kurs", _("Förrehabiliterande kurs")
    LOTS = "lots", _("Lots")
