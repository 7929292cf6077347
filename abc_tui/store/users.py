"""People who use the program (clerks, facilitators, officers). Roles come later."""

from __future__ import annotations

from abc_tui.domain.areas import parse_name
from abc_tui.store.models import User, db


def register_user(name: str, role: str = "clerk") -> str:
    """Make sure ``name`` is a known user; return the cleaned name."""
    name = parse_name(name, field_th="ชื่อผู้ใช้", field_en="user name")
    with db.atomic():
        User.insert(name=name, role=role).on_conflict_ignore().execute()
    return name


def names() -> list[str]:
    return [u.name for u in User.select().where(User.active == True).order_by(User.name)]
