"""Writing reports to files: CSV, XLSX and ODS by the rules of REPORTS.md.

CSV: UTF-8 with BOM, comma, ``\\r\\n``, first row = the keys (``thai_headers``: Thai labels
instead); money as baht with two decimals and no separators; dates ISO; text cells starting with
``= + - @``, tab or CR prefixed with ``'``. XLSX: row 1 the keys and row 2 the Thai labels (or the
Thai labels alone with ``thai_headers``), frozen below them; numbers are numbers (money an exact
Decimal shown ``0.00``), dates are dates, text is text (neutralised like the CSV, so both formats
carry the same values). PDPA: names only in a ``named`` export, and its file name ends ``-named``.

Both writers stream: rows arrive in chunks and go straight to the file, so exporting a
tambon-year of ledger lines (~800k) needs no more memory than one chunk. (tablib keeps a whole
Dataset in memory: the same ledger took 1.1 GB and 10 s there; its XLSX writer also cannot mark a
cell as text or give it a number format.) The ledger CSV goes one step further: SQLite formats the
cells itself, a village × day of lines per query and two such queries at once
(:func:`abc_tui.reports.queries.ledger_csv_blocks`), checked equal to the Python formatting by the
tests. openpyxl is imported only when an XLSX is written.

ODS (LibreOffice Calc, common in Thai government offices) is written through tablib (odfpy
underneath): the same rows and header rows as the XLSX, money an exact decimal value (``1250.50``
in the file, never a float's digits), dates as dates, text neutralised like the other formats.
tablib builds the whole document in memory (about 25 KB a row, measured), so an ODS holds at most
:data:`ODS_MAX_ROWS` rows (the ledger of a tambon-year goes to CSV or XLSX).

Nothing is written over the office's data: an output path that is the database, its ``-wal``/
``-shm``/``-journal``, a file in the ``backups`` folder beside it, or any existing SQLite file is
refused before a byte is written (:func:`check_output_paths`).

A crash never leaves half a file or half a set under the real names. A file is written to
``<name>.part``, fsynced and renamed. An export (one report, or ``all``: the workbook and every
CSV) is first written whole into a hidden folder beside the targets (``.abc-export-*.tmp``, held
by a lock while its run is alive), fsynced, marked ``COMMIT`` (the list of its files); then the
old files are moved aside into that folder (a file open in another program stops the export here,
with everything put back) and each new file is renamed into place (:func:`staged`). Each rename is
atomic; the set as a whole cannot be on common file systems, so a run killed during the renames (a
few milliseconds) leaves its ``COMMIT`` folder behind and the next export into that folder finishes
the renames (roll forward) before anything else. A run killed before ``COMMIT`` leaves the old
files as they were, and the next export removes its folder (roll back), as well as a
``<name>.part`` of any file it writes (other ``.part`` files are not ours and are kept).
Limits (rows an XLSX sheet holds) are checked before anything is written.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import functools
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month, format_money
from abc_tui.reports import queries, submission
from abc_tui.reports.period import Period, check_area
from abc_tui.reports.spec import REPORT_NAMES, Column, ReportSpec, spec
from abc_tui.store import engine
from abc_tui.store.backup import backup_dir
from abc_tui.store.database import SQLITE_MAGIC
from abc_tui.store.fileio import atomic_write, fsync_dir, replace_file
from abc_tui.store.models import db

#: progress(done, total): rows written so far of about ``total``.
Progress = Callable[[int, int], None]

EXPORT_DIR = Path("exports")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Rows an XLSX worksheet holds (1,048,576) less the two header rows.
XLSX_MAX_ROWS = 1_048_576 - 2
#: Rows an ODS is written with, all sheets together. tablib builds the whole document with odfpy
#: in memory: bench/onboard.py measured 52,901 ledger rows at 61 s and 1.3 GB peak RSS (XLSX: 9 s,
#: 160 MB), so about 25 KB and 1.2 ms a row; 20,000 rows stay near 0.5 GB and 25 s.
ODS_MAX_ROWS = 20_000
#: The formats a report is written in (``all``: the workbook's; the CSVs come with it anyway).
FORMATS = ("csv", "xlsx", "ods")


# ---------------------------------------------------------------- cells


def xlsx_text(value: object) -> str:
    """User text as an XLSX cell: control characters removed first, then formula-neutralised."""
    return neutralise(_illegal_characters().sub("", str(value)))


@functools.cache
def _illegal_characters() -> re.Pattern[str]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl is imported only for XLSX

    return ILLEGAL_CHARACTERS_RE


def neutralise(text: str) -> str:
    """A text cell as written: prefixed with ``'`` when a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def baht(satang: int) -> str:
    """``125050`` -> ``"1250.50"``; ``-500`` -> ``"-5.00"``."""
    return format_money(satang, sep=False)


