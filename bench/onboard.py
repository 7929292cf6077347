"""Benchmark of onboarding and ODS export (issue 10 "Onboarding an office").

    .venv/bin/python bench/onboard.py                       # 3,000-household list, ledger ODS of a demo
    .venv/bin/python bench/onboard.py --households 10000 --demo-households 300 --months 12

1. A household list as offices keep it (title rows, Thai headers, Thai digits in some cells, a
   subtotal row under each village, amounts with commas), ``--households`` rows over 20 villages,
   written as XLSX, CSV and ODS: the time to read it (``read_table``), the dry run
   (``plan_import``) and the ONE transaction (``commit_import``), per format; peak RSS.
2. The ledger of a demo office exported as XLSX and as ODS (tablib), each in a fresh child process:
   rows, seconds, peak RSS (ODS is built in memory by tablib: this is the number behind
   ``export.ODS_MAX_ROWS``).

Prints numbers; asserts nothing (speed is judged by a person, not by a timed test).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from peakmem import peak_rss_mb  # noqa: E402

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
HEADER = [
    "ลำดับ",
    "บ้านเลขที่",
    "หมู่ที่",
    "ชื่อ-สกุล หัวหน้าครัวเรือน",
    "จำนวนสมาชิก (คน)",
    "อาชีพหลัก",
    "หนี้สิน (บาท)",
    "หมายเหตุ",
]
JOBS = ["ทำนา", "ทำนาและรับจ้าง", "รับจ้างทั่วไป", "ทำไร่", "ทำสวน", "เลี้ยงสัตว์", "ค้าขาย", "รับราชการ"]
FIRST = ["สมชาย", "มาลี", "บุญมี", "ทองใบ", "วิชัย", "พิมพ์", "อำนาจ", "บัวผัน"]
LAST = ["ใจดี", "แสนคำ", "ศรีวงศ์", "คำมูล", "ปัญญาดี", "ทองคำ", "บุญมา", "อินทร์แก้ว"]


def household_rows(n: int, villages: int, seed: int = 7) -> list[list[object]]:
    rng = random.Random(seed)
    rows: list[list[object]] = [["ทะเบียนครัวเรือนเป้าหมาย โครงการบัญชีครัวเรือน"], ["ตำบลทดสอบ"], [], HEADER]
    per = -(-n // villages)
    k = 0
    for v in range(1, villages + 1):
        total = 0
        for house in range(1, per + 1):
            if k == n:
                break
            k += 1
            debt = rng.choice([0, 0, rng.randrange(5, 300) * 1000])
            total += debt
            house_no = f"{house}/{rng.randint(1, 4)}" if rng.random() < 0.2 else str(house)
            rows.append(
                [
                    k,
                    house_no.translate(THAI) if rng.random() < 0.2 else house_no,
                    v,
                    f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(FIRST)} {rng.choice(LAST)}",
                    rng.randint(1, 8),
                    rng.choice(JOBS),
                    f"{debt:,}",
                    "",
                ]
            )
        rows.append(["", "", "", f"รวมหมู่ {v}", "", "", f"{total:,}", ""])
        rows.append([])
    return rows


def write_files(folder: Path, rows: list[list[object]]) -> dict[str, Path]:
    import openpyxl
    import tablib

    paths = {ext: folder / f"list.{ext}" for ext in ("xlsx", "csv", "ods")}
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(paths["xlsx"])
    with open(paths["csv"], "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    width = max(len(r) for r in rows)
    data = tablib.Dataset(*[[("" if c is None else c) for c in r] + [""] * (width - len(r)) for r in rows])
    paths["ods"].write_bytes(data.export("ods"))
    return paths


def bench_import(args: argparse.Namespace, folder: Path) -> None:
    from abc_tui.store import areas
    from abc_tui.store import household_import as hi
    from abc_tui.store.database import close_database, open_database
    from abc_tui.store.models import Household

    rows = household_rows(args.households, args.villages)
    paths = write_files(folder, rows)
    print(
        f"household list: {args.households:,} households, {len(rows):,} spreadsheet rows, {args.villages} villages"
    )
    for ext, path in paths.items():
        db = folder / f"office-{ext}.sqlite3"
        open_database(db)
        try:
            areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ทดสอบ")
            for v in range(1, args.villages + 1):
                areas.add_village("540101", str(v), f"บ้าน {v}")
            t0 = time.perf_counter()
            table = hi.read_table(path)
            t1 = time.perf_counter()
            header = hi.find_header(table)
            plan = hi.plan_import(table, hi.guess_mapping(list(table[header])), header)
            t2 = time.perf_counter()
            added = hi.commit_import(table, plan)
            t3 = time.perf_counter()
            assert added == Household.select().count() == args.households, (added, plan.counts)
        finally:
            close_database()
        print(
            f"  {ext:<4} {path.stat().st_size / 1e3:8.0f} kB  read {t1 - t0:5.2f} s  dry run {t2 - t1:5.2f} s  "
            f"one transaction {t3 - t2:5.2f} s  ({plan.counts['add']:,} added, {plan.counts['skip']} skipped)"
        )
    print(f"  peak RSS of this process: {peak_rss_mb():.0f} MB")


CHILD = """
import json, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from peakmem import peak_rss_mb
from abc_tui.store.database import open_database
from abc_tui.reports import export
from abc_tui.reports.period import resolve_period
open_database({db!r}, create=False)
t = time.perf_counter()
r = export.export_report("ledger", resolve_period({first!r}, {last!r}, None), {area!r}, fmt={fmt!r}, out=__import__("pathlib").Path({out!r}))
print(json.dumps({{"rows": r.rows, "s": time.perf_counter() - t, "mb": peak_rss_mb()}}))
"""


def bench_ods(args: argparse.Namespace, folder: Path) -> None:
    from abc_tui.domain.thai import Month
    from abc_tui.store.database import close_database
    from abc_tui.store.demo import build_demo

    db = folder / "demo.sqlite3"
    until = Month(2025, 3)
    build_demo(db, households=args.demo_households, months=args.months, villages=5, until=until)
    close_database()
    first = until.prev(args.months - 1)
    print(f"ledger export: demo of {args.demo_households} households, {args.months} months")
    for fmt in ("xlsx", "ods"):
        code = CHILD.format(
            root=str(ROOT),
            bench=str(ROOT / "bench"),
            db=str(db),
            first=first.iso(),
            last=until.iso(),
            area="540101",
            fmt=fmt,
            out=str(folder / f"ledger.{fmt}"),
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=folder)
        if out.returncode:
            print(f"  {fmt}: failed: {out.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        size = (folder / f"ledger.{fmt}").stat().st_size / 1e6
        print(f"  {fmt:<4} {r['rows']:>8,} rows  {r['s']:6.2f} s  {size:6.1f} MB  peak RSS {r['mb']:6.0f} MB")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--households", type=int, default=3000)
    p.add_argument("--villages", type=int, default=20)
    p.add_argument("--demo-households", type=int, default=200)
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--skip-ods", action="store_true")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="abc-onboard-") as tmp:
        bench_import(args, Path(tmp))
        if not args.skip_ods:
            bench_ods(args, Path(tmp))


if __name__ == "__main__":
    main()
