"""Images in the annual report (issue 9, item 11): an organisation chart, photos.

Each image is uploaded for one report and placed after the text of one section, with a
caption and a mandatory text alternative (alt text) that both documents carry: the DOCX in
the picture's `descr`, the PDF as the image's alt in the tagged PDF. The upload is checked
and re-encoded by core.uploads.clean_image (PNG or JPEG, limits, no metadata).
"""

from __future__ import annotations

import base64
from typing import Any

from django.db import transaction
from django.db.models import Max

from core import audit, limits
from core.uploads import CleanImage
from reports.models import Report, ReportImage
from reports.services.sections import sections_for
from reports.services.snapshot import sha256


class ImageError(ValueError):
    """An image the rules do not allow; the message is Swedish."""


def image_sections(kind: str) -> list[tuple[str, str]]:
    """(key, title) of the sections an image can be placed in."""
    return [(section.key, section.title) for section in sections_for(kind)]


@transaction.atomic
def add_image(
    report: Report, image: CleanImage, *, section: str, caption: str, alt_text: str, user
) -> ReportImage:
    if section not in dict(image_sections(report.kind)):
        raise ImageError(f"Rapporten har inget avsnitt {section!r}.")
    if not alt_text.strip():
        raise ImageError("Skriv ett textalternativ som säger vad bilden visar.")
    if ReportImage.objects.filter(report=report).count() >= limits.IMAGE_MAX_PER_REPORT:
        raise ImageError(
            f"Rapporten har redan {limits.IMAGE_MAX_PER_REPORT} bilder, det högsta antalet. "
            f"Ta bort en bild först."
        )
    highest = ReportImage.objects.filter(report=report, section=section).aggregate(Max("position"))[
        "position__max"
    ]
    stored = ReportImage.objects.create(
        forbund=report.forbund,
        report=report,
        section=section,
        caption=caption.strip(),
        alt_text=alt_text.strip(),
        content=image.content,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        sha256=sha256(image.content),
        position=(highest or 0) + 10,
        created_by=user,
    )
    # The log keeps the image's facts, never the file's name (it may name a person).
    audit.log(
        user,
        "report.image_added",
        stored,
        changes={
            "avsnitt": section,
            "bildtext": stored.caption,
            "textalternativ": stored.alt_text,
            "bildpunkter": f"{image.width} × {image.height}",
            "sha256": stored.sha256,
        },
    )
    return stored


def remove_image(image: ReportImage, user) -> None:
    audit.log(
        user,
        "report.image_removed",
        image,
        changes={"avsnitt": image.section, "bildtext": image.caption, "sha256": image.sha256},
    )
    image.delete()


def images_data(report: Report | None) -> list[dict[str, Any]]:
    """The report's images for its data snapshot (the bytes as base64, so that an adopted
    version keeps the images it was adopted with)."""
    if report is None or report.pk is None:
        return []
    return [
        {
            "section": image.section,
            "caption": image.caption,
            "alt_text": image.alt_text,
            "content_type": image.content_type,
            "width": image.width,
            "height": image.height,
            "sha256": image.sha256,
            "data": base64.b64encode(bytes(image.content)).decode("ascii"),
        }
        for image in ReportImage.objects.filter(report=report)
    ]
