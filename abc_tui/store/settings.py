"""Office-wide settings kept in the ``setting`` table."""

from __future__ import annotations

from abc_tui.store.models import Setting, db


def get(key: str, default: str = "") -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def put(key: str, value: str) -> None:
    with db.atomic():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]
        ).execute()


def is_demo() -> bool:
    return get("demo") == "1"
