"""Every office-package test of tests/unit/test_package.py again, with the district's database on
the PostgreSQL server: complete and idempotent imports, the roll-up equal to the sum of the
tambons, conflicts, newer/older rows, locked months, bad rows (the packages come from SQLite
offices, as they will)."""

from __future__ import annotations

import pytest

from tests.unit.test_package import *  # noqa: F403 - the same tests, collected here
from tests.unit.test_package import packages  # noqa: F401 - the module's fixture


@pytest.fixture
def db_path(pg_url):
    """The district's database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
