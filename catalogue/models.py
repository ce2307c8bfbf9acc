"""The public catalogue (insatskatalog): entries a förbund publishes about the support in its
area, and anonymous visit counts per entry and month (docs/format/katalog.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from organisations.models import Forbund, Member
from participants.models import Insats

REVIEW_AFTER = timedelta(days=365)


class EntryKind(models.TextChoices):
    INSATS = "insats", _("förbundets insats")
    TJANST = "tjanst", _("medlems tjänst")
    NATVERK = "natverk", _("nätverk")


class TargetGroup(models.TextChoices):
    UNGA = "unga", _("unga (16–29 år)")
    VUXNA = "vuxna", _("vuxna")
    ALLA = "alla", _("alla åldrar i arbetsför ålder")
    NYANLANDA = "nyanlanda", _("nyanlända")
    HANDLAGGARE = "handlaggare", _("handläggare och personal")


class Access(models.TextChoices):
    REMISS = "remiss", _("via remiss från handläggare")
    EGEN = "egen", _("egen anmälan")
    BADA = "bada", _("remiss eller egen anmälan")


class Status(models.TextChoices):
    DRAFT = "utkast", _("utkast")
    PUBLISHED = "publicerad", _("publicerad")


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def search(self, words: str):
        query = self
        for word in words.split()[:8]:
            query = query.filter(
                Q(name__icontains=word)
                | Q(offers__icontains=word)
                | Q(target_description__icontains=word)
                | Q(municipalities__icontains=word)
            )
        return query


class EntryManager(ForbundScopedManager.from_queryset(EntryQuerySet)):  # type: ignore[misc]
    pass


class CatalogueEntry(models.Model):
    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="catalogue")
    slug = models.SlugField(_("adress"), max_length=80)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    kind = models.CharField(_("typ"), max_length=10, choices=EntryKind, default=EntryKind.INSATS)
    name = models.CharField(_("namn"), max_length=200)
    organiser = models.ForeignKey(
        Member,
        verbose_name=_("arrangör (tom = förbundet)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    insats = models.ForeignKey(
        Insats,
        verbose_name=_("kopplad insats"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_entries",
    )
    target_group = models.CharField(_("målgrupp"), max_length=12, choices=TargetGroup)
    target_description = models.TextField(_("målgruppen i ord"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("ålder från"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("ålder till"), null=True, blank=True)
    municipalities = models.TextField(_("kommuner"), help_text=_("En kommun per rad."), blank=True)
    offers = models.TextField(_("vad insatsen erbjuder"))
    access = models.CharField(_("hur man kommer dit"), max_length=8, choices=Access)
    contact = models.TextField(
        _("kontakt"), help_text=_("Visas publikt: skriv bara det som får synas.")
    )
    languages = models.CharField(_("språk"), max_length=200, blank=True, default="svenska")
    starts_on = models.DateField(_("från"), null=True, blank=True)
    ends_on = models.DateField(_("till"), null=True, blank=True)
    reviewed_on = models.DateField(_("senast granskad"), default=date.today)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryManager()

    class Meta:
        verbose_name = _("katalogpost")
        verbose_name_plural = _("katalogposter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "slug"], name="catalogue_slug_per_forbund"),
            models.CheckConstraint(
                condition=Q(age_max__isnull=True)
                | Q(age_min__isnull=True)
                | Q(age_max__gte=models.F("age_min")),
                name="catalogue_age_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def municipality_list(self) -> list[str]:
        return [line.strip() for line in self.municipalities.splitlines() if line.strip()]

    @property
    def organiser_name(self) -> str:
        return self.organiser.name if self.organiser is not None else self.forbund.name

    @property
    def needs_review(self) -> bool:
        return self.reviewed_on <= timezone.localdate() - REVIEW_AFTER


class CatalogueVisit(models.Model):
    """How many times an entry's page was opened in a month. No visitor data at all."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="visits")
    month = models.DateField(_("månad"))  # the first day of the month
    count = models.PositiveIntegerField(_("besök"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "month"], name="catalogue_visit_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.month:%Y-%m}: {self.count}"
