"""Strings of moving a forum to another area (the question asked before its attendance is cut)."""

STRINGS: dict[str, tuple[str, str]] = {
    "forum_move.question": (
        "ย้ายเวทีไปพื้นที่ใหม่: ผู้เข้าร่วม {attendees} คนที่ไม่ได้อยู่ในพื้นที่ใหม่จะถูกลบออกจากเวทีนี้ "
        "ข้อเสนอในแผน {items} รายการจะย้ายไปพื้นที่ใหม่ด้วย ดำเนินการต่อ? (Enter = ใช่, Esc = ไม่)",
        "Moving the forum: {attendees} attendees not from the new area will be removed; "
        "{items} plan items move to the new area. Continue? (Enter = yes, Esc = no)",
    ),
    "forum_move.kept": (
        "ยังไม่ได้บันทึก: เวทียังอยู่ที่พื้นที่เดิม ผู้เข้าร่วมครบเหมือนเดิม",
        "Not saved: the forum stays in its area with all its attendees",
    ),
}
