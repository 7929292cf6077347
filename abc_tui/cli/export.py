"""``abc-tui export``: upward reports to CSV/XLSX/ODS, every report at once, household statements."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPORTS_HELP = (
    "ledger, household-month, village-month, completeness, indicators, debt-capacity, "
    "spending-profile, forums, plan; 'all' = every report (one XLSX workbook plus the CSVs); "
    "'statements' = one printable page per household of a village (carries names); "
    "'package' = every table of the office in one zip for the district (abc-tui import)"
)


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    from abc_tui.reports.spec import REPORT_NAMES

    p = sub.add_parser(
        "export",
        parents=[common],
        help="export a report (CSV/XLSX/ODS) for the district and province",
        description="Write a report in the upward format (REPORTS.md): CSV (UTF-8 with BOM), XLSX or ODS "
        "(LibreOffice). "
        "No names, ID or phone numbers unless --named (the file name then says -named). "
        "Default file: <export folder>/<office>-<report>-<from>-<to>.<ext>, months in B.E. (2567-01); the "
        "export folder is the one chosen on the reports screen (Ctrl+E), else exports/ under the current folder. "
        "Without a period: the twelve months up to last month.",
        epilog="Examples: abc-tui export completeness --period bimonth:2568-1 | "
        "abc-tui export ledger --from 2024-10 --to 2025-03 --area 54010103 --format xlsx | "
        "abc-tui export all --period fy:2568 | abc-tui export statements --area 54010103 --from 2025-01 --to 2025-02",
    )
    p.add_argument(
        "report", choices=[*REPORT_NAMES, "all", "statements", "package"], metavar="REPORT", help=REPORTS_HELP
    )
    p.add_argument(
        "--format",
        choices=["csv", "xlsx", "ods", "txt", "pdf"],
        help="csv (default), xlsx or ods; 'all': the workbook as xlsx (default) or ods; statements: txt (default), xlsx or pdf",
    )
    p.add_argument(
        "--out", metavar="FILE", help="output file (for 'all': the workbook; the CSVs go beside it)"
    )
    p.add_argument(
        "--from", dest="first", metavar="YYYY-MM", help="first month (YYYY-MM, or B.E. like 10/2567)"
    )
    p.add_argument("--to", dest="last", metavar="YYYY-MM", help="last month (YYYY-MM, or B.E. like 3/2568)")
    p.add_argument(
        "--period",
        metavar="SPEC",
        help="a named period instead of --from/--to: bimonth:2568-1 (Jan–Feb 2568; the programme's "
        "two-monthly evaluation), fy:2568 (fiscal year Oct–Sep), year:2568, month:3/2568",
    )
    p.add_argument(
        "--area",
        metavar="CODE",
        help="area code: 2 province, 4 district, 6 tambon, 8 village (default: the office's tambon)",
    )
    p.add_argument("--thai-headers", action="store_true", help="Thai column labels instead of the key row")
    p.add_argument(
        "--named",
        action="store_true",
        help="include names (PDPA: only when you must; the file name says -named)",
    )
    p.set_defaults(func=run)


#: The formats each kind of export writes (the first is the default).
FORMATS = {"statements": ("txt", "xlsx", "pdf")}
REPORT_FORMATS = ("csv", "xlsx", "ods")


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli import existing_db
    from abc_tui.domain.errors import AbcError
    from abc_tui.reports.export import check_output_paths
    from abc_tui.reports.period import check_area, resolve_period
    from abc_tui.store.database import open_database

    # Exit 2 means nothing changed: every argument is checked before the file is opened for writing
    # (an old schema is upgraded then); what needs the file (the area) on a read-only open.
    path = existing_db(args)
    if args.report == "package":
        from abc_tui.cli.import_ import export_package

        return export_package(args, path)
    period = resolve_period(args.first, args.last, args.period)
    formats = FORMATS.get(args.report, REPORT_FORMATS)
    if args.format and args.format not in formats:
        raise AbcError(
            f"{'ใบแจ้งผล' if args.report == 'statements' else 'รายงาน'}เขียนได้เป็น {' หรือ '.join(formats)}",
            f"{'Statements' if args.report == 'statements' else 'Reports'} are written as {' or '.join(formats)}",
        )
    out = Path(args.out) if args.out else None
    if out is not None:
        check_output_paths([out], Path(path))
    open_database(path, readonly=True)
    area = check_area(args.area or _office_area()).code  # cleaned: Thai digits, spaces
    open_database(path, create=False)
    started = time.perf_counter()
    if args.report == "statements":
        return _statements(args, period, area, out)
    fmt = args.format or "csv"
    from abc_tui.reports import export

    progress, finish = _progress_bar()
    try:
        if args.report == "all":
            results = export.export_all(
                period,
                area,
                out=out,
                named=args.named,
                thai_headers=args.thai_headers,
                progress=progress,
                who=getattr(args, "user", None) or "",
                fmt="ods" if fmt == "ods" else "xlsx",
            )
        else:
            results = [
                export.export_report(
                    args.report,
                    period,
                    area,
                    fmt=fmt,
                    out=out,
                    named=args.named,
                    thai_headers=args.thai_headers,
                    progress=progress,
                    who=getattr(args, "user", None) or "",
                )
            ]
    finally:
        finish()
    elapsed = time.perf_counter() - started
    for r in results:
        print(f"เขียนแล้ว / Written: {r.path}  ({r.rows:,} แถว / rows)")
    _print_sent(results)
    print(f"{period.first.iso()} – {period.last.iso()}, {area}, {elapsed:.1f} s")
    return 0


def _print_sent(results) -> None:
    """What changed since the same area and period was last sent, and a log that could not be written."""
    changed = results[0].changes if results else ()
    if changed:
        print(
            f"ตัวเลขเปลี่ยนไปจากที่ส่งครั้งก่อน {len(changed)} รายการ / Figures changed since last sent ({len(changed)}):"
        )
        for c in changed:
            print(f"  {c.text()}")
    if results and not all(r.logged for r in results):
        print(
            "คำเตือน: บันทึกลงทะเบียนการส่งไม่ได้ (ฐานข้อมูลอ่านอย่างเดียวหรือถูกล็อก) / "
            "Warning: not recorded in the sent log (read-only or locked database)",
            file=sys.stderr,
        )


def _statements(args: argparse.Namespace, period, area: str, out: Path | None) -> int:
    from abc_tui.reports.statements import export_statements

    fmt = args.format or "txt"
    if fmt == "pdf":  # A4 pages (abc_tui.reports.pdf); the text file stays the default
        from abc_tui.cli.paper import statements_pdf

        return statements_pdf(args, period, area, out)
    if fmt == "csv":
        from abc_tui.domain.errors import AbcError

        raise AbcError("ใบแจ้งผลเขียนได้เป็น txt หรือ xlsx", "Statements are written as txt or xlsx")
    named = bool(getattr(args, "named", False))  # like every export: no names unless --named
    path, n = export_statements(area, period, fmt=fmt, out=out, lang=args.lang or "th", named=named)
    names = "; มีชื่อ / carries names" if named else ""
    print(f"เขียนแล้ว / Written: {path}  ({n:,} ครัวเรือน / households{names})")
    return 0


def _office_area() -> str:
    from abc_tui.domain.errors import AbcError
    from abc_tui.store.areas import home_area_code

    code = home_area_code()  # the same default as the reports screen
    if not code:
        raise AbcError("ยังไม่ได้ตั้งค่าพื้นที่ของสำนักงาน ระบุ --area", "The office's area is not set up; give --area")
    return code


def _bar():
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("ส่งออก / exporting"),
        BarColumn(),
        TextColumn("{task.completed:,} แถว / rows"),
        TimeRemainingColumn(),
        transient=True,
    )


def _progress_bar():
    """A rich progress bar on a terminal; silent when output is not a terminal."""
    if not sys.stderr.isatty():
        return None, lambda: None
    bar = _bar()
    task = bar.add_task("export", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total or None)

    return update, bar.stop
