"""abc-tui: the terminal program for the ABC household-account programme."""

import sys as _sys

__version__ = "0.1.0"


def _import_peewee_without_server_drivers() -> None:
    """Import peewee with its PostgreSQL and MySQL drivers hidden.

    peewee imports psycopg (and psycopg2, pymysql) at its own import when they are installed: psycopg
    alone is ~40 ms of every start, for a server most offices never use. An office that opens a
    server gets the driver then (:func:`abc_tui.store.engine.load_psycopg`)."""
    if "peewee" in _sys.modules:
        return
    hidden = ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb")
    saved = {name: _sys.modules[name] for name in hidden if name in _sys.modules}
    for name in hidden:
        if name not in saved:
            _sys.modules[name] = None  # type: ignore[assignment]  # "import name" -> ImportError
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            if name not in saved:
                _sys.modules.pop(name, None)


_import_peewee_without_server_drivers()
