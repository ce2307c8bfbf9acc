from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core import audit

from .models import Forbund, Invitation, Member, Membership, User


class AuditedAdmin(admin.ModelAdmin):
    """Writes the installation admin's changes to the Samordna audit log too."""

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.model_name}.{'updated' if change else 'created'}"
        audit.log(request.user, action, obj, changes=audit.diff(before, obj))

    def delete_model(self, request, obj):
        audit.log(request.user, f"{obj._meta.model_name}.deleted", obj)
        super().delete_model(request, obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0


@admin.register(Forbund)
class ForbundAdmin(AuditedAdmin):
    list_display = ["name", "slug", "org_number", "seat"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug", "org_number"]
    inlines = [MemberInline, MembershipInline]


@admin.register(User)
class SamordnaUserAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    fieldsets = [*(UserAdmin.fieldsets or ()), ("Samordna", {"fields": ["is_demo"]})]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made by the kansli or `invite_user`, never here (the link is
    only in the e-mail)."""

    list_display = ("email", "forbund", "role", "created_at", "expires_at", "used_at", "revoked_at")
    list_filter = ("forbund", "role")
    search_fields = ("email",)
    fields = (*list_display, "created_by", "used_by")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
