"""Migration 12's triggers on both engines: every delete path leaves a tombstone with the package
key and the time in now_iso()'s form (times are compared as text across engines), a cascaded child
whose parent is gone leaves none, and a member's change stamps its updated_at."""

from __future__ import annotations

import re

import pytest

from abc_tui.domain.thai import Month
from abc_tui.store import forums, households, plan
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.models import (
    Finding,
    Forum,
    ForumAttendance,
    ForumOfficial,
    LedgerLine,
    Member,
    PlanItem,
    Tombstone,
)

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


@pytest.fixture(params=["sqlite", "postgres"])
def demo(request, tmp_path):
    target = tmp_path / "demo.sqlite3" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    build_demo(target, tambon="540101", households=6, months=2, villages=2, until=Month(2025, 3), force=True)
    close_database()
    open_database(target, create=False)
    yield request.param
    close_database()


def _stones() -> dict:
    return {(t, k): at for t, k, at in Tombstone.select().tuples()}


def test_every_delete_path_leaves_a_tombstone(demo):
    line = LedgerLine.select().order_by(LedgerLine.id).first()
    LedgerLine.delete().where(LedgerLine.id == line.id).execute()
    attended = [a.forum_id for a in ForumAttendance.select().order_by(ForumAttendance.id)]
    assert len(set(attended)) >= 2, demo
    forum = Forum.get_by_id(attended[0])
    findings = [f.uuid for f in Finding.select().where(Finding.forum == forum.id)]
    forums.delete_forum(forum.id)
    other = Forum.get_by_id(attended[-1])
    tick = ForumAttendance.select().where(ForumAttendance.forum == other.id).first()
    forums.set_present(other.id, tick.member_id, False)
    official = ForumOfficial.select().where(ForumOfficial.forum != forum.id).first()
    other_official = Forum.get_by_id(official.forum_id)
    forums.remove_official(official.id)
    item = PlanItem.select().order_by(PlanItem.id).first()
    plan.delete_item(item.id)
    member = Member.select().where(~Member.is_head).order_by(Member.id.desc()).first()
    households.delete_member(member.id)
    stones = _stones()
    want = {
        ("ledger_line", line.uuid),
        ("forum", forum.uuid),
        *(("finding", f) for f in findings),  # cascaded, but keyed by their own UUID
        ("forum_attendance", f"{other.uuid} {Member.get_by_id(tick.member_id).uuid}"),
        ("forum_official", f"{other_official.uuid} {official.agency}"),
        ("plan_item", item.uuid),
        ("member", member.uuid),
    }
    assert set(stones) == want, (demo, set(stones) ^ want)  # no attendance row of the deleted forum
    assert all(ISO.match(at) for at in stones.values()), stones


def test_a_member_change_stamps_its_time(demo):
    m = Member.select().where(~Member.is_head).first()
    Member.update(updated_at="").where(Member.id == m.id).execute()
    households.update_member(m.id, m.name + " ก", m.sex)
    stamp = Member.get_by_id(m.id).updated_at
    assert ISO.match(stamp), (demo, stamp)
    Member.update(updated_at="2030-01-01T00:00:00+00:00").where(Member.id == m.id).execute()
    assert Member.get_by_id(m.id).updated_at == "2030-01-01T00:00:00+00:00"  # a set time is kept
