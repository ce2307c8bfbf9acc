from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.managers import ForbundScopedManager
from core.versioning import Versioned

from .choices import MemberKind, Role


class User(AbstractUser):
    """A person who logs in. Belongs to förbund through Membership."""

    # Demo accounts have published passwords: the auth backend refuses them unless DEBUG.
    is_demo = models.BooleanField(_("demokonto"), default=False)

    # Never copied into the audit log, only noted as changed.
    audit_personal_fields = ("password", "first_name", "last_name", "email")

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def audit_repr(self) -> str:
        # The audit log keeps no names or e-mail addresses (a username may be either).
        return f"Användare {self.pk}"


orgnr_validator = RegexValidator(
    r"^\d{6}-\d{4}$", _("Organisationsnumret skrivs NNNNNN-NNNN, till exempel 222000-1234.")
)


class Forbund(models.Model):
    """The tenant: one samordningsförbund. Everything personal or economic belongs to one."""

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=64, unique=True)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[orgnr_validator]
    )
    seat = models.CharField(_("säte"), max_length=100, blank=True)
    # Named in the register of processing (GDPR art. 30) and in every register extract.
    privacy_contact = models.CharField(
        _("kontakt för personuppgiftsfrågor"),
        max_length=300,
        blank=True,
        help_text=_("Hur den registrerade når förbundet, till exempel e-post och telefon."),
    )
    dpo_name = models.CharField(_("dataskyddsombud"), max_length=200, blank=True)
    dpo_contact = models.CharField(
        _("dataskyddsombudets kontaktuppgifter"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("förbund")
        verbose_name_plural = _("förbund")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(Versioned):
    """A member organisation (medlem). A municipality can join later: membership has dates."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=32, choices=MemberKind.choices)
    joined_on = models.DateField(_("medlem från"), null=True, blank=True)
    left_on = models.DateField(_("medlem till"), null=True, blank=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmar")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "name"],
                name="member_name_unique_in_forbund",
                violation_error_message=_("Förbundet har redan en medlem med det namnet."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joined",
                violation_error_message=_("Utträdesdatum kan inte ligga före inträdesdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_member_on(self, day) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day <= self.left_on
        )


class Membership(Versioned):
    """A user's role in one förbund. One role per user and förbund."""

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ForbundScopedManager()

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        ordering = ["role", "user__last_name", "user__first_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "user"],
                name="membership_one_role_per_forbund",
                violation_error_message=_("Personen har redan en roll i förbundet."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.forbund})"

    def audit_repr(self) -> str:
        return f"Användare {self.user_id} – {self.get_role_display()}"


class Invitation(models.Model):
    """An e-mailed link that gives a role in a förbund: single use, expiring.

    Only a hash of the token is stored; the link itself is in the e-mail and nowhere else.
    Whether the address belongs to an existing account is never looked up when inviting: the
    person who opens the link either creates an account or logs in to an existing one.
    """

    forbund = models.ForeignKey(Forbund, on_delete=models.CASCADE, related_name="invitations")
    # Empty when the link was handed over another way (create_user without --epost).
    email = models.EmailField(_("e-post"), blank=True)
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices)
    # Set by create_user: the account the link creates gets exactly this username and name.
    username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    full_name = models.CharField(_("namn"), max_length=300, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("gäller till"))
    used_at = models.DateTimeField(_("använd"), null=True, blank=True)
    used_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ForbundScopedManager()

    audit_personal_fields = ("email", "token_hash", "username", "full_name")

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} ({self.forbund})"

    def audit_repr(self) -> str:
        return f"Inbjudan {self.pk} ({self.get_role_display()})"

    def is_pending(self, now) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at
