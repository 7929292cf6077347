"""The older-package upgrade tests of tests/unit/test_package_upgrade.py again, with the district's
database on the PostgreSQL server."""

from __future__ import annotations

import pytest

from tests.unit.test_package_upgrade import *  # noqa: F403 - the same tests, collected here


@pytest.fixture
def db_path(pg_url):
    """The district's database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
