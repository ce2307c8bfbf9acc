from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django_scopes import scopes_disabled


class SamordnaAdminSite(admin.AdminSite):
    """The installation superuser's admin: förbund, users and roles only, never participant data.

    Runs unscoped because it manages all förbund; only installation-level models are registered.
    """

    site_header = "Samordna – installation"
    site_title = "Samordna"
    index_title = "Förbund och användare"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def unscoped(request, *args, **kwargs):
            with scopes_disabled():
                return inner(request, *args, **kwargs)

        return update_wrapper(unscoped, inner)


class SamordnaAdminConfig(AdminConfig):
    default_site = "core.admin_site.SamordnaAdminSite"
