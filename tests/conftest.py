"""Shared fixtures: a fresh database file per test and a small hand-built office."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from abc_tui.store import areas
from abc_tui.store import households as hh
from abc_tui.store.database import PRAGMAS, close_database, open_database
from abc_tui.store.models import Household

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PAGES = Path(__file__).resolve().parent / "paper_pages.csv"


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "durable: the db_path file keeps the program's synchronous=FULL (see no_fsync_per_commit)"
    )


@pytest.fixture
def no_fsync_per_commit(request, monkeypatch) -> None:
    """Tests only, and only for the database this test process opens: SQLite ``synchronous=OFF``
    instead of the program's FULL, so a commit is not an fsync (the suite was fsync-bound).

    What a test can see is unchanged: a committed row is in the file (the OS cache) for this
    process and any other; only a power cut could tell, and no in-process test makes one. Programs
    the tests start (``python -m abc_tui``: the kill, crash and two-instance tests) are untouched
    and keep FULL. A test about the setting itself is marked ``@pytest.mark.durable``."""
    if request.node.get_closest_marker("durable") is None:
        monkeypatch.setitem(PRAGMAS, "synchronous", "off")


@pytest.fixture
def db_path(tmp_path: Path, no_fsync_per_commit):
    """An empty, migrated database file under tmp_path (opened); no fsync per commit
    (:func:`no_fsync_per_commit`) unless the test is marked ``durable``."""
    path = tmp_path / "abc.sqlite3"
    open_database(path)
    yield path
    close_database()


@dataclass
class SmallOffice:
    """Tambon 540101 with villages 01 and 02 and five households."""

    path: Path
    tambon: str
    villages: list[str]
    households: list[Household]


@pytest.fixture
def office(db_path: Path) -> SmallOffice:
    return build_small_office(db_path)


def build_small_office(where) -> SmallOffice:
    """The small office of :func:`office` in the open database (a file, or a server's URL)."""
    areas.setup_office("อบต.ทดสอบ", "54", "แพร่", "5401", "เมืองแพร่", "540101", "ในเวียง")
    v1 = areas.add_village("540101", "1", "บ้านนาน้อย").code
    v2 = areas.add_village("540101", "2", "บ้านป่าแดง").code
    rows = [
        (v1, "1", "นายสมชาย ใจดี", "rice", "50,000"),
        (v1, "2", "นางมาลี แก้วมา", "wage", "0"),
        (v1, "3/1", "นายบุญมี ศรีวงศ์", "business", "120,000"),
        (v2, "7", "นางสมศรี คำแสน", "crops", "20,000"),
        (v2, "8", "นายทองดี อินต๊ะ", "livestock", "0"),
    ]
    made = [
        hh.add_household(
            v,
            hh.HouseholdForm(
                house_no=no,
                head_name=name,
                members_count="3",
                occupation=occ,
                debt_at_joining=debt,
                joined_on="1/10/2566",
            ),
        )
        for v, no, name, occ, debt in rows
    ]
    return SmallOffice(where, "540101", [v1, v2], made)
