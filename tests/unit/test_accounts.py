"""Accounts in the store: password hashing, the permission table, the login rule, migration 7,
and the audit viewer's queries."""

from __future__ import annotations

import datetime as _dt
import hmac
import sqlite3

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.store import audit, forums, users
from abc_tui.store import households as hh
from abc_tui.store import ledger as ledger_store
from abc_tui.store.database import close_database, open_database, schema_version
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import Audit, User

# ---------------------------------------------------------------- hashing


def test_hash_has_its_parameters_and_a_fresh_salt_each_time():
    a, b = users.hash_password("ความลับ123"), users.hash_password("ความลับ123")
    assert a != b  # salt differs
    assert a.split("$")[:4] == ["scrypt", str(users.SCRYPT_N), str(users.SCRYPT_R), str(users.SCRYPT_P)]
    assert a.split("$")[4] != b.split("$")[4]
    assert "ความลับ" not in a


def test_verify_accepts_the_password_and_refuses_others():
    stored = users.hash_password("secret1")
    assert users.verify_password("secret1", stored)
    assert not users.verify_password("secret2", stored)
    assert not users.verify_password("", stored)
    assert not users.verify_password("secret1", "")
    assert not users.verify_password("secret1", "md5$abc")
    assert not users.verify_password("secret1", "scrypt$x$y$z$!!$!!")


def test_verify_compares_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(users.hmac, "compare_digest", spy)
    assert users.verify_password("secret1", users.hash_password("secret1"))
    assert len(calls) == 1


def test_weaker_hash_is_upgraded_at_login(db_path):
    users.add_user("somsri", "admin", "secret1")
    weak = users.hash_password("secret1", n=2**10)
    User.update(password_hash=weak).where(User.name == "somsri").execute()
    assert users.needs_rehash(weak)
    users.authenticate("somsri", "secret1")
    stored = User.get(User.name == "somsri").password_hash
    assert stored != weak and not users.needs_rehash(stored)
    assert users.verify_password("secret1", stored)


def test_password_rules():
    with pytest.raises(AbcError):
        users.check_password_rules("12345")
    assert users.check_password_rules("123456") == "123456"


# ---------------------------------------------------------------- permissions


def test_permission_table():
    assert users.can("clerk", "ledger.edit") and users.can("clerk", "households.edit")
    assert not users.can("clerk", "export") and not users.can("clerk", "areas.manage")
    assert not users.can("clerk", "forums.edit")
    assert users.can("facilitator", "forums.edit") and users.can("facilitator", "plan.edit")
    assert not users.can("facilitator", "ledger.edit") and not users.can("facilitator", "export")
    assert users.can("officer", "export") and users.can("officer", "import")
    assert users.can("officer", "period.close") and users.can("officer", "backup")
    assert not users.can("officer", "users.manage") and not users.can("officer", "restore")
    for action in users.PERMISSIONS:
        assert users.can("admin", action)
    for role in users.ROLES:
        assert users.can(role, "view") and users.can(role, "audit.view")
    assert users.can("admin", "something.new") and not users.can("officer", "something.new")
    assert not users.can("", "view") and not users.can("nobody", "export")


def test_refusal_names_who_may():
    err = users.refusal("export")
    assert "เจ้าหน้าที่รายงาน" in err.th and "ผู้ดูแลระบบ" in err.th
    assert "officer" in err.en and "administrator" in err.en
    with pytest.raises(AbcError):
        users.require("clerk", "export")
    users.require("officer", "export")


def test_parse_role():
    assert users.parse_role(" Officer ") == "officer"
    assert users.parse_role("ผู้ดูแลระบบ") == "admin"
    with pytest.raises(AbcError):
        users.parse_role("boss")


# ---------------------------------------------------------------- users and the login rule


