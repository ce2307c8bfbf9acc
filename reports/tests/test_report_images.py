"""Images in the annual report (issue 9, item 11): uploaded with a text alternative, shown
in the DOCX (the picture's descr) and the tagged PDF (the figure's /Alt), stripped of
metadata; hostile files refused in Swedish, never a 500. A narrative per insats too."""

from __future__ import annotations

import io
import random
import re
import struct
import zlib

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from core.audit import describe_changes
from core.models import AuditEvent
from reports.models import ReportImage, ReportText
from reports.services.diff import differences
from reports.services.generation import annual_report_data, report_file

YEAR = 2024
ALT = "Organisationsschema: styrelsen overst, under den kansliet och beredningsgruppen"


def url(name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"forbund": "alfa", **kwargs})


def png(size=(120, 60), colour=(30, 90, 160), **info) -> bytes:
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG", pnginfo=meta)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (80, 40), (10, 200, 10))
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare AB"  # Make
    exif[0x8825] = {1: "N", 2: (59.0, 20.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(client, content: bytes, name: str, **fields):
    posted = {
        "upload": "1",
        "file": SimpleUploadedFile(name, content),
        "section": "organisation",
        "caption": "Förbundets organisation",
        "alt_text": ALT,
        **fields,
    }
    return client.post(url("annual_images", year=YEAR), posted)


def pdf_alt_texts(pdf: bytes) -> list[bytes]:
    """The /Alt strings of the PDF's structure tree (object streams inflated)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return re.findall(rb"/S /Figure[^\n]*?/Alt \((.*?)\)>>", b"\n".join(parts))


def test_an_image_with_alt_text_appears_in_docx_and_pdf(world, clients):
    office = clients["kansli"]
    before = annual_report_data(world.a, YEAR)
    response = upload(office, png(Author="Anna Andersson", Comment="hemligt"), "org.png")
    assert response.status_code == 302
    with scopes_disabled():
        image = ReportImage.objects.get(forbund=world.a)
        event = AuditEvent.objects.get(forbund=world.a, action="report.image_added")
    stored = bytes(image.content)
    assert b"Anna Andersson" not in stored and b"hemligt" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"
    assert event.changes["textalternativ"] == ALT
    assert "org.png" not in str(event.changes)
    # The log names the picture's size in pixels (the link walk found "Storlek (byte)").
    assert "Storlek (bildpunkter): 120 × 60" in [str(c) for c in describe_changes(event)]

    data = annual_report_data(world.a, YEAR)
    word = docx.Document(io.BytesIO(report_file(data, "docx")))
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert ALT in descriptions
    alts = pdf_alt_texts(report_file(data, "pdf"))
    assert ALT.encode() in alts
    # A new version against the adopted one names the image that came.
    changed = [d for d in differences(before, data) if d.section == "Bilder"]
    assert [(d.label, d.before) for d in changed] == [("Förbundets organisation", "–")]

    page = office.get(url("annual_images", year=YEAR)).content.decode()
    assert f'alt="{ALT}"' in page
    assert office.post(url("annual_images", year=YEAR), {"remove": image.pk}).status_code == 302
    with scopes_disabled():
        assert not ReportImage.objects.filter(forbund=world.a).exists()
        assert AuditEvent.objects.filter(forbund=world.a, action="report.image_removed").exists()


def test_a_photo_loses_its_exif(world, clients):
    assert upload(clients["kansli"], jpeg_with_gps(), "foto.jpg").status_code == 302
    with scopes_disabled():
        stored = bytes(ReportImage.objects.get(forbund=world.a).content)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert b"Kameratillverkare" not in stored and b"Exif" not in stored


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels, with one empty data chunk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_hostile_images_are_refused_in_swedish(world, clients):
    import weasyprint  # noqa: F401  (as in a server that has made a PDF: it lets Pillow
    # decode truncated images, so the upload checks for them itself)

    office = clients["kansli"]
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    noise = io.BytesIO()
    Image.frombytes("RGB", (200, 200), random.Random(9).randbytes(120_000)).save(noise, "PNG")
    whole = noise.getvalue()  # pixels that do not compress: half the file is half the image
    photo = io.BytesIO()
    Image.frombytes("RGB", (200, 200), random.Random(7).randbytes(120_000)).save(photo, "JPEG")
    cut_photo = photo.getvalue()[: len(photo.getvalue()) // 2]
    cases = [
        (
            gif.getvalue(),
            "bild.png",
            "Bilden är av typen GIF; välj en bild av typen PNG eller JPEG",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "bild.png", "Filen är ingen bild"),
        (b"MZ\x90\x00" + b"\x00" * 200, "program.jpg", "Filen är ingen bild"),
        (whole[: len(whole) // 2], "halv.png", "Filen är ingen bild"),
        (cut_photo, "halv.jpg", "Filen är ingen bild"),
        (_png_header_only(30_000, 30_000), "bomb.png", "högst 50 miljoner bildpunkter"),
        (_png_header_only(8_000, 8_000), "stor.png", "8000 × 8000 bildpunkter"),
    ]
    for content, name, message in cases:
        response = upload(office, content, name)
        assert response.status_code == 200, name
        assert message in response.content.decode(), name
    # Without a text alternative, no image either.
    response = upload(office, png(), "org.png", alt_text="   ")
    assert "Skriv ett textalternativ" in response.content.decode()
    with scopes_disabled():
        assert not ReportImage.objects.filter(forbund=world.a).exists()


def test_the_board_cannot_add_images(clients):
    assert upload(clients["styrelse"], png(), "org.png").status_code == 403
    assert clients["revisor"].get(url("annual_images", year=YEAR)).status_code == 403


def test_a_narrative_per_insats_appears_under_the_insats(world, clients):
    office = clients["kansli"]
    texts_url = url("annual_texts", year=YEAR)
    form = office.get(texts_url).context["form"]
    key = f"insats:{world.insats_a1.code}"
    assert key in form.fields
    text = "Insatsen fick **tre nya** samverkansparter under året."
    response = office.post(texts_url, {"state": form["state"].initial, key: text})
    assert response.status_code == 302
    with scopes_disabled():
        assert ReportText.objects.get(report__forbund=world.a, key=key).text == text
    data = annual_report_data(world.a, YEAR)
    word = docx.Document(io.BytesIO(report_file(data, "docx")))
    paragraphs = [p.text for p in word.paragraphs]
    heading = paragraphs.index(
        world.insats_a1.name, paragraphs.index(f"Bilaga 1. Förbundets insatser {YEAR}")
    )
    following = paragraphs[heading:]
    assert f"Året {YEAR}: Insatsen fick tre nya samverkansparter under året." in following
