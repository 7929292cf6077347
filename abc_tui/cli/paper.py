"""``abc-tui print`` (this module is ``paper``: a module named ``print`` would shadow the builtin in
the package): the paper the programme runs on, as A4 PDFs — account-book forms with page
codes, bound books, forum sign-in sheets, the village data card and the plan's demand–supply."""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import time
from pathlib import Path

KINDS = ("forms", "book", "signin", "datacard", "plan")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "print",
        parents=[common],
        help="print account-book forms, books, sign-in sheets, data cards, plan summaries (PDF)",
        description="Write A4 PDFs to print: 'forms' = one entry page per household per month with a "
        "scannable page code (scan it in ledger entry to open that page); 'book' = per household a "
        "cover and, for each month, the entry page and a summary page; 'signin' = a forum's sign-in "
        "sheet; 'datacard' = a village's data card; 'plan' = the plan's demand and supply. "
        "Default file: <export folder>/<office>-<kind>-….pdf (B.E. months; the folder chosen on the "
        "reports screen, else exports/ under the current folder).",
        epilog="Examples: abc-tui print forms --area 540101 --from 3/68 | abc-tui print forms --area 54010106 "
        "--year 2568 --blank 5 | abc-tui print book --area 54010106 --from 1/68 --to 6/68 | "
        "abc-tui print signin --forum 12 | abc-tui print signin --area 54010106 --date 15/3/68 | "
        "abc-tui print datacard --area 54010106 --from 10/67 --to 3/68 | abc-tui print plan --area 540101",
    )
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=", ".join(KINDS))
    p.add_argument(
        "--area", metavar="CODE", help="village (8 digits) or tambon (6 digits); plan: any area code"
    )
    p.add_argument("--year", metavar="BE", help="forms/book: the twelve months of a B.E. year (e.g. 2568)")
    p.add_argument(
        "--from",
        dest="first",
        metavar="MONTH",
        help="first month (3/68, 03/2568, 2025-03); default this month",
    )
    p.add_argument(
        "--to",
        dest="last",
        metavar="MONTH",
        help="last month (default: the first month for forms, five months on for a book)",
    )
    p.add_argument(
        "--blank", type=int, default=0, metavar="N", help="forms: N pages per month without a household"
    )
    p.add_argument(
        "--split",
        action="store_true",
        help="forms: one file per month (FILE-YYYY-MM.pdf); keeps memory to one month's pages "
        "(a tambon's year in one file needs about 1 GB)",
    )
    p.add_argument("--forum", type=int, metavar="ID", help="signin: the forum's number")
    p.add_argument("--date", metavar="DATE", help="signin with --area: the forum's date (15/3/68)")
    p.add_argument("--out", metavar="FILE", help="output file (.pdf)")
    p.add_argument(
        "--lang", choices=["th", "en"], default=argparse.SUPPRESS, help="language of the paper (default th)"
    )
    p.set_defaults(func=run)


def _months(args: argparse.Namespace, book: bool):
    from abc_tui.domain.errors import AbcError
    from abc_tui.domain.thai import BE_OFFSET, Month, month_range, parse_int, parse_month

    if args.year:
        if args.first or args.last:
            raise AbcError("ใช้ --year หรือ --from/--to อย่างใดอย่างหนึ่ง", "Give either --year or --from/--to")
        be = parse_int(args.year, field_th="ปี พ.ศ.", field_en="B.E. year", minimum=2500, maximum=2643)
        return month_range(Month(be - BE_OFFSET, 1), Month(be - BE_OFFSET, 12))
    first = parse_month(args.first) if args.first else Month.of(_dt.date.today())
    last = parse_month(args.last) if args.last else first.next(5 if book else 0)
    if last < first:
        raise AbcError("เดือนสุดท้ายอยู่ก่อนเดือนแรก", "The last month is before the first")
    months = month_range(first, last)
    if len(months) > 24:
        raise AbcError("พิมพ์ได้ครั้งละไม่เกิน 24 เดือน", "At most 24 months at a time")
    return months