def csv_cell(value: object, type_: str) -> str:
    """One CSV cell of a column of ``type_`` (see :mod:`abc_tui.reports.spec`)."""
    if value is None:
        return ""
    if type_ == "money":
        return baht(int(value))  # type: ignore[call-overload]
    if type_ == "date":
        return value.isoformat() if isinstance(value, _dt.date) else str(value)
    if type_ in ("int", "pct"):
        return str(value)
    if type_ == "month":
        return value.iso() if hasattr(value, "iso") else str(value)
    return neutralise(str(value))


def csv_row(row: tuple, types: list[str]) -> list[str]:
    return [csv_cell(v, t) for v, t in zip(row, types, strict=True)]


# ---------------------------------------------------------------- file names


@dataclass(frozen=True)
class ExportResult:
    path: Path
    report: str
    rows: int
    #: Figures that differ from the last file sent for the same area and period (submission.Change).
    changes: tuple = ()
    #: Recorded in the sent log (False: a read-only or locked database; the file is written anyway).
    logged: bool = True


def office_code() -> str | None:
    row = db.execute_sql("SELECT value FROM setting WHERE key = 'tambon_code'").fetchone()
    return row[0] if row else None


#: The setting that holds the folder chosen for exports (the reports screen's Ctrl+E).
EXPORT_DIR_SETTING = "export_dir"


def export_dir() -> Path:
    """Where files go unless told otherwise: the folder chosen for the office, else ``exports/``
    under the current folder."""
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (EXPORT_DIR_SETTING,)).fetchone()
    return Path(row[0]) if row and row[0] else EXPORT_DIR


def set_export_dir(text: str) -> Path:
    """Choose the export folder (made if missing; it must be a folder this PC can write to); a blank
    choice goes back to ``exports/``. Returns the folder, in full."""
    from abc_tui.store import settings

    typed = (text or "").strip().strip('"')
    if not typed:
        settings.put(EXPORT_DIR_SETTING, "")
        return EXPORT_DIR.resolve()
    folder = Path(typed).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ok = folder.is_dir() and os.access(folder, os.W_OK)
    except OSError:
        ok = False
    if not ok:
        raise AbcError(f"บันทึกไฟล์ลงโฟลเดอร์นี้ไม่ได้: {typed}", f"Files cannot be saved in this folder: {typed}")
    folder = folder.resolve()
    settings.put(EXPORT_DIR_SETTING, str(folder))
    return folder


def file_month(month: Month) -> str:
    """A month in a file name, B.E. like the screens: ``2567-03`` (sorts by time; no "/" in names)."""
    return f"{month.year_be}-{month.month:02d}"


def file_date(day: _dt.date) -> str:
    """A day in a file name, B.E.: ``2569-11-30``."""
    return f"{day.year + 543}-{day.month:02d}-{day.day:02d}"


def default_path(
    report: str, period: Period, area: str, ext: str, *, named: bool = False, folder: Path | None = None
) -> Path:
    """``<export folder>/<office>-<report>-<from>-<to>.<ext>`` with B.E. months (``2567-01``);
    ``-<area>`` after the report when the area is not the office's tambon; ``-named`` before the
    extension for a named export."""
    office = office_code() or area
    parts = [office, report]
    if area != office:
        parts.append(area)
    parts += [file_month(period.first), file_month(period.last)]
    name = "-".join(parts) + ("-named" if named else "") + f".{ext}"
    return (folder or export_dir()) / name


def named_path(path: Path, named: bool) -> Path:
    """A ``--out`` path for a named export gets ``-named`` in its name if it lacks it."""
    if named and not path.stem.endswith("-named"):
        return path.with_name(f"{path.stem}-named{path.suffix}")
    return path


