"""The demo's 2025 annual report as a förbund writes it: an organisation chart (with its text
alternative) in the organisation section, and a text per insats (reports/services/images.py,
editing.py; docs/rapporter.md)."""

from __future__ import annotations

import io

from core.uploads import clean_image
from reports.choices import ReportKind
from reports.services import get_or_create_report, save_texts
from reports.services.images import add_image

INSATS_TEXTS_2025 = {
    "insats:AP": (
        "Aktivitetsplatsen tog emot fler deltagare än planerat under året. Verksamheten "
        "bygger på arbetsträning i grupp och individuellt stöd av en lots. Kostnaderna blev "
        "något högre än budgeterat, främst för lokaler och handledning."
    ),
    "insats:FT": (
        "FINSAM-teamet arbetade med gemensamma kartläggningar tillsammans med "
        "Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna. Fler avslut än "
        "tidigare saknar registrerad avslutsorsak; teamet ser över rutinen för avslut."
    ),
    "insats:IPS": (
        "IPS i psykosvården stödjer personer med psykossjukdom att få och behålla ett arbete "
        "enligt metoden Individual Placement and Support. Samarbetet med psykiatrin och "
        "Arbetsförmedlingen har fördjupats under året."
    ),
}

ORGANISATION_ALT = (
    "Organisationsschema: medlemmarna (Försäkringskassan, Arbetsförmedlingen, regionen och "
    "kommunerna) utser styrelsen. Under styrelsen finns förbundschefen och kansliet, och "
    "beredningsgruppen vid sidan av. Under kansliet finns insatserna Aktivitetsplatsen, "
    "FINSAM-team och IPS i psykosvården."
)


def organisation_chart_png() -> bytes:
    """A plain organisation chart, drawn here so the demo needs no image file."""
    from PIL import Image, ImageDraw, ImageFont

    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 22)
    except OSError:
        font = ImageFont.load_default(size=22)
    image = Image.new("RGB", (1200, 620), "white")
    draw = ImageDraw.Draw(image)

    def box(x: int, y: int, w: int, h: int, text: str) -> tuple[int, int, int, int]:
        draw.rectangle((x, y, x + w, y + h), outline="#0b3d66", width=3, fill="#eef4fa")
        draw.multiline_text(
            (x + w / 2, y + h / 2), text, font=font, fill="#111111", anchor="mm", align="center"
        )
        return x, y, w, h

    def line(a: tuple[int, int], b: tuple[int, int]) -> None:
        draw.line((a, b), fill="#0b3d66", width=3)

    box(350, 20, 500, 80, "Medlemmarna\n(FK, AF, regionen, kommunerna)")
    box(450, 160, 300, 60, "Styrelsen")
    box(420, 280, 360, 60, "Förbundschef och kansli")
    box(870, 280, 290, 60, "Beredningsgrupp")
    for x, text in ((60, "Aktivitetsplatsen"), (450, "FINSAM-team"), (840, "IPS i psykosvården")):
        box(x, 460, 300, 70, text)
    line((600, 100), (600, 160))
    line((600, 220), (600, 280))
    line((780, 310), (870, 310))
    line((600, 340), (600, 400))
    line((210, 400), (990, 400))
    for x in (210, 600, 990):
        line((x, 400), (x, 460))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load(forbund, user) -> None:
    report = get_or_create_report(forbund, ReportKind.ANNUAL, 2025)
    save_texts(report, INSATS_TEXTS_2025, user)
    if not report.images.exists():
        add_image(
            report,
            clean_image(organisation_chart_png(), "organisationsschema.png"),
            section="organisation",
            caption="Förbundets organisation 2025",
            alt_text=ORGANISATION_ALT,
            user=user,
        )
