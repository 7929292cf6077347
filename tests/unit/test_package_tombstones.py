"""Deletions travel in office packages (tombstones, migration 12): a row deleted at the tambon after
its package was imported leaves the district too, in the same all-or-nothing import, with the
summaries exact; an older package never brings it back; a row changed at the district after the
deletion is a conflict; an undone delete or a re-ticked attendance comes back; a deletion of a row
the district never had travels on upward. Also: a corrected member travels (member.updated_at)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import queries, summary
from abc_tui.reports.period import Period
from abc_tui.store import forums, households, package, periods, plan
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import (
    Finding,
    Forum,
    ForumAttendance,
    ForumOfficial,
    LedgerLine,
    Member,
    PlanItem,
    Tombstone,
    db,
)

UNTIL = Month(2025, 3)
PERIOD = Period(Month(2025, 2), Month(2025, 3))
TAMBON = "540101"
#: What the demo's rows say as their last edit (typed weeks before the deletions of a test).
TYPED = "2025-03-31T00:00:00+00:00"


class Tambon:
    """A small demo tambon in its own SQLite file, and the packages it has written."""

    def __init__(self, root: Path, district) -> None:
        self.root = root
        self.path = root / "tambon.sqlite3"
        self.district = district  # the district's database (file path or server URL)
        self.n = 0

    @contextlib.contextmanager
    def open(self) -> Iterator[None]:
        """Work in the tambon's database, then back to the district's."""
        close_database()
        open_database(self.path, create=False)
        try:
            yield
        finally:
            close_database()
            open_database(self.district, create=False)

    def export(self) -> Path:
        self.n += 1
        out = self.root / f"tambon-{self.n}.zip"
        with self.open():
            package.write_package(out, TAMBON, LATEST_VERSION)
        return out

    def figures(self) -> dict:
        with self.open():
            return _figures()


def _figures() -> dict:
    """Every table's rows (but users and tombstones) and the reports of the tambon's area."""
    out = {name: spec.model.select().count() for name, spec in package.SPECS.items() if name != "user"}
    for name in ("village-month", "forums", "plan", "spending-profile", "indicators"):
        out[name] = queries.run(name, PERIOD, TAMBON)
    out["ledger"] = queries.ledger_count(PERIOD, TAMBON)
    return out


@pytest.fixture
def tambon(tmp_path, db_path) -> Tambon:
    t = Tambon(tmp_path, db_path)
    close_database()
    build_demo(t.path, tambon=TAMBON, households=10, months=2, villages=2, until=UNTIL)
    with t.open():
        with db.atomic():
            for model in (LedgerLine, Forum, PlanItem, Member):
                model.update(updated_at=TYPED).execute()
    return t


def _import(path: Path) -> package.ImportReport:
    return package.import_package(path, LATEST_VERSION)


def _a_line() -> str:
    return LedgerLine.select(LedgerLine.uuid).order_by(LedgerLine.id).first().uuid


def test_a_deleted_line_leaves_the_district_and_an_older_package_does_not_bring_it_back(tambon):
    first = tambon.export()
    assert _import(first).tables["ledger_line"].added > 0
    with tambon.open():
        uuid = _a_line()
        LedgerLine.delete().where(LedgerLine.uuid == uuid).execute()
        when = Tombstone.get(Tombstone.row_key == uuid).deleted_at
    second = tambon.export()
    r = _import(second)
    assert (r.tables["ledger_line"].deleted, r.changed) == (1, 1)
    assert not LedgerLine.select().where(LedgerLine.uuid == uuid).exists()
    assert Tombstone.get(Tombstone.row_key == uuid).deleted_at == when  # the tambon's time, kept
    assert _figures() == tambon.figures()
    assert summary.verify() == []
    assert _import(second).changed == 0  # idempotent
    again = _import(first)  # the older package still holds the line: not brought back
    assert again.changed == 0 and again.tables["ledger_line"].reasons == {package.DELETED_LATER: 1}
    assert not LedgerLine.select().where(LedgerLine.uuid == uuid).exists()
    assert _figures() == tambon.figures()


def test_every_kind_of_deletion_travels(tambon):
    first = tambon.export()
    _import(first)
    time.sleep(1.05)  # deleted a second after the export (attendance has no edit time: export times tell)
    with tambon.open():
        gone_forum = Forum.select().order_by(Forum.id).first()  # its attendance and findings go with it
        assert ForumAttendance.select().where(ForumAttendance.forum == gone_forum.id).exists()
        forums.delete_forum(gone_forum.id)
        other = Forum.select().order_by(Forum.id.desc()).first()
        tick = ForumAttendance.select().where(ForumAttendance.forum == other.id).first()
        forums.set_present(other.id, tick.member_id, False)
        official = ForumOfficial.select().where(ForumOfficial.forum == other.id).first()
        finding = Finding.select().where(Finding.forum == other.id).first()
        assert official is not None and finding is not None
        forums.remove_official(official.id)
        forums.delete_finding(finding.id)
        plan.delete_item(PlanItem.select().order_by(PlanItem.id).first().id)
        member = Member.select().where(~Member.is_head).order_by(Member.id.desc()).first()
        households.delete_member(member.id)
    second = tambon.export()
    r = _import(second)
    deleted = {name: t.deleted for name, t in r.tables.items() if t.deleted}
    assert set(deleted) == {"member", "forum", "forum_attendance", "forum_official", "finding", "plan_item"}
    assert not any(t.rejected for t in r.tables.values()), {
        n: t.reasons for n, t in r.tables.items() if t.rejected
    }
    assert _figures() == tambon.figures()
    assert _import(second).changed == 0
    again = _import(first)  # the older package: nothing comes back, children of deleted rows skipped
    assert again.changed == 0 and not any(t.rejected for t in again.tables.values())
    assert package.PARENT_DELETED in again.tables["forum_attendance"].reasons
    assert _figures() == tambon.figures()


def test_a_deletion_the_district_never_had_travels_on_upward(tambon, tmp_path):
    first = tambon.export()
    with tambon.open():
        uuid = _a_line()
        LedgerLine.delete().where(LedgerLine.uuid == uuid).execute()
    second = tambon.export()
    r = _import(second)  # this district never had the first package
    assert r.tables["ledger_line"].reasons == {package.NEVER_HAD: 1} and r.tables["ledger_line"].deleted == 0
    district_pkg = tmp_path / "district.zip"
    package.write_package(district_pkg, "5401", LATEST_VERSION)
    close_database()
    province = tmp_path / "province.sqlite3"
    open_database(province)
    try:
        _import(first)  # the province had the tambon's first package (the line) ...
        assert LedgerLine.select().where(LedgerLine.uuid == uuid).exists()
        r = _import(district_pkg)  # ... and the district's package takes it away
        assert r.tables["ledger_line"].deleted == 1
        assert not LedgerLine.select().where(LedgerLine.uuid == uuid).exists()
        assert summary.verify() == []
    finally:
        close_database()
        open_database(tambon.district, create=False)


def test_a_line_changed_at_the_district_after_the_deletion_is_a_conflict(tambon):
    _import(tambon.export())
    with tambon.open():
        uuid = _a_line()
    LedgerLine.update(amount_satang=4321, updated_at="2099-01-01T00:00:00+00:00").where(
        LedgerLine.uuid == uuid
    ).execute()
    with tambon.open():
        LedgerLine.delete().where(LedgerLine.uuid == uuid).execute()
    r = _import(tambon.export())
    t = r.tables["ledger_line"]
    assert (t.rejected, t.deleted) == (1, 0) and t.examples[package.CHANGED_AFTER_DELETE] == uuid
    assert LedgerLine.get(LedgerLine.uuid == uuid).amount_satang == 4321
    assert summary.verify() == []


def test_an_undone_delete_and_a_reticked_attendance_come_back(tambon):
    _import(tambon.export())
    with tambon.open():
        line = LedgerLine.select().order_by(LedgerLine.id).first()
        values = {f.name: getattr(line, f.name) for f in LedgerLine._meta.sorted_fields if f.name != "id"}
        LedgerLine.delete().where(LedgerLine.id == line.id).execute()
        forum = Forum.select().order_by(Forum.id).first()
        tick = ForumAttendance.select().where(ForumAttendance.forum == forum.id).first()
        forums.set_present(forum.id, tick.member_id, False)
    deleted = tambon.export()
    time.sleep(1.05)  # the undo and the new tick come a second later (times are whole seconds)
    with tambon.open():
        LedgerLine.insert(**values | {"updated_at": package.now_iso()}).execute()  # undo: same UUID
        forums.set_present(forum.id, tick.member_id, True)
    back = tambon.export()
    r = _import(deleted)
    assert r.tables["ledger_line"].deleted == 1 and r.tables["forum_attendance"].deleted == 1
    r = _import(back)
    assert r.tables["ledger_line"].added == 1 and r.tables["forum_attendance"].added == 1
    assert _figures() == tambon.figures()
    assert _import(deleted).changed == 0  # the deletion again: already applied, the rows stay
    assert _figures() == tambon.figures()
    assert summary.verify() == []


def test_a_deletion_in_a_month_locked_here_refuses_the_whole_package(tambon):
    _import(tambon.export())
    with tambon.open():
        line = LedgerLine.select().order_by(LedgerLine.id).first()
        LedgerLine.delete().where(LedgerLine.id == line.id).execute()
        forums.delete_forum(Forum.select().order_by(Forum.id).first().id)
    periods.submit(line.village_code, str(line.date)[:7], "officer", {}, [])
    before = _figures(), Tombstone.select().count()
    with pytest.raises(AbcError) as err:
        _import(tambon.export())
    month = Month.from_iso(str(line.date)[:7])
    assert month.iso() in err.value.en or month.thai_label() in err.value.th, err.value.en
    assert (_figures(), Tombstone.select().count()) == before  # the forum's deletion did not go through
    assert summary.verify() == []


def test_a_corrected_member_travels_and_the_forum_report_agrees(tambon):
    """REPORTS.md ``forums``: attendees_women/men/youth count the members present by their sex and
    birth year. A member corrected at the tambon after its package was imported was a conflict
    ("no edit time"), so the district kept the old sex and its forum figures disagreed."""
    _import(tambon.export())
    with tambon.open():
        tick = ForumAttendance.select().order_by(ForumAttendance.id).first()
        m = Member.get_by_id(tick.member_id)
        households.update_member(m.id, m.name, "m" if m.sex == "f" else "f")
        assert Member.get_by_id(m.id).updated_at > TYPED
    r = _import(tambon.export())
    assert r.tables["member"].updated == 1 and not r.tables["member"].rejected
    assert _figures() == tambon.figures()
