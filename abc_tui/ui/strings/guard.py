"""Strings of the error guard (``guard.``: what failed and what to do about it), of the ledger's
question before a typed line is dropped, and of the statements' "include names?" question."""

STRINGS: dict[str, tuple[str, str]] = {
    "guard.what": ("ทำรายการไม่สำเร็จ", "Not done"),
    "guard.locked": (
        "อีกโปรแกรมกำลังเขียนฐานข้อมูล รอสักครู่แล้วลองใหม่",
        "another program is writing; wait a moment and try again",
    ),
    "guard.full": ("ดิสก์เต็ม ลบไฟล์ที่ไม่ใช้แล้วลองใหม่", "the disk is full; free some space and try again"),
    "guard.gone": (
        "เข้าถึงไฟล์ไม่ได้ (ถอดแฟลชไดรฟ์ออก?) เสียบกลับแล้วลองใหม่",
        "the file is gone (USB stick pulled out?); plug it in, try again",
    ),
    "guard.denied": ("ไม่มีสิทธิ์เขียนไฟล์ (ไฟล์อ่านอย่างเดียว?)", "no permission to write the file (read-only?)"),
    "guard.damaged": (
        "ไฟล์ฐานข้อมูลเสียหาย ตรวจด้วย abc-tui check หรือกู้จากไฟล์สำรอง",
        "the database file is damaged; run abc-tui check or restore a backup",
    ),
    "guard.conflict": (
        "ขัดกับข้อมูลที่มีผู้อื่นบันทึกไว้ เปิดใหม่แล้วลองอีกครั้ง",
        "clashes with data saved by someone else; reopen and try again",
    ),
    "guard.db": ("ฐานข้อมูลขัดข้อง", "database error"),
    "guard.os": ("ไฟล์ขัดข้อง", "file error"),
    "guard.bug": ("ข้อผิดพลาดที่ไม่คาดคิด", "unexpected error"),
    # ledger: F2/F3/F5/F6 on a line that cannot be saved
    "ledger.confirm_drop": (
        "บรรทัดที่พิมพ์ไว้บันทึกไม่ได้: {reason}\nทิ้งบรรทัดนี้แล้วไปต่อหรือไม่?  (y = ทิ้ง  Enter = กลับไปแก้)",
        "The typed line cannot be saved: {reason}\nDrop it and go on?  (y = drop it, Enter = go back and fix it)",
    ),
    # reports: Ctrl+T
    "reports.statements_named": (
        "ใส่ชื่อหัวหน้าครัวเรือนในใบแจ้งผลหรือไม่?  (ไม่ใส่ = รหัสครัวเรือนเท่านั้น)",
        "Include the heads' names in the statements?  (no = household codes only)",
    ),
}
