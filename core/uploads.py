"""The file field of every upload form: refuses a file over its size limit with a Swedish
form error (the page answers 200 with the message, never 413 or 500). `ImageFileField`
also accepts only real PNG and JPEG images within the pixel limit, and re-encodes them, so
what is stored carries no metadata (EXIF: camera, place, time) and no trailing bytes."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

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


@dataclass(frozen=True)
class CleanImage:
    """An uploaded image as stored: re-encoded bytes, "PNG" or "JPEG", size in pixels."""

    content: bytes
    format: str
    width: int
    height: int
    name: str

    @property
    def content_type(self) -> str:
        return "image/png" if self.format == "PNG" else "image/jpeg"


IMAGE_FORMATS = ("PNG", "JPEG")


def clean_image(data: bytes, name: str = "") -> CleanImage:
    """Check that `data` is a PNG or JPEG image within core.limits and re-encode it (the
    orientation from EXIF applied, every metadata chunk dropped). Raises ValidationError with
    a Swedish message for anything else: another format, a broken or truncated file, too many
    pixels (checked from the header, before decoding)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > limits.IMAGE_MAX_BYTES:
        raise forms.ValidationError(
            _("Bilden är %(size)s; en bild får vara högst %(max)s.")
            % {
                "size": limits.megabytes(len(data)),
                "max": limits.megabytes(limits.IMAGE_MAX_BYTES),
            },
            code="too_large",
        )
    not_an_image = forms.ValidationError(
        _("Filen är ingen bild som går att läsa. Välj en bild av typen PNG eller JPEG."),
        code="not_an_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            image: Image.Image = opened
            if opened.format not in IMAGE_FORMATS:
                raise forms.ValidationError(
                    _("Bilden är av typen %(format)s; välj en bild av typen PNG eller JPEG.")
                    % {"format": opened.format or _("okänd")},
                    code="format",
                )
            width, height = opened.size
            if width < 1 or height < 1 or width * height > limits.IMAGE_MAX_PIXELS:
                raise forms.ValidationError(
                    _(
                        "Bilden är %(width)s × %(height)s bildpunkter; en bild får ha högst "
                        "%(max)s miljoner bildpunkter. Förminska den och försök igen."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "max": limits.IMAGE_MAX_PIXELS // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            source_format = opened.format
            _check_complete(data, source_format)
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except forms.ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, on opening a header of hundreds of megapixels.
        raise forms.ValidationError(
            _(
                "Bilden har för många bildpunkter; en bild får ha högst %(max)s miljoner "
                "bildpunkter. Förminska den och försök igen."
            )
            % {"max": limits.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        MemoryError,
    ):
        raise not_an_image from None
    output = io.BytesIO()
    if source_format == "PNG":
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(output, format="PNG", optimize=True)
    else:
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        image.save(output, format="JPEG", quality=90)
    return CleanImage(output.getvalue(), source_format, image.width, image.height, name)


def _check_complete(data: bytes, image_format: str) -> None:
    """Raise OSError when the file is cut short. Pillow's own check is off in a process that
    has imported WeasyPrint (it sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process),
    so a half image would be decoded with the rest grey."""
    from PIL import Image

    if image_format == "PNG":
        Image.open(io.BytesIO(data)).verify()  # every chunk read and its CRC checked
        return
    scan = data.rfind(b"\xff\xda")  # the last start of scan: the end of image must follow
    if scan < 0 or data.find(b"\xff\xd9", scan) < 0:
        raise OSError("JPEG utan slutmarkör")


class ImageFileField(LimitedFileField):
    """A PNG or JPEG image (core.limits.IMAGE_*), cleaned to a `CleanImage`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("limit", "IMAGE_MAX_BYTES")
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None or upload is False:
            return upload
        upload.seek(0)
        return clean_image(upload.read(), getattr(upload, "name", "") or "")
