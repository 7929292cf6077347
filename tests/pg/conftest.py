"""A real PostgreSQL server for the tests under tests/pg.

``$ABC_TUI_TEST_PG`` (a URL to a server where this user may create databases, e.g.
``postgresql://abc:secret@127.0.0.1:5432/postgres``) if set; else a throwaway cluster started
here (:mod:`tests.pg.cluster`) and stopped at the end of the session. When no server can be had
the tests skip and say why, unless ``ABC_TUI_PG_REQUIRED=1`` (CI): then they fail.
Every test gets a database of its own (``pg_url``), dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest

from abc_tui.store.database import close_database
from tests.pg.cluster import Cluster, ClusterError

ENV_URL = "ABC_TUI_TEST_PG"
ENV_REQUIRED = "ABC_TUI_PG_REQUIRED"


def _no_server(reason: str):
    if os.environ.get(ENV_REQUIRED) == "1":
        pytest.fail(f"PostgreSQL is required ({ENV_REQUIRED}=1) but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason} (set {ENV_URL} to a server URL, or install PostgreSQL)")


@dataclass
class Server:
    admin_url: str
    cluster: Cluster | None

    def url(self, dbname: str, password: str | None = None) -> str:
        parts = urlsplit(self.admin_url)
        netloc = parts.netloc
        if password is not None:
            host = netloc.rsplit("@", 1)[-1]
            netloc = f"{parts.username}:{password}@{host}"
        return urlunsplit(parts._replace(netloc=netloc, path=f"/{dbname}"))

    def admin(self):
        import psycopg

        return psycopg.connect(self.admin_url, autocommit=True, connect_timeout=10)

    def create(self, dbname: str) -> str:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            con.execute(f'CREATE DATABASE "{dbname}"')
        return self.url(dbname)

    def drop(self, dbname: str) -> None:
        with self.admin() as con:
            con.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server():
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_server('psycopg is not installed (pip install -e ".[postgres]")')
    given = os.environ.get(ENV_URL)
    if given:
        server = Server(given, None)
        try:
            server.admin().close()
        except Exception as exc:  # noqa: BLE001 - any failure to reach it is the reason to skip
            _no_server(f"{ENV_URL} cannot be reached: {exc}")
        yield server
        return
    cluster = Cluster()
    try:
        cluster.start()
    except (ClusterError, OSError, Exception) as exc:  # noqa: BLE001
        _no_server(str(exc))
    try:
        yield Server(cluster.url("postgres"), cluster)
    finally:
        close_database()
        cluster.stop()


_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: Server):
    """A fresh, empty database on the server (its URL); dropped after the test."""
    name = f"abc_t{os.getpid()}_{next(_numbers)}"
    url = pg_server.create(name)
    yield url
    close_database()
    pg_server.drop(name)


@pytest.fixture
def pg_office(pg_url):
    """The small hand-built office of tests/conftest.py (tambon 540101, two villages, five
    households), on a fresh PostgreSQL database."""
    from abc_tui.store.database import open_database
    from tests.conftest import build_small_office

    open_database(pg_url)
    return build_small_office(pg_url)
