"""Installation level: the ideal allocation's national parameters and inputs per municipality.

Only the installation's superusers reach the admin. Besides the models, two pages per year:
the county overview (ideal vs actual for every förbund in the inputs) and the import of the
inputs (CSV/XLSX per municipality and year).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from organisations.admin import AuditedAdmin

from .forms import BudgetImportForm
from .models import AllocationRound, ForbundActualAllocation, MunicipalityAllocationInput
from .services.ideal import ROUNDING_METHOD, county_ideal_allocation
from .services.ideal_import import HEADERS, IdealImportError, import_allocation_inputs


class MunicipalityInputInline(admin.TabularInline):
    model = MunicipalityAllocationInput
    extra = 0
    fields = ["municipality", "population_16_64", "forsorjningsmatt", "forbund_name", "forbund"]


class ActualAllocationInline(admin.TabularInline):
    model = ForbundActualAllocation
    extra = 1


@admin.register(AllocationRound)
class AllocationRoundAdmin(AuditedAdmin):
    list_display = ["year", "appropriation", "base_per_forbund", "forbund_count", "links"]
    inlines = [MunicipalityInputInline, ActualAllocationInline]
    change_list_template = "budget/admin/allocation_changelist.html"

    @admin.display(description=gettext_lazy("Sidor"))
    def links(self, obj: AllocationRound) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:budget_allocation_county", args=[obj.year]),
            _("Länsöversikt"),
        )

    def save_formset(self, request, form, formset, change):
        """Inline rows (inputs, actual allocations) are audited like the round itself."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.log(request.user, f"{obj._meta.model_name}.deleted", obj)
            obj.delete()
        for obj in instances:
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if obj.pk else None
            obj.save()
            action = f"{obj._meta.model_name}.{'updated' if before else 'created'}"
            audit.log(request.user, action, obj, changes=audit.diff(before, obj))
        formset.save_m2m()

    def get_urls(self):
        extra = [
            path(
                "lan/<year:year>/",
                self.admin_site.admin_view(self.county_view),
                name="budget_allocation_county",
            ),
            path(
                "importera/",
                self.admin_site.admin_view(self.import_view),
                name="budget_allocation_import",
            ),
        ]
        return extra + super().get_urls()

    def county_view(self, request, year: int):
        allocation_round = get_object_or_404(AllocationRound, year=year)
        ideals = county_ideal_allocation(year) or []
        context = {
            **self.admin_site.each_context(request),
            "title": _("Idealfördelning och faktisk tilldelning %(year)s") % {"year": year},
            "allocation_round": allocation_round,
            "ideals": ideals,
            "total_ideal": sum(ideal.ideal_total for ideal in ideals),
            "total_actual": sum(ideal.actual_total or 0 for ideal in ideals),
            "rounding_method": ROUNDING_METHOD,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "budget/admin/county.html", context)

    def import_view(self, request):
        form = BudgetImportForm(request.POST or None, request.FILES or None)
        form.fields["file"].help_text = _("Kolumner: %(columns)s.") % {
            "columns": ", ".join(HEADERS)
        }
        errors = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_allocation_inputs(upload, upload.name, request.user)
            except IdealImportError as error:
                errors = error.errors
            else:
                for year, count in result.rows_by_year.items():
                    messages.success(
                        request,
                        _("%(count)s kommuner är inlästa för %(year)s.")
                        % {"count": count, "year": year},
                    )
                if result.matched_forbund:
                    messages.info(
                        request,
                        _("Förbund i installationen: %(names)s.")
                        % {"names": ", ".join(result.matched_forbund)},
                    )
                return redirect("admin:budget_allocationround_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Läs in underlag för idealfördelningen"),
            "form": form,
            "import_errors": errors,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "budget/admin/import.html", context)
