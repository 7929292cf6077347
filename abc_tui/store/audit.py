"""Writing the audit table: who changed what, with before/after as JSON."""

from __future__ import annotations

import json
from typing import Any

from abc_tui.store.models import Audit


def record(table: str, row_uuid: str, action: str, before: Any, after: Any, who: str = "") -> None:
    """Add one audit row. Call inside the same ``db.atomic()`` as the change itself."""
    Audit.create(
        table=table,
        row_uuid=row_uuid,
        action=action,
        before=None if before is None else json.dumps(before, ensure_ascii=False, default=str),
        after=None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        who=who,
    )
