"""What every printed page shares: the A4 document with the Sarabun font, the labels in
Thai or English, boxes and headings, Code 39 barcodes, and the atomic write.

Thai is shaped by HarfBuzz (``set_text_shaping``), so marks sit on their consonants and the
text is extractable (copy, search); the font is embedded as a subset. Everything is black on
white so a cheap laser printer prints it as it looks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import PDFResourceType

from abc_tui.domain.thai import MONTHS_TH_LONG, Month
from abc_tui.store.fileio import atomic_write

#: ``progress(done, total)`` — called after each page (or household) is laid out.
Progress = Callable[[int, int], None]

PAGE_W, PAGE_H = 210.0, 297.0  # A4 portrait, mm
MARGIN = 10.0
INNER_W = PAGE_W - 2 * MARGIN
FONT = "Sarabun"
BARCODE_WIDE = 0.6  # mm: wide bar; narrow = 0.2 mm, read back from a 200 dpi scan
BARCODE_H = 11.0

MONTHS_EN_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _font_dir() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.ROOT) / "files"


def month_label(month: Month, lang: str = "th") -> str:
    """``มีนาคม 2568`` / ``March 2568 B.E.``: the B.E. year on every printed month."""
    if lang == "en":
        return f"{MONTHS_EN_LONG[month.month - 1]} {month.year_be} B.E."
    return f"{MONTHS_TH_LONG[month.month - 1]} {month.year_be}"


def village_label(code: str, name: str, lang: str = "th") -> str:
    """``หมู่ 3 บ้านนาน้อย`` / ``Moo 3 บ้านนาน้อย``: a village by its number and name."""
    return f"{'หมู่' if lang == 'th' else 'Moo'} {int(code[-2:])} {name}"


def pick(pair: tuple[str, str], lang: str, **fmt: object) -> str:
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**fmt) if fmt else text


class Document(FPDF):
    """An A4 document with Sarabun (regular and bold) and Thai shaping switched on."""

    def __init__(self, lang: str = "th", title: str = "") -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        fonts = _font_dir()
        self.add_font(FONT, "", str(fonts / "Sarabun-Regular.ttf"))
        self.add_font(FONT, "B", str(fonts / "Sarabun-Bold.ttf"))
        self.set_text_shaping(True)
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_creator("abc-tui")
        self.set_lang("en" if lang == "en" else "th")
        if title:
            self.set_title(title)
        self.set_draw_color(0)
        self.set_fill_color(0)
        self.set_text_color(0)
        self._stamps: dict[object, bytes] = {}

    def stamp(self, key: object, draw: Callable[[], None]) -> None:
        """Draw what ``draw`` draws, shaping it only the first time: the same part of every page
        (legend, ruled table) is recorded once as PDF operators and replayed on later pages.
        Wrapped in ``q … Q`` and starting from a forced font and line width, the replay does not
        depend on, or change, the graphics state around it."""
        contents = self.pages[self.page].contents
        cached = self._stamps.get(key)
        if cached is None:
            line_width = self.line_width
            start = len(contents)
            self._out("q")
            self.line_width = -1.0  # forces the first set_line_width to be written
            self.current_font_is_set_on_page = False
            draw()
            self._out("Q")
            self._stamps[key] = bytes(contents[start:])
            self.line_width = line_width
        else:
            contents.extend(cached)
            for font in self.fonts.values():
                self._resource_catalog.add(PDFResourceType.FONT, font.i, self.page)
        self.current_font_is_set_on_page = False

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def text_at(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 11,
        *,
        bold: bool = False,
        w: float = 0,
        align: str = "L",
        h: float | None = None,
        fit: bool = False,
    ) -> None:
        """One line of text with its top-left at ``(x, y)`` (``w`` and ``align`` to centre or right-align;
        ``fit``: a smaller font when the text is wider than ``w``, e.g. a long name in its column)."""
        self.font(size, bold)
        if fit and w:
            while size > 6 and self.get_string_width(text) > w - 1:
                size -= 0.5
                self.font(size, bold)
        self.set_xy(x, y)
        self.cell(w or self.get_string_width(text) + 0.5, h or size * 0.45, text, align=align)

    def box(self, x: float, y: float, w: float, h: float, line: float = 0.3) -> None:
        self.set_line_width(line)
        self.rect(x, y, w, h)

    def labelled_box(
        self, x: float, y: float, w: float, h: float, label: str, value: str = "", size: float = 10
    ) -> None:
        """A box with a small caption inside its top-left corner and, if given, a value right-aligned."""
        self.box(x, y, w, h, 0.5)
        self.text_at(x + 1.5, y + 1, label, size * 0.8)
        if value:
            self.text_at(x + 1, y + h - size * 0.5 - 1.5, value, size, bold=True, w=w - 3, align="R")

    def barcode(self, payload: str, x: float, y: float, *, caption: bool = True) -> float:
        """Code 39 of ``payload`` at ``(x, y)``, the payload printed under it; returns its width."""
        text = f"*{payload}*"
        self.set_fill_color(0)
        self.code39(text, x, y, w=BARCODE_WIDE, h=BARCODE_H)
        width = barcode_width(payload)
        if caption:
            self.text_at(x, y + BARCODE_H + 0.5, payload, 8, w=width, align="C")
        return width


def barcode_width(payload: str) -> float:
    """Width in mm of the Code 39 bars of ``payload`` (with its two ``*``): 16 narrow units a character."""
    return (len(payload) + 2) * 16 * BARCODE_WIDE / 3 - BARCODE_WIDE / 3


def write_atomic(pdf: FPDF, path: Path) -> Path:
    """Write ``pdf`` to ``path`` so a reader never sees half a file and a failure leaves the old one."""
    path = Path(path)
    with atomic_write(path) as tmp:
        tmp.write_bytes(pdf.output())
    return path
