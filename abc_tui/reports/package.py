"""Writing an office package where reports go: the path checks, the atomic write and the sent log
of every export (the format and the merge live in :mod:`abc_tui.store.package`)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from abc_tui.domain.thai import Month
from abc_tui.reports.export import ExportResult, atomic_file, export_dir, file_date, office_code
from abc_tui.reports.period import MAX_MONTHS, Period
from abc_tui.reports.submission import log_sent
from abc_tui.store.areas import home_area_code
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.package import PackageInfo, write_package


def default_package_path() -> Path:
    """``exports/<office>-package-<YYYY-MM-DD>.zip``."""
    return (
        export_dir()
        / f"{office_code() or home_area_code() or 'office'}-package-{file_date(_dt.date.today())}.zip"
    )


def export_package(
    out: Path | None = None, who: str = "", progress: Callable[[int, int], None] | None = None
) -> tuple[PackageInfo, ExportResult]:
    """Write the open database's package to ``out`` (default :func:`default_package_path`) in one
    step (a temporary file put in place), and log it as sent for the months it holds."""
    path = Path(out) if out else default_package_path()
    with atomic_file(path) as tmp:
        info = write_package(tmp, home_area_code(), LATEST_VERSION, progress)
    info.path = path
    result = ExportResult(path, "package", sum(info.counts.values()))
    if info.months:
        last = Month.from_iso(info.months[1])
        first = max(Month.from_iso(info.months[0]), last.prev(MAX_MONTHS - 1))  # a Period's longest
        period = Period(first, last)
        result = log_sent([result], period, info.area, who)[0]
    return info, result


def format_report(report, seconds: float | None = None) -> str:
    """The import report as plain text (Thai / English), one line per table that had rows."""
    lines = [
        f"นำเข้า / Imported: {report.path.name}  (พื้นที่ / area {report.area}, ส่งออกเมื่อ / exported {report.exported_at})"
    ]
    lines.append(
        f"  {'table':<18}{'เพิ่ม added':>11}{'แก้ updated':>11}{'ลบ deleted':>11}{'ข้าม skipped':>12}"
        f"{'ปฏิเสธ rejected':>15}"
    )
    for name, t in report.tables.items():
        if t.added or t.updated or t.deleted or t.skipped or t.rejected:
            lines.append(
                f"  {name:<18}{t.added:>11,}{t.updated:>11,}{t.deleted:>11,}{t.skipped:>12,}{t.rejected:>15,}"
            )
        for (th, en), n in t.reasons.items():
            example = t.examples.get((th, en))
            lines.append(f"    {name}: {n:,} × {th} / {en}" + (f" (เช่น / e.g. {example})" if example else ""))
    if not report.changed:
        lines.append("  ไม่มีอะไรเปลี่ยน (นำเข้าแล้ว) / Nothing changed (already imported)")
    if seconds is not None:
        lines.append(f"  {seconds:.1f} s")
    return "\n".join(lines)
