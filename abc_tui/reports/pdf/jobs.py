"""What the command line and the screens ask to print: each job gathers its data, picks the
default file (``exports/<office>-<kind>-….pdf``) and writes the PDF. Returns the file and a count."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from abc_tui.domain.areas import level_of
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports.export import export_dir, file_date, file_month, named_path, office_code
from abc_tui.reports.period import Period

if TYPE_CHECKING:  # fpdf2 loads only when something is printed
    from abc_tui.reports.pdf.layout import Progress


def pdf_path(kind: str, *parts: str, named: bool = False, folder: Path | None = None) -> Path:
    """``exports/<office>-<kind>-<parts…>[-named].pdf``."""
    name = "-".join([office_code() or "abc", kind, *[p for p in parts if p]]) + ("-named" if named else "")
    return (folder or export_dir()) / f"{name.replace('/', '_')}.pdf"


def _span(months: Sequence[Month]) -> list[str]:
    if not months:
        raise AbcError("ไม่มีเดือนที่จะพิมพ์", "No months to print")
    return [file_month(months[0])] if len(months) == 1 else [file_month(months[0]), file_month(months[-1])]


def forms(
    area: str,
    months: Sequence[Month],
    *,
    out: Path | None = None,
    blank: int = 0,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """Entry pages: households × months, then ``blank`` pages per month; returns (file, pages)."""
    from abc_tui.reports.pdf.forms import write_forms
    from abc_tui.store.printing import check_area

    code = check_area(area).code
    return write_forms(
        out or pdf_path("forms", code, *_span(months)),
        code,
        months,
        blank=blank,
        lang=lang,
        progress=progress,
    )


def forms_by_month(
    area: str,
    months: Sequence[Month],
    *,
    out: Path | None = None,
    blank: int = 0,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[list[Path], int]:
    """One file per month (``…-YYYY-MM.pdf``): a document is held in memory until it is written, so
    a tambon's year in one file takes about a gigabyte; month by month it takes one month's worth."""
    files, pages, total = [], 0, len(months)
    for i, m in enumerate(months):
        path = out.with_name(f"{out.stem}-{file_month(m)}{out.suffix}") if out else None
        step = (lambda done, of, i=i: progress(i * of + done, total * of)) if progress else None
        path, n = forms(area, [m], out=path, blank=blank, lang=lang, progress=step)
        files.append(path)
        pages += n
        gc.collect()  # the month's document (font objects refer to each other) goes before the next
    return files, pages


def book(
    area: str,
    months: Sequence[Month],
    *,
    out: Path | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """Bound books: per household a cover, then per month the entry and summary pages."""
    from abc_tui.reports.pdf.forms import write_book
    from abc_tui.store.printing import check_area

    code = check_area(area).code
    return write_book(
        out or pdf_path("book", code, *_span(months)), code, months, lang=lang, progress=progress
    )


def signin(
    *,
    forum_id: int | None = None,
    village: str | None = None,
    day: str | None = None,
    out: Path | None = None,
    lang: str = "th",
) -> tuple[Path, int]:
    """A forum's sign-in sheet (``forum_id``) or one for a village and day; returns (file, members)."""
    from abc_tui.reports.pdf.signin import write_signin
    from abc_tui.store.printing import forum_signin, village_signin

    if forum_id is not None:
        sheet = forum_signin(forum_id)
        default = pdf_path(
            "signin", f"forum{forum_id}", file_date(sheet.day) if sheet.day else "", named=True
        )
    elif village:
        sheet = village_signin(village, day)
        default = pdf_path("signin", sheet.area_code, file_date(sheet.day) if sheet.day else "", named=True)
    else:
        raise AbcError("ระบุ --forum หรือ --area", "Give --forum or --area")
    path, _ = write_signin(named_path(out, True) if out else default, sheet, lang=lang)
    return path, len(sheet.rows)


def statements(
    village: str,
    period: Period,
    *,
    out: Path | None = None,
    named: bool = False,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """The village's household statements, one A4 page each; names only when ``named``."""
    from abc_tui.reports.pdf.handouts import write_statements_pdf
    from abc_tui.reports.statements import statements as build

    items = build(village, period, lang, named=named)
    path = (
        named_path(out, named)
        if out
        else pdf_path("statements", village, file_month(period.first), file_month(period.last), named=named)
    )
    return write_statements_pdf(path, items, lang=lang, progress=progress), len(items)


def datacard(
    village: str, first: Month, last: Month, *, out: Path | None = None, lang: str = "th"
) -> tuple[Path, int]:
    from abc_tui.reports.datacard import data_card
    from abc_tui.reports.pdf.handouts import write_datacard_pdf

    if level_of(village) != "village":
        raise AbcError(
            "ข้อมูลหมู่บ้านทำได้ทีละหมู่บ้าน (รหัส 8 หลัก)", "A data card is for one village (an 8-digit code)"
        )
    card = data_card(village, first, last)
    path = out or pdf_path("datacard", village, file_month(first), file_month(last))
    return write_datacard_pdf(path, card, lang=lang), 1


def plan(area: str | None = None, *, flt=None, out: Path | None = None, lang: str = "th") -> tuple[Path, int]:
    """Demand–supply of the plan (the board's filter, or every active item of ``area``)."""
    from abc_tui.reports.pdf.handouts import write_plan_pdf
    from abc_tui.store import plan as plan_store
    from abc_tui.store.models import Area

    if flt is None:
        flt = plan_store.PlanFilter(area=area or None, status=plan_store.ACTIVE)
    by_actor = plan_store.totals(flt, by="actor")
    by_agency = plan_store.totals(flt, by="agency")
    where = Area.get_or_none(Area.code == flt.area) if flt.area else None
    if where is not None:
        label = f"{where.name} ({where.code})"
    else:
        label = flt.area or ("ทุกพื้นที่" if lang == "th" else "All areas")
    path = out or pdf_path("plan", flt.area or "all")
    return write_plan_pdf(path, label, by_actor, by_agency, lang=lang), by_actor[1].items