def _finish(tmp: Path, path: Path) -> None:
    """Put the finished ``tmp`` in place under ``path`` (the staged set's COMMIT step)."""
    replace_file(tmp, path)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """The temporary file to write ``path`` into: the target is checked first (never the open
    database or a backup, see :func:`check_output_paths`), then written through
    :func:`abc_tui.store.fileio.atomic_write`."""
    check_output_paths([path])
    with atomic_write(path, place=lambda tmp, dest: _finish(tmp, dest)) as tmp:
        yield tmp


# ---------------------------------------------------------------- where files may go


def _real(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same_file(a: Path | str, b: Path | str) -> bool:
    if _real(a) == _real(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links, case-insensitive file systems
    except (OSError, ValueError):
        return False


def _open_database_path() -> Path | None:
    name = db.database
    if not name or str(name).startswith("file:") or str(name) == ":memory:":
        return None
    return Path(name)


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def output_refusal(path: Path, database: Path | None = None) -> AbcError | None:
    """Why an export may not write ``path`` (None when it may): never over the office's data."""
    database = database or _open_database_path()
    if database is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if any(_same_file(path, f"{d}{suffix}") for d in (database, os.path.realpath(database))):
                return AbcError(
                    f"ไม่เขียนทับ {path}: เป็นไฟล์ฐานข้อมูลของสำนักงาน เลือกชื่อไฟล์อื่น (--out)",
                    f"Not writing {path}: it is the office's database file; choose another file (--out)",
                )
        backups = _real(backup_dir(os.path.realpath(database)))
        real = _real(path)
        if real == backups or real.startswith(backups + os.sep):
            return AbcError(
                f"ไม่เขียนลงในโฟลเดอร์สำรองข้อมูล: {path} เลือกที่อื่น (--out)",
                f"Not writing into the backups folder: {path}; choose another place (--out)",
            )
    if path.exists() and not path.is_file() and not path.is_dir():
        return AbcError(
            f"ไม่เขียนทับ {path}: ไม่ใช่ไฟล์ธรรมดา (อุปกรณ์หรือท่อ) เลือกชื่อไฟล์อื่น (--out)",
            f"Not writing {path}: it is not a regular file (a device or pipe); choose another file (--out)",
        )
    if path.is_file() and _is_sqlite_file(path):
        return AbcError(
            f"ไม่เขียนทับ {path}: เป็นไฟล์ฐานข้อมูล SQLite เลือกชื่อไฟล์อื่น (--out)",
            f"Not writing {path}: it is an SQLite database; choose another file (--out)",
        )
    return None


def check_output_paths(paths: Iterable[Path], database: Path | None = None) -> None:
    """Raise the first :func:`output_refusal` among ``paths`` (all checked before any is written)."""
    for path in paths:
        refused = output_refusal(Path(path), database)
        if refused:
            raise refused


# ---------------------------------------------------------------- writing a set of files

STAGE_PREFIX = ".abc-export-"
STAGE_SUFFIX = ".tmp"
COMMIT = "COMMIT"


def _lock(path: Path):
    """An exclusive lock on ``path`` (created), held while the returned file is open; None if taken.

    The OS drops it when its process dies, so a locked staging folder belongs to a live export.
    """
    f = open(path, "a+b")  # noqa: SIM115 - the open file is the lock
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        return None
    return f


def _set_aside(stage: Path, folder: Path, names: list[str]) -> None:
    """Move the old files of the set out of the way (into ``stage/old``) before the new ones go in.

    A file another program holds open (Excel on Windows) cannot be moved: then the ones already
    moved go back, the COMMIT list is dropped and nothing has changed.
    """
    aside = stage / "old"
    aside.mkdir(exist_ok=True)
    moved: list[str] = []
    for name in names:
        if not (folder / name).exists():
            continue
        try:
            replace_file(folder / name, aside / name, sync=False)
        except (OSError, AbcError) as exc:
            for done in reversed(moved):
                os.replace(aside / done, folder / done)
            (stage / COMMIT).unlink()
            raise AbcError(
                f"แทนที่ไฟล์ {folder / name} ไม่ได้ (เปิดอยู่ในโปรแกรมอื่นหรือไม่? ปิดแล้วลองใหม่) ไม่ได้เปลี่ยนไฟล์ใด",
                f"Cannot replace {folder / name} (is it open in another program? close it and try "
                f"again); no file was changed ({getattr(exc, 'strerror', None) or exc})",
            ) from None
        moved.append(name)


def _commit(stage: Path, folder: Path) -> None:
    """Rename every file listed in ``stage``'s COMMIT into ``folder`` (again if need be), then drop it."""
    for name in (stage / COMMIT).read_text("utf-8").splitlines():
        if name and (stage / "files" / name).exists():
            replace_file(stage / "files" / name, folder / name, sync=False)
    fsync_dir(folder)
    (stage / COMMIT).unlink()


def clean_leftovers(folder: Path, names: Iterable[str] = ()) -> None:
    """Finish or remove what killed exports left in ``folder``: staging folders (committed ones are
    rolled forward, others removed) and ``<name>.part`` of the files about to be written."""
    for name in names:
        (folder / f"{name}.part").unlink(missing_ok=True)
    for stage in folder.glob(f"{STAGE_PREFIX}*{STAGE_SUFFIX}"):
        if not stage.is_dir():
            continue
        lock = _lock(stage / "lock")
        if lock is None:
            continue  # another export is writing it right now
        try:
            if (stage / COMMIT).exists():
                _commit(stage, folder)
        finally:
            lock.close()
        shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def staged(targets: list[Path]) -> Iterator[dict[Path, Path]]:
    """Write a set of files (all in one folder) so that the old set stays until the new one is whole.

    Yields target -> where to write it now (in a locked staging folder beside the targets); on a
    clean exit the set is fsynced, marked COMMIT and renamed into place. On an error nothing
    under the targets' names changes and the staging folder is removed.
    """
    folder = targets[0].parent
    if any(t.parent != folder for t in targets) or len({t.name for t in targets}) != len(targets):
        raise AbcError("ชื่อไฟล์ส่งออกซ้ำกัน", "Two exported files would have the same name")
    folder.mkdir(parents=True, exist_ok=True)
    for t in targets:
        if t.is_dir():
            raise AbcError(f"เป็นโฟลเดอร์ ไม่ใช่ไฟล์: {t}", f"Is a folder, not a file: {t}")
    clean_leftovers(folder, [t.name for t in targets])
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, suffix=STAGE_SUFFIX, dir=folder))
    lock = _lock(stage / "lock")
    names = [t.name for t in targets]
    try:
        (stage / "files").mkdir()
        yield {t: stage / "files" / t.name for t in targets}
        fsync_dir(stage / "files")
        manifest = stage / f"{COMMIT}.part"
        manifest.write_text("\n".join(names) + "\n", "utf-8")
        _finish(manifest, stage / COMMIT)  # from here on, a killed run is rolled forward
        _set_aside(stage, folder, names)
        _commit(stage, folder)
    finally:
        if lock is not None:
            lock.close()
        if not (stage / COMMIT).exists():  # a committed set that failed half-way is finished next run
            shutil.rmtree(stage, ignore_errors=True)


