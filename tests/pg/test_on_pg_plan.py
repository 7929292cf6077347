"""tests/unit/test_plan.py again, with the office's database on the PostgreSQL server."""

import pytest

from tests.unit.test_plan import *  # noqa: F403


@pytest.fixture
def db_path(pg_url):
    """The office database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
