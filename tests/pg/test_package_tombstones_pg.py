"""The tombstone tests of tests/unit/test_package_tombstones.py again, with the district's database
on the PostgreSQL server (the tambons stay SQLite offices, as they will be): deletions travel, an
older package brings nothing back, conflicts, undone deletes, locked months, corrected members."""

from __future__ import annotations

import pytest

from tests.unit.test_package_tombstones import *  # noqa: F403 - the same tests, collected here
from tests.unit.test_package_tombstones import tambon  # noqa: F401 - the module's fixture


@pytest.fixture
def db_path(pg_url):
    """The district's database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
