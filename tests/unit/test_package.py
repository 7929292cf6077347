"""Office packages: export, idempotent merge by UUID, roll-up, conflicts, locked months, bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import queries, summary
from abc_tui.reports.package import export_package
from abc_tui.reports.period import Period
from abc_tui.store import package, periods
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import LedgerLine, ReportMonth, SentFile, db

UNTIL = Month(2025, 3)
PERIOD = Period(Month(2025, 2), Month(2025, 3))
#: Two tambons of district 5401 (540102 is not a known demo tambon: its province and district rows carry
#: placeholder names, which conflict with 540101's and are kept as they are) and one of district 5402.
TAMBONS = ("540101", "540102", "540201")


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Three small demo tambons and their packages: tambon -> (database, package)."""
    root = tmp_path_factory.mktemp("packages")
    out = {}
    for i, tambon in enumerate(TAMBONS):
        dbf = root / f"{tambon}.sqlite3"
        build_demo(dbf, tambon=tambon, households=12 + 3 * i, months=2, villages=3, until=UNTIL)
        close_database()
        open_database(dbf, create=False)
        info, result = export_package(root / f"{tambon}.zip")
        assert result.logged and SentFile.select().where(SentFile.report == "package").count() == 1
        close_database()
        out[tambon] = (dbf, info.path)
    return out


def _import(path: Path):
    return package.import_package(path, LATEST_VERSION)


def _counts() -> dict[str, int]:
    return {name: spec.model.select().count() for name, spec in package.SPECS.items()}


def test_manifest_names_the_office_and_every_table(packages):
    with zipfile.ZipFile(packages["540101"][1]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist())
    assert manifest["area"] == "540101" and manifest["schema_version"] == LATEST_VERSION
    assert set(manifest["tables"]) == set(package.SPECS) | {package.TOMBSTONE}
    assert {t["file"] for t in manifest["tables"].values()} <= names
    assert "tables/report_month.jsonl" not in names and "tables/setting.jsonl" not in names
    assert manifest["tables"]["ledger_line"]["rows"] > 0
    with zipfile.ZipFile(packages["540101"][1]) as zf:
        users = zf.read("tables/user.jsonl").decode()
    assert "password_hash" not in users


def test_import_is_complete_and_idempotent(packages, db_path):
    src = packages["540101"][0]
    first = _import(packages["540101"][1])
    assert first.tables["ledger_line"].added > 0 and not any(t.rejected for t in first.tables.values())
    merged = _counts()
    close_database()
    open_database(src, create=False)
    source = _counts()
    close_database()
    open_database(db_path, create=False)
    source.pop("user"), merged.pop("user")
    assert merged == source
    again = _import(packages["540101"][1])
    assert again.changed == 0
    assert _counts() | {"user": 0} == merged | {"user": 0}
    assert summary.verify() == []


def test_roll_up_equals_the_sum_of_the_tambons(packages, db_path):
    per_tambon = []
    for tambon in TAMBONS:
        close_database()
        open_database(packages[tambon][0], create=False)
        per_tambon.append((queries.village_month(PERIOD, "54"), queries.ledger_count(PERIOD, "54")))
    close_database()
    open_database(db_path, create=False)
    for tambon in TAMBONS:
        _import(packages[tambon][1])
    for tambon in TAMBONS:  # twice: nothing changes
        assert _import(packages[tambon][1]).changed == 0
    rows = queries.village_month(PERIOD, "54")
    assert sorted(rows) == sorted(r for vm, _ in per_tambon for r in vm)
    assert queries.ledger_count(PERIOD, "54") == sum(n for _, n in per_tambon)
    district = queries.village_month(PERIOD, "5401")  # the district: its two tambons side by side
    assert sorted(district) == sorted(per_tambon[0][0] + per_tambon[1][0])
    assert queries.ledger_count(PERIOD, "5401") == per_tambon[0][1] + per_tambon[1][1]
    assert queries.village_month(PERIOD, "5402") == per_tambon[2][0]
    assert summary.verify() == []


def test_every_report_of_a_tambon_is_the_same_at_the_district(packages, db_path):
    """REPORTS.md: the district reads each tambon's figures as the tambon does: every report (the
    ledger by its count: its clerk pseudonyms are keyed per office) for a tambon's area, after all
    three packages are merged, equals the tambon's own, row for row."""
    from abc_tui.reports.spec import REPORT_NAMES

    names = [n for n in REPORT_NAMES if n != "ledger"]
    own = {}
    for tambon in TAMBONS:
        close_database()
        open_database(packages[tambon][0], create=False)
        own[tambon] = {n: queries.run(n, PERIOD, tambon) for n in names}
        own[tambon]["ledger"] = queries.ledger_count(PERIOD, tambon)
    close_database()
    open_database(db_path, create=False)
    for tambon in TAMBONS:
        _import(packages[tambon][1])
    for tambon in TAMBONS:
        here = {n: queries.run(n, PERIOD, tambon) for n in names}
        here["ledger"] = queries.ledger_count(PERIOD, tambon)
        for n in own[tambon]:
            assert here[n] == own[tambon][n], (tambon, n)


