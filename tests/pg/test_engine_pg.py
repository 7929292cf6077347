"""The engine layer on a real PostgreSQL server: open, migrate, versions, refusals."""

from __future__ import annotations

import pytest

from abc_tui.cli import main
from abc_tui.domain.errors import AbcError
from abc_tui.store import engine
from abc_tui.store.database import check_database, open_database, schema_version, table_counts
from abc_tui.store.migrations import LATEST_VERSION, MIGRATIONS
from abc_tui.store.models import db


def test_a_new_server_database_is_set_up_at_the_latest_version(pg_url):
    open_database(pg_url)
    assert engine.is_postgres() and engine.kind() == "postgres"
    assert schema_version(db) == LATEST_VERSION
    assert table_counts()["category"] > 30
    result = check_database(pg_url)
    assert result.ok, result.problems
    assert "abc-test" not in result.path  # never the password


def test_open_twice_changes_nothing_and_sqlite_comes_back(pg_url, tmp_path):
    open_database(pg_url)
    open_database(pg_url)
    assert schema_version(db) == LATEST_VERSION
    open_database(tmp_path / "x.sqlite3")
    assert engine.is_sqlite()


def test_a_database_of_another_program_is_refused_untouched(pg_url, pg_server):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE other (x int)")
    with pytest.raises(AbcError) as err:
        open_database(pg_url)
    assert "another program" in err.value.en
    with psycopg.connect(pg_url, autocommit=True) as con:
        tables = {r[0] for r in con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"other"}


def test_a_newer_schema_is_refused(pg_url):
    open_database(pg_url)
    db.execute_sql('UPDATE "schema_version" SET "version" = %s', (LATEST_VERSION + 1,))
    with pytest.raises(AbcError) as err:
        open_database(pg_url)
    assert "newer program" in err.value.en


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_refused_connection_is_a_clear_message_exit_2(capsys, pg_server):
    from tests.pg.cluster import free_port

    url = f"postgresql://abc:pw@127.0.0.1:{free_port()}/nothing"
    code, out, err = _run(capsys, "check", "--db", url)
    assert code == 2
    assert "Cannot reach the database server" in err and "ติดต่อเซิร์ฟเวอร์ฐานข้อมูลไม่ได้" in err
    assert "Traceback" not in err and ":pw@" not in err


def test_wrong_password_is_a_clear_message_exit_2(capsys, pg_server, pg_url):
    if pg_server.cluster is None:
        pytest.skip("the server given in ABC_TUI_TEST_PG may not check passwords")
    bad = pg_url.replace(":abc-test@", ":wrong@")
    assert bad != pg_url
    code, out, err = _run(capsys, "check", "--db", bad)
    assert code == 2
    assert "wrong user name or password" in err and "รหัสผ่านไม่ถูกต้อง" in err
    assert "Traceback" not in err and "wrong@" not in err


def test_engine_sql_helpers_run_on_both_engines(pg_url, tmp_path):
    for target in (tmp_path / "a.sqlite3", pg_url):
        open_database(target)
        day = "DATE '2025-03-04'" if engine.is_postgres() else "'2025-03-04'"  # a date column's value
        q = engine.sql(
            "SELECT ?, '?%', "
            + engine.month_of(day)
            + ", "
            + engine.year_of(day)
            + ", "
            + engine.zero_pad("7", 2)
            + ", "
            + engine.instr("'abc'", "'c'")
            + ", "
            + engine.greatest("3", "5")
            + ", "
            + engine.char(65)
        )
        row = db.execute_sql(q, ("x",)).fetchone()
        assert tuple(row) == ("x", "?%", "2025-03", 2025, "07", 3, 5, "A"), (target, row)
        agg = db.execute_sql(
            "SELECT "
            + engine.group_concat("x", "|")
            + ", "
            + engine.sum_int("n")
            + ", "
            + engine.json_text("j", "k")
            + " FROM (SELECT 'a' AS x, 2 AS n, '{\"k\": 1}' AS j "
            "UNION ALL SELECT 'b', 3, '{\"k\": 1}') t GROUP BY j"
        ).fetchone()
        assert sorted(agg[0].split("|")) == ["a", "b"] and agg[1] == 5 and agg[2] == "1"


def test_two_programs_setting_up_one_server_database_at_once(pg_url):
    """Both start on the empty database together: one sets it up, the other waits and finds it done."""
    import threading

    from abc_tui.store import engine as eng
    from abc_tui.store.database import migrate

    errors, applied = [], []

    def start():
        server = eng.new_server_database(pg_url)
        try:
            server.connect()
            applied.append(migrate(server))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            server.close()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(len(a) for a in applied) == [0, 0, len(MIGRATIONS)]
    open_database(pg_url)
    assert schema_version(db) == LATEST_VERSION
