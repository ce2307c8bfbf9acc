"""Code lists of the participant follow-up, with the stored codes of docs/format/.

The stored values are the contract of the import/export files (docs/format/deltagarfil.md) and the
statistics; the labels are what people read. Empty string = no value ("uppgift saknas").
"""

from dataclasses import dataclass
from typing import Any

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


# --- The categories of the statistics (docs/format/statistik.md) -----------------------
# The statistics count the stored codes above plus a key for "no value"; the labels below
# name a group of people (plural: "Kvinnor"), where the choices' labels name one person.
# Web pages, charts, reports, exports and tables all take their categories from here.

NOT_REGISTERED = "ej_registrerad"  # ended without an end reason, or no follow-up answer
NOT_KNOWN = "uppgift_saknas"  # no birth year or education
TOTAL = "totalt"

GENDER_LABELS: dict[str, Any] = {
    Gender.KVINNA: _("Kvinnor"),
    Gender.MAN: _("Män"),
    Gender.EJ_ANGIVET: _("Ej angivet kön"),
}

END_REASONS: tuple[str, ...] = (*EndReason.values, NOT_REGISTERED)
END_REASON_LABELS: dict[str, Any] = {**dict(EndReason.choices), NOT_REGISTERED: _("Ej registrerad")}
# For narrow table columns (a report page holds all seven next to each other).
END_REASON_SHORT_LABELS: dict[str, Any] = {
    **END_REASON_LABELS,
    EndReason.ARBETSSOKANDE: _("Arbets\u00adsökande"),
    EndReason.FORTSATT_REHABILITERING: _("Fortsatt rehab."),
    NOT_REGISTERED: _("Ej reg."),
}


class AgeBand(models.TextChoices):
    """Age when the participation started (year of start − birth year)."""

    UNDER_30 = "under_30", _("Under 30 år")
    FROM_30_TO_50 = "30_50", _("30–50 år")
    OVER_50 = "over_50", _("Över 50 år")


AGE_BANDS: tuple[str, ...] = (*AgeBand.values, NOT_KNOWN)
AGE_BAND_LABELS: dict[str, Any] = {**dict(AgeBand.choices), NOT_KNOWN: _("Uppgift saknas")}

EDUCATION_LEVELS: tuple[str, ...] = (*Education.values, NOT_KNOWN)
# The form explains "Grundskola"; a table or chart has no room for it.
EDUCATION_LABELS: dict[str, Any] = {
    **dict(Education.choices),
    Education.GRUNDSKOLA: _("Grundskola"),
    NOT_KNOWN: _("Uppgift saknas"),
}

FOLLOW_UP_ANSWERS: tuple[str, ...] = (*FollowUp12.values, NOT_REGISTERED)
FOLLOW_UP_LABELS: dict[str, Any] = {
    FollowUp12.JA: _("Egen försörjning"),
    FollowUp12.NEJ: _("Inte egen försörjning"),
    FollowUp12.EJ_NADD: _("Ej nådd"),
    NOT_REGISTERED: _("Ej registrerad"),
}


@dataclass(frozen=True)
class EndReasonGroup:
    """End reasons counted together in a chart or a measure."""

    label: Any
    members: tuple[str, ...]


# The published annual reports chart the reasons that lead towards work as one group, "Arbete,
# studier, arbetssökande" (Stockholms stad 2023, table 3, figures 3 and 6); the web statistics
# page and the annual report both chart these groups, in this order.
TOWARDS_WORK = EndReasonGroup(
    _("Arbete, studier, arbetssökande"),
    (EndReason.ARBETE, EndReason.STUDIER, EndReason.ARBETSSOKANDE),
)
END_REASON_GROUPS: tuple[EndReasonGroup, ...] = (
    TOWARDS_WORK,
    EndReasonGroup(
        END_REASON_LABELS[EndReason.FORTSATT_REHABILITERING], (EndReason.FORTSATT_REHABILITERING,)
    ),
    EndReasonGroup(END_REASON_LABELS[EndReason.SJUKDOM], (EndReason.SJUKDOM,)),
    EndReasonGroup(END_REASON_LABELS[EndReason.ANNAT], (EndReason.ANNAT,)),
    EndReasonGroup(END_REASON_LABELS[NOT_REGISTERED], (NOT_REGISTERED,)),
)
# The narrower measure of the goals, the period report and the comparison table: ended to
# work or studies (not arbetssökande), as a share of those with a registered reason.
WORK_OR_STUDIES = EndReasonGroup(_("Arbete eller studier"), (EndReason.ARBETE, EndReason.STUDIER))
