"""The household import's dry run as text (command line) and as table rows (the import screen)."""

from __future__ import annotations

from abc_tui.domain.thai import format_date_be
from abc_tui.store.household_import import FIELD_LABELS, FIELDS, Plan, column_letter

ACTION_LABELS = {"add": ("เพิ่ม", "add"), "skip": ("ข้าม", "skip"), "refuse": ("ไม่รับ", "refuse")}


def mapping_lines(plan: Plan) -> list[str]:
    """``บ้านเลขที่ / house number: B (บ้านเลขที่)`` per field; unmapped fields say so."""
    lines = []
    for f in FIELDS:
        th, en = FIELD_LABELS[f]
        col = plan.mapping.get(f)
        if col is None:
            where = "— (ไม่มี / none)"
        else:
            header = plan.headers[col] if col < len(plan.headers) else ""
            where = f"{column_letter(col)} ({header})" if header not in (None, "") else column_letter(col)
        lines.append(f"  {th} / {en}: {where}")
    return lines


def plan_rows(plan: Plan, lang: str = "th") -> list[tuple[str, str, str, str, str, str]]:
    """(row, action, village, house number, head, reason) per row, in the language given."""
    i = 0 if lang == "th" else 1
    return [
        (
            str(r.row),
            ACTION_LABELS[r.action][i],
            f"{int(r.village_code[-2:])}" if r.village_code else "",
            r.house_no,
            r.head,
            r.reason(lang),
        )
        for r in plan.rows
    ]


def summary(plan: Plan) -> str:
    c = plan.counts
    return (
        f"เพิ่ม {c['add']} ข้าม {c['skip']} ไม่รับ {c['refuse']} / "
        f"add {c['add']}, skip {c['skip']}, refuse {c['refuse']}"
    )


def format_plan(plan: Plan, name: str = "") -> str:
    """The whole dry run for the terminal: the mapping, every row with its reason, the counts."""
    out = [f"{name}: แถวหัวคอลัมน์ / header row {plan.header_row}", "คอลัมน์ / columns:", *mapping_lines(plan)]
    if plan.default_joined is not None:
        when = format_date_be(plan.default_joined)
        out.append(
            f"วันที่เข้าร่วมของแถวที่ไม่ระบุ: {when} (เปลี่ยนด้วย --joined) / "
            f"date joined of rows without one: {when} (--joined to change)"
        )
    out.append("แถว/row  ผล/action  หมู่/moo  เลขที่/house  หัวหน้า/head — เหตุผล/reason")
    for r in plan.rows:
        th, en = ACTION_LABELS[r.action]
        moo = f"{int(r.village_code[-2:])}" if r.village_code else "-"
        reason = f"{r.reason_th} / {r.reason_en}" if r.reason_th else ""
        out.append(
            f"{r.row:>6}  {th}/{en:<7} {moo:>3}  {r.house_no or '-':<8} {r.head or '-'}"
            + (f" — {reason}" if reason else "")
        )
    out.append(summary(plan))
    return "\n".join(out)
