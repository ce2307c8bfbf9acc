"""The file field of every upload form: refuses a file over its size limit with a Swedish
form error (the page answers 200 with the message, never 413 or 500)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from core import limits


class LimitedFileField(forms.FileField):
    """A FileField refusing files larger than `max_bytes` (core.limits) and empty files."""

    def __init__(self, *args, max_bytes: int = limits.TABULAR_MAX_BYTES, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("allow_empty_file", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        size = getattr(upload, "size", None)
        if isinstance(size, int) and size > self.max_bytes:
            raise forms.ValidationError(
                _("Filen är %(size)s; en fil får vara högst %(max)s.")
                % {"size": limits.megabytes(size), "max": limits.megabytes(self.max_bytes)},
                code="too_large",
            )
        return upload
