"""Database layer: pragmas, migrations, areas, household registry, audit, demo."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.store import areas
from abc_tui.store import households as hh
from abc_tui.store.database import check_database, close_database, migrate, open_database, schema_version
from abc_tui.store.demo import build_demo, check_can_build
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import Audit, Category, Household, Member, db


@pytest.mark.durable
def test_pragmas_are_safe(db_path):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_new_file_is_at_latest_version_with_the_chart(db_path):
    assert schema_version() == LATEST_VERSION
    assert Category.select().count() == 33
    assert Category.get_by_id("43").name_th == "หวย/การพนัน"
    assert check_database().ok


def test_old_version_file_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_database(path, target=1)  # a file as the foundation release wrote it
    assert schema_version() == 1
    assert "forum" not in db.get_tables()
    areas.setup_office("อบต.เก่า", "54", "แพร่", "5401", "เมือง", "540101", "ในเวียง")
    v = areas.add_village("540101", "1", "บ้านเก่า")
    # The household as the foundation release wrote it (today's model has columns it lacked).
    db.execute_sql(
        'INSERT INTO "household" (uuid, code, village_code, house_no, head_name, members_count, occupation, '
        "debt_at_joining_satang, joined_on, active, model_household, updated_at) "
        "VALUES ('u-5', ?, ?, '5', 'นายเก่า ก่อน', 1, 'other', 0, '2024-01-01', 1, 0, '2024-01-01T00:00:00+00:00')",
        (f"{v.code}-5", v.code),
    )
    close_database()

    open_database(path)  # the current program opens it
    assert schema_version() == LATEST_VERSION
    assert "forum" in db.get_tables() and "plan_item" in db.get_tables()
    assert Household.get(Household.code == "54010101-5").head_name == "นายเก่า ก่อน"
    assert check_database().ok
    assert migrate() == []  # nothing left to do
    close_database()


def test_newer_file_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    con.close()
    with pytest.raises(AbcError) as info:
        open_database(path)
    assert "newer" in info.value.en


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite" * 100)
    with pytest.raises(AbcError) as info:
        open_database(path)
    assert "Cannot open" in info.value.en


def test_bad_paths(tmp_path):
    with pytest.raises(AbcError):
        open_database(tmp_path / "missing-folder" / "x.sqlite3")
    with pytest.raises(AbcError):
        open_database(tmp_path)  # a folder
    open_database(tmp_path / "made" / "x.sqlite3", create_parent=True)
    close_database()


def test_office_setup_validates(db_path):
    with pytest.raises(AbcError):
        areas.setup_office("x", "5", "แพร่", "5401", "เมือง", "540101", "ในเวียง")
    with pytest.raises(AbcError) as info:
        areas.setup_office("x", "54", "แพร่", "5501", "เมือง", "550101", "ในเวียง")
    assert "nest" in info.value.en
    with pytest.raises(AbcError):
        areas.setup_office("", "54", "แพร่", "5401", "เมือง", "540101", "ในเวียง")
    assert areas.get_office() is None  # nothing half-saved
    office = areas.setup_office("อบต.ในเวียง", "๕๔", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    assert office.tambon.code == "540101" and office.province.code == "54"
    v = areas.add_village("540101", "๓", "บ้านนาน้อย")
    assert v.code == "54010103"
    with pytest.raises(AbcError):
        areas.add_village("540101", "3", "ซ้ำ")
    with pytest.raises(AbcError):
        areas.add_village("540101", "100", "เกิน")
    assert [a.code for a in areas.villages()] == ["54010103"]


def test_add_household_and_refuse_duplicates(office):
    v1 = office.villages[0]
    h = hh.add_household(
        v1,
        hh.HouseholdForm(
            house_no="๑๒/๓",
            head_name="  นาย  ทดสอบ   ระบบ ",
            members_count="4",
            occupation="wage",
            debt_at_joining="12,500.50",
            joined_on="1/10/67",
        ),
        who="clerk1",
    )
    assert h.code == "54010101-12/3"
    assert h.head_name == "นาย ทดสอบ ระบบ"
    assert h.debt_at_joining_satang == 1250050
    assert [m.name for m in hh.members(h.id)] == ["นาย ทดสอบ ระบบ"]
    with pytest.raises(AbcError) as info:
        hh.add_household(v1, hh.HouseholdForm(house_no="12/3", head_name="คนอื่น"))
    assert "already exists" in info.value.en and "มีครัวเรือน" in info.value.th
    audit = Audit.select().where(Audit.row_uuid == h.uuid).get()
    assert audit.action == "insert" and audit.who == "clerk1"


@pytest.mark.parametrize(
    "field, value",
    [
        ("house_no", ""),
        ("house_no", "abc"),
        ("head_name", "   "),
        ("members_count", "0"),
        ("members_count", "-1"),
        ("members_count", "99999"),
        ("debt_at_joining", "-5"),
        ("debt_at_joining", "1,2,3"),
        ("joined_on", "30/2/67"),
        ("joined_on", "1/1/2699"),
        ("occupation", "astronaut"),
    ],
)
def test_bad_household_input_changes_nothing(office, field, value):
    before = Household.select().count()
    form = hh.HouseholdForm(house_no="99", head_name="นายใหม่ มาก")
    setattr(form, field, value)
    with pytest.raises(AbcError):
        hh.add_household(office.villages[0], form)
    assert Household.select().count() == before


def test_search_by_code_house_number_and_thai_name(office):
    v1 = office.villages[0]
    assert [h.house_no for h in hh.search(v1)] == ["1", "2", "3/1"]
    assert [h.head_name for h in hh.search(v1, "มาลี")] == ["นางมาลี แก้วมา"]
    assert [h.house_no for h in hh.search(None, "3/")] == ["3/1"]
    assert [h.code for h in hh.search(None, "54010102-7")] == ["54010102-7"]
    assert [h.house_no for h in hh.search(None, "๗")] == ["7"]  # Thai digits
    assert hh.count(None) == 5 and hh.count(v1, "ไม่มีใคร") == 0


def test_search_is_windowed(office):
    for i in range(10, 260):
        hh.add_household(office.villages[1], hh.HouseholdForm(house_no=str(i), head_name=f"คน {i}"))
    page = hh.search(office.villages[1], offset=100, limit=50)
    assert len(page) == 50
    assert page[0].house_no == str(10 + 100 - 2)  # "7", "8", then 10, 11, … (numeric order)


def test_update_and_deactivate_are_audited(office):
    h = office.households[0]
    form = hh.HouseholdForm(
        house_no="1/5",
        head_name="นายสมชาย ใจงาม",
        members_count="5",
        occupation="rice",
        debt_at_joining="50,000",
        joined_on="1/10/2566",
    )
    saved = hh.update_household(h.id, form, who="clerk2")
    assert saved.code == "54010101-1/5"
    head = Member.get((Member.household == h.id) & (Member.is_head == True))  # noqa: E712
    assert head.name == "นายสมชาย ใจงาม"
    with pytest.raises(AbcError):
        hh.update_household(office.households[1].id, hh.HouseholdForm(house_no="1/5", head_name="x"))
    hh.set_active(h.id, False, who="clerk2")
    assert not hh.get(h.id).active
    assert hh.count(office.villages[0], include_inactive=False) == 2
    rows = list(Audit.select().where(Audit.row_uuid == h.uuid).order_by(Audit.id))
    assert [r.action for r in rows] == ["insert", "update", "update"]
    assert json.loads(rows[1].before)["house_no"] == "1"
    assert json.loads(rows[1].after)["house_no"] == "1/5"


def test_members(office):
    h = office.households[1]
    m = hh.add_member(h.id, "เด็กหญิงใจ แก้วมา", "ญ", "2555")
    assert m.sex == "f" and m.birth_year == 2012
    with pytest.raises(AbcError):
        hh.add_member(h.id, "x", "z")
    with pytest.raises(AbcError):
        hh.add_member(h.id, "x", "", "2800")
    hh.update_member(m.id, "ด.ญ.ใจ แก้วมา", "f", "")
    head = hh.members(h.id)[0]
    with pytest.raises(AbcError):
        hh.delete_member(head.id)
    hh.delete_member(m.id)
    assert [x.name for x in hh.members(h.id)] == ["นางมาลี แก้วมา"]


def _content_hash() -> str:
    digest = hashlib.sha256()
    for table in ("household", "member", "ledger_page", "ledger_line"):
        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_demo_is_deterministic_and_refuses_real_data(tmp_path):
    from abc_tui.domain.thai import Month

    path = tmp_path / "demo.sqlite3"
    build_demo(path, households=40, months=3, seed=7, until=Month(2025, 3))
    first = _content_hash()
    counts = check_database().counts
    assert counts["household"] == 40 and counts["ledger_line"] > 40 * 2 * 10
    assert check_database().ok
    build_demo(path, households=40, months=3, seed=7, until=Month(2025, 3))
    assert _content_hash() == first
    build_demo(path, households=40, months=3, seed=8, until=Month(2025, 3))
    assert _content_hash() != first
    close_database()

    real = tmp_path / "real.sqlite3"
    open_database(real)
    areas.setup_office("อบต.จริง", "54", "แพร่", "5401", "เมือง", "540101", "ในเวียง")
    v = areas.add_village("540101", "1", "บ้าน")
    hh.add_household(v.code, hh.HouseholdForm(house_no="1", head_name="นายจริง"))
    close_database()
    with pytest.raises(AbcError) as info:
        check_can_build(real, force=False)
    assert "--force" in info.value.en
    with pytest.raises(AbcError):
        build_demo(real, households=5, months=1)
    open_database(real)
    assert Household.select().count() == 1  # untouched
    close_database()


def test_users_are_registered_once(db_path):
    from abc_tui.store.users import names, register_user

    assert register_user("  สมหญิง  รักงาน ") == "สมหญิง รักงาน"
    register_user("สมหญิง รักงาน")
    assert names() == ["สมหญิง รักงาน"]
    with pytest.raises(AbcError):
        register_user("  ")
