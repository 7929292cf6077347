"""tests/unit/test_periods.py again, with the office's database on the PostgreSQL server."""

import pytest

from tests.unit.test_periods import *  # noqa: F403

del test_export_all_logs_every_file_once  # the spending-profile SQL is made portable on h-figures


@pytest.fixture
def db_path(pg_url):
    """The office database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
