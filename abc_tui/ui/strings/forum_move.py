"""Strings of moving a forum to another area (the question asked before its attendance is cut)."""

STRINGS: dict[str, tuple[str, str]] = {
    "forum_move.attendees": (
        "ผู้เข้าร่วม {n} คนที่ไม่ได้อยู่ในพื้นที่ใหม่จะถูกลบออกจากเวทีนี้",
        "{n} attendees not from the new area will be removed.",
    ),
    "forum_move.plan": (
        "ข้อเสนอในแผน {n} รายการจะย้ายไปพื้นที่ใหม่ด้วย",
        "{n} plan items move to the new area.",
    ),
    "forum_move.continue": ("ดำเนินการต่อ? (Enter = ใช่, Esc = ไม่)", "Continue? (Enter = yes, Esc = no)"),
    "forum_move.kept": (
        "ยังไม่ได้บันทึก: เวทียังอยู่ที่พื้นที่เดิม ผู้เข้าร่วมครบเหมือนเดิม",
        "Not saved: the forum stays in its area with all its attendees",
    ),
}
