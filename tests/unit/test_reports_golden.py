"""Golden files: every report's CSV (and the statements, charts and data card figures) on a small
demo office, byte for byte.

The SQL behind the reports is being rewritten to run on other databases too (issue 11); these files
were written before that rewrite, so any change to a single byte of output shows here. To accept a
deliberate change, run with ``ABC_GOLDEN_UPDATE=1`` and review the diff of ``tests/golden/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from abc_tui.domain.thai import Month
from abc_tui.reports import export, queries, statements
from abc_tui.reports.period import Period
from abc_tui.reports.spec import REPORT_NAMES
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.models import Setting

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("ABC_GOLDEN_UPDATE") == "1"
UNTIL = Month(2025, 3)
TAMBON = "540101"
VILLAGE = "54010102"
#: The whole demo, and a part of it (debt "before the period" is then not the debt at joining).
PERIODS = {
    "all": Period(Month(2024, 10), Month(2025, 3)),
    "part": Period(Month(2024, 12), Month(2025, 2)),
}
#: A fixed pseudonym key, so the default (unnamed) exports are the same in every fresh database.
KEY = "0123456789abcdef0123456789abcdef"


def build_golden_demo(path):
    """The demo office the golden files were made from, in a file or a server database (a
    PostgreSQL URL: the comparison in tests/pg/test_reports_pg.py)."""
    build_demo(path, villages=3, households=30, months=6, seed=11, until=UNTIL)
    open_database(path)
    Setting.update(value=KEY).where(Setting.key == "pseudonym_key").execute()
    return path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = build_golden_demo(tmp_path_factory.mktemp("golden") / "demo.sqlite3")
    yield path
    close_database()


def check(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {name} (run with ABC_GOLDEN_UPDATE=1)"
    assert data == path.read_bytes(), f"{name} differs from its golden file"


def report_cases():
    for name in REPORT_NAMES:
        for pname in PERIODS:
            for area in (TAMBON, VILLAGE):
                if name == "ledger" and (area == TAMBON or pname == "part"):
                    continue  # big; the village's is enough
                for named in (False, True):
                    yield name, pname, area, named


@pytest.mark.parametrize(("name", "pname", "area", "named"), list(report_cases()))
def test_report_csv_is_unchanged(demo, tmp_path, name, pname, area, named):
    open_database(demo)
    result = export.export_report(name, PERIODS[pname], area, out=tmp_path / "r.csv", named=named)
    suffix = "-named" if named else ""
    check(f"{name}-{pname}-{area}{suffix}.csv", result.path.read_bytes())


def test_report_rows_as_python_values_are_unchanged(demo):
    """The typed rows behind the screens (Decimal, dates, None) — not only their CSV text."""
    open_database(demo)
    out = []
    for name in REPORT_NAMES:
        if name == "ledger":
            continue
        for pname, period in PERIODS.items():
            out.append(f"## {name} {pname}")
            out += [repr(r) for r in queries.run(name, period, TAMBON, named=True)]
    for pname, period in PERIODS.items():
        out.append(f"## charts {pname}")
        out.append(repr(queries.debt_trend(period, TAMBON)))
        out.append(repr(queries.monthly_totals(period, TAMBON)))
        out.append(repr(queries.debt_trend(period, VILLAGE)))
        out.append(repr(queries.monthly_totals(period, VILLAGE)))
    check("rows.txt", ("\n".join(out) + "\n").encode())


@pytest.mark.parametrize("lang", ["th", "en"])
def test_statements_are_unchanged(demo, tmp_path, lang):
    open_database(demo)
    path, _ = statements.export_statements(
        VILLAGE, PERIODS["part"], out=tmp_path / "s.txt", named=True, lang=lang
    )
    check(f"statements-{lang}.txt", path.read_bytes())