def test_areas_that_differ_are_conflicts_and_ours_are_kept(packages, db_path):
    from abc_tui.store.models import Area

    _import(packages["540101"][1])
    r = _import(packages["540102"][1])  # placeholder names for province 54 and district 5401
    assert r.tables["area"].rejected == 2 and package.CONFLICT_NOTIME in r.tables["area"].reasons
    assert Area.get_by_id("54").name == "แพร่"
    assert Area.get_by_id("540102").parent.code == "5401"


def _rewrite(src: Path, dest: Path, table: str, edit) -> Path:
    """A copy of package ``src`` with ``table``'s rows edited by ``edit(rows)`` and a matching manifest."""
    import hashlib

    with zipfile.ZipFile(src) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(entries["manifest.json"])
    rows = [json.loads(x) for x in entries[f"tables/{table}.jsonl"].splitlines()]
    rows = edit(rows)
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)
    entries[f"tables/{table}.jsonl"] = data
    manifest["tables"][table].update(rows=len(rows), sha256=hashlib.sha256(data).hexdigest())
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dest, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    return dest


def _edit_first_line(amount: int, updated_at: str):
    def edit(rows):
        rows[0] = rows[0] | {"amount_satang": amount, "updated_at": updated_at}
        return rows

    return edit


def test_newer_row_updates_older_is_skipped_same_time_is_a_conflict(packages, db_path, tmp_path):
    pkg = packages["540101"][1]
    _import(pkg)
    with zipfile.ZipFile(pkg) as zf:
        line = json.loads(zf.read("tables/ledger_line.jsonl").splitlines()[0])
    newer = _rewrite(
        pkg, tmp_path / "newer.zip", "ledger_line", _edit_first_line(123_45, "2099-01-01T00:00:00+00:00")
    )
    r = _import(newer)
    assert (r.tables["ledger_line"].updated, r.changed) == (1, 1)
    assert LedgerLine.get(LedgerLine.uuid == line["uuid"]).amount_satang == 123_45
    assert summary.verify() == []  # the summaries follow the update
    assert _import(newer).changed == 0  # idempotent
    older = _import(pkg)  # the original is older now: skipped, ours kept
    assert older.changed == 0 and older.tables["ledger_line"].reasons == {package.OLDER: 1}
    clash = _rewrite(
        pkg, tmp_path / "clash.zip", "ledger_line", _edit_first_line(999, "2099-01-01T00:00:00+00:00")
    )
    r = _import(clash)
    assert r.tables["ledger_line"].rejected == 1 and package.CONFLICT in r.tables["ledger_line"].reasons
    assert r.tables["ledger_line"].examples[package.CONFLICT] == line["uuid"]
    assert LedgerLine.get(LedgerLine.uuid == line["uuid"]).amount_satang == 123_45


def test_a_locked_month_refuses_the_whole_package(packages, db_path, tmp_path):
    pkg = packages["540101"][1]
    _import(pkg)
    with zipfile.ZipFile(pkg) as zf:
        line = json.loads(zf.read("tables/ledger_line.jsonl").splitlines()[0])
    village, month = line["village_code"], line["date"][:7]
    periods.submit(village, month, "officer", {}, [])
    before = _counts(), list(ReportMonth.select().tuples())
    newer = _rewrite(
        pkg, tmp_path / "newer.zip", "ledger_line", _edit_first_line(1, "2099-01-01T00:00:00+00:00")
    )
    with pytest.raises(AbcError) as err:
        _import(newer)
    assert month in err.value.en or Month.from_iso(month).thai_label() in err.value.th
    assert (_counts(), list(ReportMonth.select().tuples())) == before


def _dup(rows):
    return rows + [rows[0]]


def _wrong_type(rows):
    rows[0]["amount_satang"] = "12.50"
    return rows


def _bad_date(rows):
    rows[0]["date"] = "2025-13-45"
    return rows


def _extra_column(rows):
    rows[0]["colour"] = "red"
    return rows


@pytest.mark.parametrize("edit", [_dup, _wrong_type, _bad_date, _extra_column])
def test_bad_rows_refuse_the_package_before_anything_is_written(packages, db_path, tmp_path, edit):
    bad = _rewrite(packages["540101"][1], tmp_path / "bad.zip", "ledger_line", edit)
    with pytest.raises(AbcError) as err:
        package.check_package(bad, LATEST_VERSION)
    assert "ledger_line" in err.value.en and "ledger_line" in err.value.th
    with pytest.raises(AbcError):
        _import(bad)
    assert sum(_counts().values()) == _counts()["category"]  # nothing but the chart a new file has


def test_rows_of_another_office_with_our_code_are_rejected_not_crashing(packages, db_path, tmp_path):
    _import(packages["540101"][1])

    def other_uuid(rows):
        rows[0]["uuid"] = "00000000-0000-4000-8000-000000000000"
        return rows[:1]

    r = _import(_rewrite(packages["540101"][1], tmp_path / "x.zip", "household", other_uuid))
    assert r.tables["household"].rejected == 1 and package.TAKEN in r.tables["household"].reasons
    with db.atomic():
        assert summary.verify() == []
