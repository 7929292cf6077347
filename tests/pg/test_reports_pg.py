"""The same data gives the same report files on SQLite and PostgreSQL, byte for byte (issue 11 §5).

The golden demo office (tests/unit/test_reports_golden.py) is built on SQLite, then copied row for
row into a fresh PostgreSQL database (ids, UUIDs and the pseudonym key kept; the summaries are
filled by the PostgreSQL triggers as the rows go in). Every report, the statements and the data
card are then made on both and compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from abc_tui.reports import datacard, export, queries, statements, summary
from abc_tui.reports.spec import REPORT_NAMES
from abc_tui.store import engine
from abc_tui.store.database import close_database, open_database
from abc_tui.store.models import ALL_MODELS, PERIOD_MODELS, db
from tests.unit.test_reports_golden import GOLDEN, PERIODS, TAMBON, VILLAGE, build_golden_demo, report_cases


def copy_office(source: Path, url: str) -> None:
    """Every row of the office file at ``source`` into the (migrated, empty) server database."""
    open_database(source)
    tables = {}
    for model in ALL_MODELS + PERIOD_MODELS:
        tables[model] = list(model.select().dicts())
    close_database()
    open_database(url)
    assert engine.is_postgres()
    with db.atomic():
        for model in reversed(ALL_MODELS + PERIOD_MODELS):
            model.delete().execute()
        for model, rows in tables.items():
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start : start + 500]).execute()
        for model in ALL_MODELS + PERIOD_MODELS:  # serial ids continue after the copied ones
            pk = model._meta.primary_key
            if getattr(pk, "field_type", "") == "AUTO" and tables[model]:
                table = model._meta.table_name
                db.execute_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
                    f'(SELECT max("{pk.column_name}") FROM "{table}"))'
                )


#: The server's own ordering of text: byte order (``C``), and a Thai one (ICU), where ``-``, ``/``
#: and ``~`` sort differently from SQLite's byte order and the area code ranges must still hold.
COLLATIONS = {
    "C": "",
    "th-icu": "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'th-TH' LOCALE 'C'",
}


@pytest.fixture(scope="module", params=list(COLLATIONS))
def both(request, tmp_path_factory, pg_server):
    folder = tmp_path_factory.mktemp("pg-reports")
    sqlite_path = build_golden_demo(folder / "demo.sqlite3")
    close_database()
    name = f"abc_reports_{request.param.replace('-', '_')}"
    with pg_server.admin() as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        try:
            con.execute(f'CREATE DATABASE "{name}" {COLLATIONS[request.param]}')
        except Exception as exc:  # noqa: BLE001 - a server built without ICU
            pytest.skip(f"this PostgreSQL cannot make a {request.param} database: {exc}")
    url = pg_server.url(name)
    copy_office(sqlite_path, url)
    assert summary.verify() == []  # the PostgreSQL triggers made the summaries exact
    assert summary.verify_in_sql() == []  # and the in-database check (abc-tui check) says so too
    close_database()
    yield {"sqlite": sqlite_path, "postgres": url}
    close_database()
    pg_server.drop(name)


def files(where, tmp: Path) -> dict[str, bytes]:
    open_database(where)
    out = {}
    for name, pname, area, named in report_cases():
        result = export.export_report(
            name, PERIODS[pname], area, out=tmp / f"{name}-{pname}-{area}-{named}.csv", named=named
        )
        out[result.path.name] = result.path.read_bytes()
    for lang in ("th", "en"):
        path, _ = statements.export_statements(
            VILLAGE, PERIODS["part"], out=tmp / f"s-{lang}.txt", named=True, lang=lang
        )
        out[path.name] = path.read_bytes()
    rows = []
    for name in REPORT_NAMES:
        for period in PERIODS.values():
            rows.append(repr(queries.run(name, period, TAMBON, named=True)))
    for period in PERIODS.values():
        rows.append(repr(queries.debt_trend(period, TAMBON)) + repr(queries.monthly_totals(period, VILLAGE)))
        rows.append(repr(datacard.data_card(VILLAGE, period.first, period.last)))
    out["rows"] = "\n".join(rows).encode()
    close_database()
    return out


def test_every_report_is_the_same_file_on_sqlite_and_postgresql(both, tmp_path):
    on_sqlite = files(both["sqlite"], tmp_path / "sqlite")
    on_postgres = files(both["postgres"], tmp_path / "postgres")
    assert set(on_sqlite) == set(on_postgres)
    differ = [name for name in on_sqlite if on_sqlite[name] != on_postgres[name]]
    assert differ == [], differ
    # and both are the golden files
    assert on_sqlite["ledger-all-54010102-False.csv"] == (GOLDEN / "ledger-all-54010102.csv").read_bytes()


def test_demo_built_on_postgresql_gives_the_golden_files(pg_url, tmp_path):
    """The demo built straight into PostgreSQL (no copy) gives the very files the SQLite demo gave."""
    build_golden_demo(pg_url)
    assert engine.is_postgres()
    for name, pname, area, named in report_cases():
        result = export.export_report(name, PERIODS[pname], area, out=tmp_path / "r.csv", named=named)
        suffix = "-named" if named else ""
        golden = GOLDEN / f"{name}-{pname}-{area}{suffix}.csv"
        assert result.path.read_bytes() == golden.read_bytes(), golden.name
    path, _ = statements.export_statements(
        VILLAGE, PERIODS["part"], out=tmp_path / "s.txt", named=True, lang="th"
    )
    assert path.read_bytes() == (GOLDEN / "statements-th.txt").read_bytes()
    # The summaries' own statements (reports/summary.py) rebuild them exactly on the server too.
    before = db.execute_sql("SELECT * FROM report_item ORDER BY 1, 2, 3, 4, 5").fetchall()
    summary.rebuild()
    assert db.execute_sql("SELECT * FROM report_item ORDER BY 1, 2, 3, 4, 5").fetchall() == before
    assert summary.verify_in_sql() == [] and summary.verify() == []