def test_login_is_off_until_an_admin_has_a_password(db_path):
    assert not users.login_enabled()
    users.register_user("วันเพ็ญ")  # a name recorded by --user: no password
    users.add_user("malee", "clerk", "secret1")
    assert not users.login_enabled()  # clerk passwords alone never lock the office out
    users.add_user("somsri", "admin", "secret1", who="setup")
    assert users.login_enabled()
    users.set_login(False, who="somsri")
    assert not users.login_enabled()
    users.set_login(True, who="somsri")
    assert users.login_enabled()
    assert users.file_login_enabled(db_path)


def test_login_cannot_be_switched_on_without_an_admin_password(db_path):
    users.add_user("somsri", "admin")
    with pytest.raises(AbcError):
        users.set_login(True)


def test_authenticate(db_path):
    users.add_user("somsri", "admin", "secret1")
    info = users.authenticate("somsri", "secret1")
    assert info.role == "admin" and info.last_login_at
    for name, password in (("somsri", "wrong12"), ("nobody", "secret1"), ("", "")):
        with pytest.raises(AbcError) as err:
            users.authenticate(name, password)
        assert "Wrong user name or password" in err.value.en  # the same for an unknown name
    users.add_user("malee", "clerk", "secret2")
    users.set_active("malee", False)
    with pytest.raises(AbcError, match="deactivated"):
        users.authenticate("malee", "secret2")


def test_user_changes_are_audited_without_the_hash(db_path):
    users.add_user("somsri", "admin", "secret1", who="setup")
    users.add_user("malee", "clerk", "secret2", who="somsri")
    users.set_role("malee", "officer", who="somsri")
    users.set_password("malee", "secret3", who="somsri")
    users.set_active("malee", False, who="somsri")
    rows = list(Audit.select().where(Audit.table == "user").order_by(Audit.id))
    assert [(r.row_uuid, r.action, r.who) for r in rows] == [
        ("somsri", "insert", "setup"),
        ("malee", "insert", "somsri"),
        ("malee", "update", "somsri"),
        ("malee", "update", "somsri"),
        ("malee", "update", "somsri"),
    ]
    assert all("scrypt" not in (r.before or "") + (r.after or "") for r in rows)
    assert users.get_user("malee").role == "officer" and not users.get_user("malee").active


def test_the_last_admin_who_can_log_in_is_kept(db_path):
    users.add_user("somsri", "admin", "secret1")
    with pytest.raises(AbcError):
        users.set_active("somsri", False)
    with pytest.raises(AbcError):
        users.set_role("somsri", "clerk")
    users.add_user("boss", "admin", "secret2")
    users.set_role("somsri", "clerk")  # another admin can log in
    assert users.get_user("somsri").role == "clerk"


def test_names_with_markup_or_control_characters_are_refused(db_path):
    for bad in ("นาย [/] ใจดี", "a\x00b", "x\u202ey"):
        with pytest.raises(AbcError):
            users.add_user(bad, "clerk", "secret1")
    assert users.add_user("นายสมชาย ใจดี", "clerk").name == "นายสมชาย ใจดี"


def test_a_name_recorded_before_accounts_becomes_an_account(db_path):
    users.register_user("วันเพ็ญ")
    info = users.add_user("วันเพ็ญ", "admin", "secret1")
    assert info.role == "admin" and info.has_password
    with pytest.raises(AbcError, match="already exists"):
        users.add_user("วันเพ็ญ", "clerk", "secret1")


# ---------------------------------------------------------------- migration 7


def test_migration_7_adds_account_columns_to_an_older_file(tmp_path):
    path = tmp_path / "old.sqlite3"
    database = open_database(path, target=5)
    database.execute_sql("INSERT INTO user (name, role, active) VALUES ('วันเพ็ญ', 'clerk', 1)")
    close_database()
    assert not users.file_login_enabled(path)  # older than accounts: no login, file untouched
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 5
    con.close()
    open_database(path)
    try:
        assert schema_version() == LATEST_VERSION >= 7
        u = User.get(User.name == "วันเพ็ญ")
        assert u.password_hash == "" and u.role == "clerk" and u.last_login_at is None
        assert not users.login_enabled()
    finally:
        close_database()


