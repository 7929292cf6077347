"""``abc-tui import households FILE`` through a real subprocess, beside ``abc-tui import PACKAGE``."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from abc_tui.store import areas
from abc_tui.store.database import close_database, open_database
from tests.cli.test_cli import run

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def office_db(tmp_path) -> Path:
    path = tmp_path / "office.sqlite3"
    open_database(path)
    areas.setup_office("อบต.ในเวียง", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    for n in "123":
        areas.add_village("540101", n, f"บ้าน {n}")
    close_database()
    return path


def _households(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM household").fetchone()[0]


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def test_dry_run_refusals_then_skip_refused(office_db):
    sample = str(DATA / "household_list.xlsx")
    dry = run("import", "households", sample, "--db", str(office_db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "add 75, skip 6, refuse 2" in dry.stdout
    assert "same house as row 7" in dry.stdout and "บ้านเลขที่ซ้ำกับแถว 7" in dry.stdout
    assert "nothing was added" in dry.stdout.lower()
    assert _households(office_db) == 0

    before = _digest(office_db)
    refused = run("import", "households", sample, "--db", str(office_db))
    assert refused.returncode == 2
    assert "--skip-refused" in refused.stderr and "ไม่ได้เพิ่มอะไร" in refused.stderr
    assert _households(office_db) == 0 and _digest(office_db) == before

    done = run("import", "households", sample, "--db", str(office_db), "--skip-refused")
    assert done.returncode == 0, done.stderr
    assert "Added 75 households" in done.stdout
    assert _households(office_db) == 75
    again = run(
        "import", "households", str(DATA / "household_list.csv"), "--db", str(office_db), "--skip-refused"
    )
    assert "Added 0 households" in again.stdout and _households(office_db) == 75


def test_map_village_and_bad_input(office_db, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text('ชื่อ,เลขที่,หนี้\r\nนายหนึ่ง ทดสอบ,1,"1,000"\r\n', encoding="utf-8-sig")
    no_village = run("import", "households", str(csv), "--db", str(office_db), "--dry-run")
    assert no_village.returncode == 2 and "No column chosen for: village" in no_village.stderr
    ok = run(
        "import",
        "households",
        str(csv),
        "--db",
        str(office_db),
        "--village",
        "๒",
        "--map",
        "debt=",
        "--joined",
        "1/10/2567",
    )
    assert ok.returncode == 0, ok.stderr
    assert "01/10/2567" in ok.stdout
    with sqlite3.connect(office_db) as c:
        assert c.execute("SELECT code, debt_at_joining_satang, joined_on FROM household").fetchall() == [
            ("54010102-1", 0, "2024-10-01")
        ]
    for args, words in [
        (["households"], "Usage: abc-tui import households FILE"),
        (["households", str(tmp_path / "missing.xlsx")], "No such file"),
        (["households", str(csv), "--map", "nope=A"], "FIELD=COLUMN"),
        (["households", str(csv), "--header-row", "9"], "--header-row must be 1 to 2"),
        ([str(csv), "--dry-run"], "only go with import households"),
    ]:
        r = run("import", *args, "--db", str(office_db))
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)
