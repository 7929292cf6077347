"""Strings of the error guard (keys prefixed ``guard.``): what failed and what to do about it."""

STRINGS: dict[str, tuple[str, str]] = {
    "guard.what": ("ทำรายการไม่สำเร็จ", "Not done"),
    "guard.locked": (
        "อีกโปรแกรมหนึ่งกำลังบันทึกฐานข้อมูลอยู่ รอสักครู่แล้วลองอีกครั้ง",
        "another program is writing to the database; wait a moment and try again",
    ),
    "guard.full": (
        "ดิสก์เต็ม ลบไฟล์ที่ไม่ใช้แล้วลองอีกครั้ง",
        "the disk is full; free some space and try again",
    ),
    "guard.gone": (
        "อ่านหรือเขียนไฟล์ไม่ได้ (ถอดแฟลชไดรฟ์ออกหรือไม่?) เสียบกลับแล้วลองอีกครั้ง",
        "cannot read or write the file (USB stick removed?); put it back and try again",
    ),
    "guard.denied": (
        "ไม่มีสิทธิ์เขียนไฟล์ หรือไฟล์เป็นแบบอ่านอย่างเดียว",
        "no permission to write the file, or it is read-only",
    ),
    "guard.damaged": (
        "ไฟล์ฐานข้อมูลเสียหาย ตรวจด้วย abc-tui check หรือกู้จากไฟล์สำรอง",
        "the database file is damaged; run abc-tui check or restore a backup",
    ),
    "guard.conflict": (
        "ขัดกับข้อมูลที่บันทึกไว้แล้ว (อาจมีคนอื่นบันทึกพร้อมกัน) เปิดใหม่แล้วลองอีกครั้ง",
        "conflicts with data already saved (someone else may have saved it); reopen and try again",
    ),
    "guard.db": ("ฐานข้อมูลขัดข้อง", "database error"),
    "guard.os": ("ไฟล์ขัดข้อง", "file error"),
    "guard.bug": ("ข้อผิดพลาดที่ไม่คาดคิด", "unexpected error"),
}

STRINGS.update({
    "ledger.confirm_drop": (
        "บรรทัดที่พิมพ์ไว้บันทึกไม่ได้: {reason}\nทิ้งบรรทัดนี้แล้วไปต่อหรือไม่?  (ไม่ = กลับไปแก้)",
        "The typed line cannot be saved: {reason}\nDrop it and go on?  (No = go back and fix it)",
    ),
})

STRINGS.update({
    "reports.statements_named": (
        "ใส่ชื่อหัวหน้าครัวเรือนในใบแจ้งผลหรือไม่?  (ไม่ใส่ = รหัสครัวเรือนเท่านั้น)\n"
        "y = ใส่ชื่อ   Enter/n = ไม่ใส่ชื่อ   Esc = ยกเลิก",
        "Include the heads' names in the statements?  (no = household codes only)\n"
        "y = names   Enter/n = no names   Esc = cancel",
    ),
})
