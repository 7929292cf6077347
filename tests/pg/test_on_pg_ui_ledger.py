"""tests/ui/test_ledger.py again, with the office's database on the PostgreSQL server: the TUI opens
on the main menu and a clerk's typed pages are saved, read back, edited and deleted (Pilot)."""

import pytest

from tests.ui.test_ledger import *  # noqa: F403


@pytest.fixture
def db_path(pg_url):
    """The office database: a fresh PostgreSQL database (its URL), opened and migrated."""
    from abc_tui.store.database import close_database, open_database

    open_database(pg_url)
    yield pg_url
    close_database()