def _pdf_out(out: Path | None) -> Path | None:
    """``out`` (None: the default file), refused unless it ends in ``.pdf``."""
    from abc_tui.domain.errors import AbcError

    if out is not None and out.suffix.lower() != ".pdf":
        raise AbcError(f"ไฟล์ต้องลงท้ายด้วย .pdf: {out}", f"The file must end in .pdf: {out}")
    return out


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import existing_db
    from abc_tui.domain.errors import AbcError
    from abc_tui.reports.pdf import jobs
    from abc_tui.store.database import open_database

    path = existing_db(args)
    if args.blank < 0 or args.blank > 500:
        raise AbcError("--blank ต้องอยู่ระหว่าง 0 ถึง 500", "--blank must be 0 to 500")
    out = _pdf_out(Path(args.out) if args.out else None)
    open_database(path)
    lang = getattr(args, "lang", None) or "th"
    started = time.perf_counter()
    progress, finish = progress_bar()
    try:
        if args.kind in ("forms", "book"):
            if not args.area:
                raise AbcError("ระบุ --area (หมู่บ้านหรือตำบล)", "Give --area (a village or tambon)")
            months = _months(args, book=args.kind == "book")
            if args.kind == "forms" and args.split:
                files, n = jobs.forms_by_month(
                    args.area, months, out=out, blank=args.blank, lang=lang, progress=progress
                )
                file = "\n  ".join(str(f) for f in files)
            elif args.kind == "forms":
                file, n = jobs.forms(
                    args.area, months, out=out, blank=args.blank, lang=lang, progress=progress
                )
            else:
                file, n = jobs.book(args.area, months, out=out, lang=lang, progress=progress)
            what = "หน้า / pages"
        elif args.kind == "signin":
            if args.forum is None and not args.area:
                raise AbcError("ระบุ --forum หรือ --area", "Give --forum or --area")
            file, n = jobs.signin(
                forum_id=args.forum,
                village=None if args.forum else args.area,
                day=args.date,
                out=out,
                lang=lang,
            )
            what = "รายชื่อ / members"
        elif args.kind == "datacard":
            if not args.area:
                raise AbcError("ระบุ --area (หมู่บ้าน)", "Give --area (a village)")
            if args.year or args.first or args.last:
                months = _months(args, book=True)
            else:  # the figures so far (as on the data card screen), not the coming months
                from abc_tui.reports.datacard import default_period

                months = list(default_period(args.area))
            file, n = jobs.datacard(args.area, months[0], months[-1], out=out, lang=lang)
            what = "หน้า / page"
        else:
            if args.area:  # a code that is not there would print every area's plan under its name
                from abc_tui.reports.period import check_area

                check_area(args.area)
            file, n = jobs.plan(args.area, out=out, lang=lang)
            what = "รายการ / items"
    finally:
        finish()
    print(f"เขียนแล้ว / Written: {file}  ({n:,} {what}, {time.perf_counter() - started:.1f} s)")
    return 0


def statements_pdf(args: argparse.Namespace, period, area: str, out: Path | None) -> int:
    """``export statements --format pdf``: one A4 page per household (names only with --named)."""
    from abc_tui.reports.pdf import jobs

    _pdf_out(out)
    progress, finish = progress_bar()
    try:
        path, n = jobs.statements(
            area, period, out=out, named=args.named, lang=args.lang or "th", progress=progress
        )
    finally:
        finish()
    names = "มีชื่อ / carries names" if args.named else "ไม่มีชื่อ / no names"
    print(f"เขียนแล้ว / Written: {path}  ({n:,} ครัวเรือน / households; {names})")
    return 0


def progress_bar(after: float = 1.0):
    """``(progress, finish)``: a bar on stderr that appears once the job has run ``after`` seconds
    (quick jobs stay quiet); silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None, lambda: None
    started = time.perf_counter()
    state: dict = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if time.perf_counter() - started < after:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(
                TextColumn("พิมพ์ / printing"),
                BarColumn(),
                TextColumn("{task.completed:,}/{task.total:,}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            state["bar"], state["task"] = bar, bar.add_task("print", total=total or None)
            bar.start()
        state["bar"].update(state["task"], completed=done, total=total or None)

    def finish() -> None:
        if "bar" in state:
            state["bar"].stop()

    return update, finish
