"""The file field of every upload form: refuses a file over its size limit with a Swedish
form error (the page answers 200 with the message, never 413 or 500)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import limits

from .forms import Form


class LimitedFileField(forms.FileField):
    """A FileField refusing empty files and files over a limit of core.limits, named by
    `limit` (read when the form is validated, so the limit lives in one place)."""

    def __init__(self, *args, limit: str = "TABULAR_MAX_BYTES", **kwargs):
        getattr(limits, limit)  # a misspelt name fails here, not at the first upload
        self.limit = limit
        kwargs.setdefault("allow_empty_file", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        size = getattr(upload, "size", None)
        max_bytes = getattr(limits, self.limit)
        if isinstance(size, int) and size > max_bytes:
            raise forms.ValidationError(
                _("Filen är %(size)s; en fil får vara högst %(max)s.")
                % {"size": limits.megabytes(size), "max": limits.megabytes(max_bytes)},
                code="too_large",
            )
        return upload


class TabularUploadForm(Form):
    """An upload of a CSV or XLSX file to check before anything is saved. Subclasses name
    the file in `file_label` ("Deltagarfil", "Svarsfil")."""

    file_label = gettext_lazy("Fil")

    file = LimitedFileField(
        help_text=gettext_lazy(
            "Filen kontrolleras först. Inget sparas förrän du har sett sammanfattningen och "
            "bekräftat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = format_lazy("{} (.xlsx eller .csv)", self.file_label)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Välj en fil av typen .xlsx eller .csv."))
        return upload
