"""The default (pseudonymised) export only reads the office's key (issue 8, item 7).

The key is made by migration 6 (and so by every new file); an export then works on a file opened
read-only and while another program holds the write lock, exactly as ``--named`` does.
"""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.reports import queries
from abc_tui.reports.period import Period
from abc_tui.store import settings
from abc_tui.store.database import PRAGMAS, close_database, migrate, open_database, schema_version
from abc_tui.store.models import db
from tests.cli.test_export import run
from tests.unit.test_reports_fixture import CLERK, build

P = Period(Month(2024, 1), Month(2024, 3))


def test_a_new_file_has_its_key(db_path):
    key = settings.get("pseudonym_key")
    assert len(key) == 32 and int(key, 16) >= 0


def test_migration_6_adds_a_key_and_keeps_one_already_written(tmp_path):
    for name, old_key in (("fresh", None), ("used", "ab" * 16)):
        path = tmp_path / f"{name}.sqlite3"
        open_database(path, target=5)
        assert schema_version() == 5
        if old_key:  # an older abc-tui wrote its key on the first export
            settings.put("pseudonym_key", old_key)
        assert 6 in migrate(db)
        key = settings.get("pseudonym_key")
        assert len(key) == 32 and (old_key is None or key == old_key)
        close_database()


@pytest.fixture
def books_file(office):
    build(office)
    expected = len(queries.ledger(P, "540101", named=True))  # named: the default would make the key
    close_database()
    return office.path, expected


def _open_read_only(path) -> None:
    db.init(f"file:{path}?mode=ro", uri=True, pragmas=PRAGMAS, check_same_thread=False)
    db.connect()


def test_default_export_of_a_read_only_file(books_file):
    path, expected = books_file
    _open_read_only(path)
    try:
        with pytest.raises(peewee.OperationalError):  # really read-only
            settings.put("probe", "1")
        rows = queries.ledger(P, "540101")
    finally:
        close_database()
    assert len(rows) == expected
    assert {r[9] for r in rows} == {queries._pseudonym(CLERK, _key(path))}


def _key(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT value FROM setting WHERE key = 'pseudonym_key'").fetchone()[0]
    finally:
        con.close()


def test_default_export_under_another_writers_lock(books_file, tmp_path):
    path, expected = books_file
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another PC is in the middle of saving
    try:
        open_database(path)
        assert len(queries.ledger(P, "540101")) == expected
        close_database()
        # and the real command, as an officer runs it
        result = run(
            "export", "ledger", "--db", str(path), "--from", "2024-01", "--to", "2024-03", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert "clerk-" in next((tmp_path / "exports").glob("*ledger*.csv")).read_text("utf-8-sig")
    finally:
        writer.rollback()
        writer.close()


def test_a_file_without_a_key_is_refused_with_a_message(db_path):
    with db.atomic():
        db.execute_sql("DELETE FROM setting WHERE key = 'pseudonym_key'")
    with pytest.raises(AbcError) as err:
        queries.pseudonym(CLERK)
    assert "pseudonym" in err.value.en
    assert settings.get("pseudonym_key") == ""  # nothing written
