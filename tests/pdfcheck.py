"""Reading printed PDFs back in tests: page text (pdfplumber) and a pure-Python Code 39 reader
that decodes the barcode from the drawn bars, so no system tool is needed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber

#: Code 39 as the standard defines it: bars and spaces alternating, n = narrow, w = wide.
CODE39 = {
    "nnnwwnwnn": "0",
    "wnnwnnnnw": "1",
    "nnwwnnnnw": "2",
    "wnwwnnnnn": "3",
    "nnnwwnnnw": "4",
    "wnnwwnnnn": "5",
    "nnwwwnnnn": "6",
    "nnnwnnwnw": "7",
    "wnnwnnwnn": "8",
    "nnwwnnwnn": "9",
    "wnnnnwnnw": "A",
    "nnwnnwnnw": "B",
    "wnwnnwnnn": "C",
    "nnnnwwnnw": "D",
    "wnnnwwnnn": "E",
    "nnwnwwnnn": "F",
    "nnnnnwwnw": "G",
    "wnnnnwwnn": "H",
    "nnwnnwwnn": "I",
    "nnnnwwwnn": "J",
    "wnnnnnnww": "K",
    "nnwnnnnww": "L",
    "wnwnnnnwn": "M",
    "nnnnwnnww": "N",
    "wnnnwnnwn": "O",
    "nnwnwnnwn": "P",
    "nnnnnnwww": "Q",
    "wnnnnnwwn": "R",
    "nnwnnnwwn": "S",
    "nnnnwnwwn": "T",
    "wwnnnnnnw": "U",
    "nwwnnnnnw": "V",
    "wwwnnnnnn": "W",
    "nwnnwnnnw": "X",
    "wwnnwnnnn": "Y",
    "nwwnwnnnn": "Z",
    "nwnnnnwnw": "-",
    "wwnnnnwnn": ".",
    "nwwnnnwnn": " ",
    "nwnnwnwnn": "*",
    "nwnwnwnnn": "$",
    "nwnwnnnwn": "/",
    "nwnnnwnwn": "+",
    "nnnwnwnwn": "%",
}
BAR_HEIGHT_PT = 11.0 * 72 / 25.4


def texts(path: Path) -> list[str]:
    """The text of every page."""
    with pdfplumber.open(path) as pdf:
        # In content-stream order: sorted by position, Thai marks drawn with offsets drift off their consonants.
        return [p.extract_text(use_text_flow=True) or "" for p in pdf.pages]


def squash(text: str) -> str:
    """Without whitespace: extraction splits sara am (ตำบล → ตำ บล, the second half of the shaped
    glyph pair has no character: ``(cid:N)``) and spaces marks off."""
    return "".join(re.sub(r"\(cid:\d+\)", "", text).split())


def decode_bars(bars: list[tuple[float, float]]) -> str:
    """Code 39 from bars given as (x0, x1), left to right: widths of bars and the spaces between
    them, each narrow or wide, read nine at a time with one narrow gap between characters."""
    widths: list[float] = []
    for i, (x0, x1) in enumerate(bars):
        if i:
            widths.append(x0 - bars[i - 1][1])
        widths.append(x1 - x0)
    narrow = min(widths)
    marks = "".join("w" if w > 2 * narrow else "n" for w in widths)
    out = []
    for start in range(0, len(marks), 10):
        chunk = marks[start : start + 9]
        if chunk not in CODE39:
            raise ValueError(f"not Code 39 at {start}: {chunk}")
        out.append(CODE39[chunk])
    text = "".join(out)
    if not (text.startswith("*") and text.endswith("*")):
        raise ValueError(f"no start/stop characters: {text}")
    return text[1:-1]


def barcodes(path: Path) -> list[str | None]:
    """The Code 39 payload drawn on each page (None for a page without one)."""
    out: list[str | None] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            bars = sorted(
                (r["x0"], r["x1"])
                for r in page.rects
                if r.get("fill") and abs(r["height"] - BAR_HEIGHT_PT) < 0.2 and r["width"] < 3
            )
            out.append(decode_bars(bars) if bars else None)
    return out


def zbar(path: Path, page: int, tmp: Path) -> str | None:
    """The payload ``zbarimg`` reads from a 200 dpi image of ``page``; None when the tools are absent."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        return None
    stem = tmp / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "200",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(stem),
        ],
        check=True,
    )
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Scode39.enable", f"{stem}.png"],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()
