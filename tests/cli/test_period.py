"""``abc-tui period`` and ``abc-tui sent`` through a real subprocess, as an officer runs them."""

from __future__ import annotations

import sqlite3

import pytest

from abc_tui.store.database import close_database
from tests.cli.test_cli import run
from tests.unit.test_reports_fixture import build


@pytest.fixture
def books_file(office):
    build(office)
    close_database()
    return office.path


def _state(path, village, month):
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT state FROM period_state WHERE village_code = ? AND month = ?", (village, month)
        ).fetchone()
        return row[0] if row else "open"
    finally:
        con.close()


def test_submit_approve_reopen(books_file, tmp_path):
    db = str(books_file)
    r = run("period", "submit", "--area", "54010101", "--month", "1/2567", "--db", db, "--by", "officer1")
    assert r.returncode == 0, r.stderr
    assert "Submitted (locked): 54010101 2024-01" in r.stdout
    assert "unbalanced" in r.stdout and "54010101-1" in r.stdout  # warned and listed, still submitted
    assert _state(books_file, "54010101", "2024-01") == "submitted"

    r = run("period", "list", "--area", "540101", "--month", "2024-01", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "54010101  2024-01  submitted  officer1" in r.stdout and "54010102  2024-01  open" in r.stdout

    r = run("period", "approve", "--area", "54010101", "--month", "2024-01", "--db", db, "--by", "head")
    assert r.returncode == 0 and "Approved: 54010101 2024-01" in r.stdout
    assert _state(books_file, "54010101", "2024-01") == "approved"

    r = run("period", "reopen", "--area", "54010101", "--month", "2024-01", "--db", db)
    assert r.returncode == 2 and "reason" in r.stderr  # no reason: refused, nothing changed
    assert _state(books_file, "54010101", "2024-01") == "approved"

    r = run("period", "reopen", "--area", "54010101", "--month", "2024-01", "--reason", "พิมพ์ผิด", "--db", db)
    assert r.returncode == 0, r.stderr
    assert _state(books_file, "54010101", "2024-01") == "open"


def test_bad_input_exits_2(books_file):
    db = str(books_file)
    r = run("period", "submit", "--area", "54010101", "--db", db)
    assert r.returncode == 2 and "--month" in r.stderr
    r = run("period", "approve", "--area", "54010101", "--month", "2024-01", "--db", db)
    assert r.returncode == 2 and "No submitted" in r.stderr
    r = run("period", "submit", "--area", "99", "--month", "2024-01", "--db", db)
    assert r.returncode == 2
    assert _state(books_file, "54010101", "2024-01") == "open"


def test_sent_lists_every_export_and_a_re_export_says_what_changed(books_file, tmp_path):
    db = str(books_file)
    r = run("sent", "--db", db)
    assert r.returncode == 0 and "Nothing sent yet" in r.stdout
    r = run("export", "village-month", "--db", db, "--from", "2024-01", "--to", "2024-03", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "changed" not in r.stdout
    con = sqlite3.connect(books_file)
    with con:
        con.execute("DELETE FROM ledger_line WHERE date = '2024-02-02'")  # H3's February income
    con.close()
    r = run("export", "village-month", "--db", db, "--from", "2024-01", "--to", "2024-03", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Figures changed since last sent" in r.stdout
    assert "54010101 2024-02 income: 1000000 → 600000" in r.stdout
    r = run("sent", "--db", db)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "village-month" in ln]
    assert len(lines) == 2 and all("2024-01–2024-03" in ln and "540101" in ln for ln in lines)


def test_close_round(books_file):
    db = str(books_file)
    r = run("period", "close-round", "--area", "540101", "--period", "bimonth:2567-1", "--db", db)
    assert r.returncode == 0, r.stderr
    r = run("period", "close-round", "--area", "540101", "--period", "bimonth:2567-1", "--db", db)
    assert r.returncode == 2 and "already closed" in r.stderr
