"""Strings added by the QA walk-through (audit labels that were missing)."""

STRINGS: dict[str, tuple[str, str]] = {
    "audit.t.period_state": ("งวดรายงาน", "period"),
    "audit.t.eval_round": ("รอบประเมิน", "evaluation round"),
    "audit.a.reopen": ("เปิดงวดใหม่", "reopened"),
}