def test_file_login_enabled_on_missing_and_foreign_files(tmp_path):
    assert not users.file_login_enabled(tmp_path / "missing.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert not users.file_login_enabled(junk)
    assert junk.read_bytes() == b"not a database at all" * 100


# ---------------------------------------------------------------- audit viewer queries


def test_audit_filters_by_user_household_and_forum(office):
    h1, h2 = office.households[0], office.households[3]
    hh.update_household(
        h1.id,
        hh.HouseholdForm(
            house_no="1",
            head_name="นายสมชาย ใจดีมาก",
            members_count="3",
            occupation="rice",
            debt_at_joining="50,000",
            joined_on="1/10/2566",
        ),
        who="malee",
    )
    hh.add_member(h2.id, "เด็กหญิงฝน", who="somsri")
    f = forums.create_forum(
        forums.ForumForm(level="village", area_code=office.villages[0], date="15/3/67", topic="ลดรายจ่ายเหล้า"),
        who="somsri",
    )
    forums.add_finding(f.id, "หนี้นอกระบบ", who="somsri")

    by_malee = audit.page(audit.AuditFilter(who="malee"))
    assert [(r.table, r.who) for r in by_malee] == [("household", "malee")]
    assert by_malee[0].summary == h1.code

    of_h2 = audit.page(audit.AuditFilter(household_code=h2.code))
    assert [r.table for r in of_h2] == ["member", "household"]  # newest first

    of_forum = audit.page(audit.AuditFilter(forum_ids=audit.find_forums("เหล้า")))
    assert [r.table for r in of_forum] == ["finding", "forum"]
    assert audit.find_forums("15/3/67") == (f.id,)
    assert audit.find_forums("ไม่มีเวทีนี้") == ()

    today = _dt.date.today()
    assert len(audit.page(audit.AuditFilter(first=today, last=today))) == Audit.select().count()
    assert audit.page(audit.AuditFilter(last=today - _dt.timedelta(days=1))) == []
    assert "malee" in audit.users_in_audit()


def test_audit_household_filter_finds_ledger_lines_even_deleted(office):
    h, other = office.households[0], office.households[1]
    page = ledger_store.LedgerDesk(who="malee").open(h, Month(2024, 3))
    kept = page.save_line("3", "31", "ข้าวสาร", "492").line
    gone = page.save_line("4", "42", "บุหรี่", "139").line
    page.update_line(kept.id, "3", "31", "ข้าวสาร", "500")
    page.delete_line(gone.id)
    ledger_store.LedgerDesk(who="malee").open(other, Month(2024, 3)).save_line("5", "31", "", "10")
    rows = audit.page(audit.AuditFilter(household_code=h.code))
    assert [(r.table, r.action, r.row_uuid) for r in rows] == [
        ("ledger_line", "delete", gone.uuid),
        ("ledger_line", "update", kept.uuid),
        ("household", "insert", h.uuid),
    ]  # saving a new line writes no audit row; the other household's line is not here
    d = audit.detail(rows[0].id)
    assert {f.name: f.before for f in d.fields}["item"] == "บุหรี่"


def test_audit_pages_by_keyset_newest_first(db_path):
    for i in range(7):
        audit.record("setting", f"k{i}", "update", {"v": i}, {"v": i + 1}, "somsri")
    first = audit.page(audit.AuditFilter(), limit=3)
    second = audit.page(audit.AuditFilter(), before_id=first[-1].id, limit=3)
    third = audit.page(audit.AuditFilter(), before_id=second[-1].id, limit=3)
    ids = [r.id for r in first + second + third]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 7


def test_audit_detail_marks_the_changed_fields(db_path):
    audit.record(
        "household",
        "u1",
        "update",
        {"head_name": "ก", "members_count": 3},
        {"head_name": "ข", "members_count": 3, "active": False},
        "somsri",
    )
    d = audit.detail(Audit.select().order_by(Audit.id.desc()).get().id)
    assert [(f.name, f.before, f.after, f.changed) for f in d.fields] == [
        ("head_name", "ก", "ข", True),
        ("members_count", "3", "3", False),
        ("active", "", "False", True),
    ]
    assert audit.detail(999_999) is None
