"""tests/unit/test_store.py again, with the office's database on the PostgreSQL server."""

import pytest

from tests.unit.test_store import *  # noqa: F403

del test_pragmas_are_safe  # noqa: F821 - from the star import; SQLite's PRAGMAs: no such thing on a server


@pytest.fixture
def db_path(pg_url):
    """The office database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