def _headers(columns: tuple[Column, ...], thai: bool) -> list[str]:
    return [c.th if thai else c.key for c in columns]


# ---------------------------------------------------------------- CSV


def write_csv(
    path: Path,
    report: ReportSpec,
    chunks: Iterable[list[tuple]],
    *,
    named: bool = False,
    thai_headers: bool = False,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write typed rows (in chunks) as a REPORTS.md CSV; return the number of rows."""
    columns = report.visible(named)
    types = [c.type for c in columns]
    n = 0
    with atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(_headers(columns, thai_headers))
        for rows in chunks:
            w.writerows(csv_row(r, types) for r in rows)
            n += len(rows)
            if progress:
                progress(n, total)
    return n


def _workers() -> int:
    """Threads for the ledger CSV: two when this process may run on two cores (office PCs have
    two or more; a process pinned to one core gains nothing from a second thread)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 1


def write_ledger_csv(
    path: Path,
    period: Period,
    area: str,
    *,
    named: bool = False,
    thai_headers: bool = False,
    progress: Progress | None = None,
    chunk: int = 20000,
) -> int:
    """The ``ledger`` CSV with the cells formatted by SQLite (same bytes as :func:`write_csv`).

    A speed path for the biggest report on an office PC; on another engine the rows are formatted
    here by :func:`write_csv` (the reference the SQL is checked against)."""
    columns = spec("ledger").visible(named)
    total = queries.ledger_count(period, area) if progress else 0
    if not engine.is_sqlite():
        chunks = queries.iter_ledger(period, area, named=named, chunk=chunk)
        return write_csv(
            path,
            spec("ledger"),
            chunks,
            named=named,
            thai_headers=thai_headers,
            total=total,
            progress=progress,
        )
    head = io.StringIO()
    csv.writer(head, lineterminator="\r\n").writerow(_headers(columns, thai_headers))
    # The lines go from SQLite to the file as the UTF-8 bytes SQLite made, a village × day at a
    # time (queries.ledger_csv_blocks): no str per line, no decode and encode back.
    n = 0
    with atomic_file(path) as tmp, open(tmp, "wb") as f:
        f.write(head.getvalue().encode("utf-8-sig"))
        for block, lines in queries.ledger_csv_blocks(period, area, named=named, workers=_workers()):
            f.write(block)
            f.write(b"\r\n")
            n += lines
            if progress:
                progress(n, total)
    return n


# ---------------------------------------------------------------- XLSX


@dataclass
class Sheet:
    """One worksheet to write: a report's rows (in chunks) and how many there are (for progress)."""

    report: ReportSpec
    chunks: Iterable[list[tuple]]
    total: int = 0
    title: str = ""


_WIDTH = {"money": 14, "int": 10, "pct": 9, "date": 12, "month": 9}


def write_xlsx(
    path: Path,
    sheets: list[Sheet],
    *,
    named: bool = False,
    thai_headers: bool = False,
    progress: Progress | None = None,
) -> list[int]:
    """Write one or more reports as typed worksheets; return the rows written per sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    check_xlsx_rows(sheets)
    wb = Workbook(write_only=True)
    grand_total = sum(s.total for s in sheets)
    done = 0
    counts = []
    bold, italic = Font(bold=True), Font(italic=True)
    for sheet in sheets:
        columns = sheet.report.visible(named)
        ws = wb.create_sheet(title=(sheet.title or sheet.report.name)[:31])
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(
                _WIDTH.get(c.type, 16), min(len(c.key) + 2, 24)
            )
        ws.freeze_panes = "A2" if thai_headers else "A3"
        header_rows = (
            [[c.th for c in columns]] if thai_headers else [[c.key for c in columns], [c.th for c in columns]]
        )
        for r, labels in enumerate(header_rows):
            cells = []
            for label in labels:
                cell = WriteOnlyCell(ws, value=label)
                cell.font = bold if r == 0 else italic
                cells.append(cell)
            ws.append(cells)

        convert = _xlsx_converters(ws, columns)
        n = 0
        for rows in sheet.chunks:
            for row in rows:
                ws.append([f(v) for f, v in zip(convert, row, strict=True)])
            n += len(rows)
            if progress:
                progress(done + n, grand_total)
        done += n
        counts.append(n)
    with atomic_file(path) as tmp:
        wb.save(tmp)
    return counts


def check_xlsx_rows(sheets: Iterable[Sheet]) -> None:
    """Refuse a sheet with more rows than XLSX holds (before anything is written)."""
    for sheet in sheets:
        if sheet.total > XLSX_MAX_ROWS:
            raise AbcError(
                f"รายงาน {sheet.report.name} มี {sheet.total:,} แถว เกินที่ไฟล์ XLSX รับได้ "
                f"({XLSX_MAX_ROWS:,}) ใช้ CSV หรือช่วงเวลา/พื้นที่ที่เล็กลง",
                f"Report {sheet.report.name} has {sheet.total:,} rows, more than an XLSX sheet holds "
                f"({XLSX_MAX_ROWS:,}); use CSV or a shorter period or smaller area",
            )


def _xlsx_converters(ws: object, columns: tuple[Column, ...]) -> list[Callable[[object], object]]:
    """Per column: a value -> what a write-only worksheet row takes (typed cell or plain value)."""
    from openpyxl.cell import WriteOnlyCell

    def money(v: object) -> object:
        if v is None:
            return None
        cell = WriteOnlyCell(ws, value=Decimal(int(v)).scaleb(-2))  # type: ignore[call-overload]
        cell.number_format = "0.00"
        return cell

    def percent(v: object) -> object:
        if v is None:
            return None
        cell = WriteOnlyCell(ws, value=v)
        cell.number_format = "0.0"
        return cell

    def text(v: object) -> object:
        # Strip first: "\x01=HYPERLINK(…)" must not become a formula once the \x01 is gone.
        return None if v is None else xlsx_text(v)

    def month(v: object) -> object:
        return None if v is None else (v.iso() if hasattr(v, "iso") else str(v))

    def same(v: object) -> object:
        return v

    table = {"money": money, "pct": percent, "text": text, "month": month}
    return [table.get(c.type, same) for c in columns]


# ---------------------------------------------------------------- ODS (tablib)


def check_ods_rows(sheets: Iterable[Sheet]) -> None:
    """Refuse an ODS too big to build in memory (before anything is written)."""
    sheets = list(sheets)
    total = sum(s.total for s in sheets)
    if total > ODS_MAX_ROWS:
        one = sheets[0].report if len(sheets) == 1 else None  # each language names the report its way
        th = f"รายงาน “{one.title('th')}”" if one else "รายงานทั้งหมด"
        en = f"Report “{one.title('en')}”" if one else "All reports"
        raise AbcError(
            f"{th} มี {total:,} แถว เกินที่เขียนเป็น ODS ได้ ({ODS_MAX_ROWS:,}) "
            "ใช้ CSV หรือ XLSX หรือช่วงเวลา/พื้นที่ที่เล็กลง",
            f"{en} has {total:,} rows, more than an ODS is written with "
            f"({ODS_MAX_ROWS:,}); use CSV or XLSX, or a shorter period or smaller area",
        )


def _ods_cell(value: object, type_: str) -> object:
    if value is None:
        return None
    if type_ == "money":
        return Decimal(int(value)).scaleb(-2)  # type: ignore[call-overload]  # exact: "1250.50"
    if type_ == "month":
        return value.iso() if hasattr(value, "iso") else str(value)
    if type_ in ("int", "pct", "date"):
        return value
    return (
        xlsx_text(value) or None
    )  # no control characters (invalid in XML), formula-neutralised; "" as in XLSX


def write_ods(
    path: Path,
    sheets: list[Sheet],
    *,
    named: bool = False,
    thai_headers: bool = False,
    progress: Progress | None = None,
) -> list[int]:
    """Write one or more reports as ODS sheets through tablib; return the rows written per sheet."""
    import tablib

    check_ods_rows(sheets)
    book = tablib.Databook()
    grand_total = sum(s.total for s in sheets)
    done = 0
    counts = []
    for sheet in sheets:
        columns = sheet.report.visible(named)
        types = [c.type for c in columns]
        data = tablib.Dataset(
            headers=_headers(columns, thai_headers), title=(sheet.title or sheet.report.name)[:31]
        )
        if not thai_headers:
            data.append([c.th for c in columns])  # row 2: the Thai labels, as in the XLSX
        n = 0
        for rows in sheet.chunks:
            for row in rows:
                data.append([_ods_cell(v, t) for v, t in zip(row, types, strict=True)])
            n += len(rows)
            if progress:
                progress(done + n, grand_total)
        done += n
        counts.append(n)
        book.add_sheet(data)
    content = book.export("ods")
    with atomic_file(path) as tmp:
        tmp.write_bytes(content)
    return counts


def write_book(fmt: str, path: Path, sheets: list[Sheet], **kw) -> list[int]:
    """The XLSX or ODS writer for ``fmt``."""
    return (write_ods if fmt == "ods" else write_xlsx)(path, sheets, **kw)


def check_book_rows(fmt: str, sheets: Iterable[Sheet]) -> None:
    (check_ods_rows if fmt == "ods" else check_xlsx_rows)(sheets)


# ---------------------------------------------------------------- reports to files


def report_chunks(
    name: str, period: Period, area: str, *, named: bool = False
) -> tuple[Iterator[list[tuple]], int]:
    """The rows of report ``name`` in chunks, and how many there are."""
    if name == "ledger":
        return queries.iter_ledger(period, area, named=named), queries.ledger_count(period, area)
    rows = queries.run(name, period, area, named=named)
    return iter([rows]), len(rows)


def export_report(
    name: str,
    period: Period,
    area: str,
    *,
    fmt: str = "csv",
    out: Path | None = None,
    named: bool = False,
    thai_headers: bool = False,
    progress: Progress | None = None,
    who: str = "",
) -> ExportResult:
    """Write report ``name`` for ``period`` and ``area`` as CSV, XLSX or ODS; return where and how many rows."""
    report = spec(name)
    check_area(area)
    if fmt not in FORMATS:
        raise AbcError(
            f"รูปแบบไฟล์ต้องเป็น csv xlsx หรือ ods: {fmt}", f"The format must be csv, xlsx or ods: {fmt}"
        )
    path = named_path(out, named) if out else default_path(name, period, area, fmt, named=named)
    check_output_paths([path])
    if fmt == "csv" and name == "ledger":
        with staged([path]) as tmp:
            n = write_ledger_csv(
                tmp[path], period, area, named=named, thai_headers=thai_headers, progress=progress
            )
        return submission.log_sent([ExportResult(path, name, n)], period, area, who)[0]
    chunks, total = report_chunks(name, period, area, named=named)
    if fmt != "csv":
        check_book_rows(fmt, [Sheet(report, chunks, total)])
    with staged([path]) as tmp:
        if fmt == "csv":
            n = write_csv(
                tmp[path],
                report,
                chunks,
                named=named,
                thai_headers=thai_headers,
                total=total,
                progress=progress,
            )
        else:
            (n,) = write_book(
                fmt,
                tmp[path],
                [Sheet(report, chunks, total)],
                named=named,
                thai_headers=thai_headers,
                progress=progress,
            )
    # The file is in place: log it as sent upward (REPORTS.md "Periods and what was sent").
    return submission.log_sent([ExportResult(path, name, n)], period, area, who)[0]


def export_all(
    period: Period,
    area: str,
    *,
    out: Path | None = None,
    named: bool = False,
    thai_headers: bool = False,
    progress: Progress | None = None,
    who: str = "",
    fmt: str = "xlsx",
) -> list[ExportResult]:
    """Every report: one XLSX (or ``fmt="ods"``: ODS) workbook, a sheet each, plus one CSV each, in
    the workbook's folder.

    All or nothing: the limits and every output path are checked before anything is written, and
    the new set replaces the old one only when it is whole (:func:`staged`).
    """
    check_area(area)
    if fmt not in ("xlsx", "ods"):
        raise AbcError(f"สมุดงานต้องเป็น xlsx หรือ ods: {fmt}", f"The workbook must be xlsx or ods: {fmt}")
    book = named_path(out, named) if out else default_path("all", period, area, fmt, named=named)
    folder = book.parent
    paths = {
        name: default_path(name, period, area, "csv", named=named, folder=folder) for name in REPORT_NAMES
    }
    check_output_paths([book, *paths.values()])
    counts = {name: queries.ledger_count(period, area) if name == "ledger" else 0 for name in REPORT_NAMES}
    small = {name: queries.run(name, period, area, named=named) for name in REPORT_NAMES if name != "ledger"}
    for name, rows in small.items():
        counts[name] = len(rows)

    def sheets() -> list[Sheet]:
        return [
            Sheet(
                spec(name),
                queries.iter_ledger(period, area, named=named) if name == "ledger" else [small[name]],
                counts[name],
            )
            for name in REPORT_NAMES
        ]

    check_book_rows(fmt, sheets())
    grand = 2 * sum(counts.values())
    done = 0

    def step(base: int) -> Progress | None:
        if progress is None:
            return None
        return lambda n, _total: progress(base + n, grand)

    results = []
    with staged([*paths.values(), book]) as tmp:
        for name, path in paths.items():
            if name == "ledger":
                n = write_ledger_csv(
                    tmp[path], period, area, named=named, thai_headers=thai_headers, progress=step(done)
                )
            else:
                n = write_csv(
                    tmp[path],
                    spec(name),
                    [small[name]],
                    named=named,
                    thai_headers=thai_headers,
                    total=counts[name],
                    progress=step(done),
                )
            done += n
            results.append(ExportResult(path, name, n))
        written = write_book(
            fmt, tmp[book], sheets(), named=named, thai_headers=thai_headers, progress=step(done)
        )
    results.append(ExportResult(book, "all", sum(written)))
    return submission.log_sent(results, period, area, who)  # every file is in place: log them
