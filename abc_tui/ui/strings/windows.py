"""Strings of the data home (where the database lives), the new-database question and the console."""

STRINGS: dict[str, tuple[str, str]] = {
    # the question before a new database is made
    "newdb.title": ("ยังไม่มีฐานข้อมูลของสำนักงาน", "There is no office database yet"),
    "newdb.where": ("ไฟล์: {path}", "File: {path}"),
    "newdb.ask": (
        "สร้างฐานข้อมูลใหม่ (ว่าง) ที่นี่หรือไม่?\n"
        "ถ้าสำนักงานมีไฟล์ข้อมูลอยู่แล้ว (เช่น ใน USB) ให้ตอบ ไม่ แล้วเปิดด้วย abc-tui --db ไฟล์ "
        "หรือกู้คืนด้วย abc-tui restore ไฟล์\n\nEnter/y = สร้าง  Esc/n/q = ไม่สร้าง ออก",
        "Create a new, empty database here?\n"
        "If the office already has its data file (e.g. on a USB stick), answer no and open it with "
        "abc-tui --db FILE, or restore it with abc-tui restore FILE.\n\nEnter/y = create  Esc/n/q = no, quit",
    ),
    "key.create": ("สร้าง", "Create"),
    "key.dont_create": ("ไม่สร้าง", "Don't create"),
    # main and set-up screens
    "app.dbfile": ("ไฟล์ข้อมูล: {path}", "Data file: {path}"),
    # classic Windows console
    "console.legacy": (
        "คำเตือน: หน้าต่างนี้เป็นคอนโซลแบบเก่าของ Windows สระและวรรณยุกต์ไทยจะกินช่องทำให้ตารางเลื่อน "
        "และสัญลักษณ์บางตัวแสดงไม่ได้ ควรเปิดด้วย Windows Terminal (ติดตั้งจาก Microsoft Store)",
        "Warning: this is the classic Windows console: Thai marks take a column each (tables shift) and "
        "some symbols are missing. Use Windows Terminal (from the Microsoft Store).",
    ),
}
