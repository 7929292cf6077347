"""Strings of the command palette (Ctrl+P) and of Textual's own widgets shown in the app."""

STRINGS: dict[str, tuple[str, str]] = {
    "palette.placeholder": ("พิมพ์ค้นหาคำสั่ง (ไทยหรืออังกฤษ)…", "Search for commands (Thai or English)…"),
    "palette.none": ("ไม่พบคำสั่ง", "No matches found"),
    "palette.themes": ("ค้นหาธีมสี…", "Search for themes…"),
    "palette.goto": ("เปิดหน้าจอ", "Open screen"),
    "palette.do": ("คำสั่ง", "Action"),
    # screens and actions reachable from the palette (searched in both languages)
    "palette.plan_board": ("แผนชุมชน (กระดานแผน งบประมาณ)", "Community plan board (budgets)"),
    "palette.data_card": ("ข้อมูลสำหรับเวที (การ์ดข้อมูลหมู่บ้าน)", "Forum data card (village figures)"),
    "palette.attendance": ("ผู้เข้าร่วมเวที (ลงชื่อ)", "Forum attendance"),
    "palette.new_forum": ("บันทึกเวทีใหม่", "Log a new forum"),
    "palette.new_household": ("เพิ่มครัวเรือนใหม่", "Add a household"),
    "palette.import_households": (
        "นำเข้ารายชื่อครัวเรือนจากไฟล์ Excel/ODS/CSV",
        "Import the household list from Excel/ODS/CSV",
    ),
    "palette.indicators": ("ตัวชี้วัดความสำเร็จ", "Success indicators"),
    "palette.export_csv": ("ส่งออกรายงาน CSV", "Export report as CSV"),
    "palette.export_xlsx": ("ส่งออกรายงาน Excel (XLSX)", "Export report as Excel (XLSX)"),
    "palette.statements": ("ใบแจ้งผลครัวเรือน", "Household statements"),
    "palette.statements_pdf": ("พิมพ์ใบแจ้งผลครัวเรือน (PDF)", "Print household statements (PDF)"),
    "palette.sent": ("ทะเบียนไฟล์ที่ส่งขึ้นไป", "Files sent upward"),
    "palette.import": ("นำเข้าแพ็กเกจข้อมูลจากสำนักงานอื่น", "Import an office data package"),
    "palette.submit": ("ส่งงวด / ปิดงวด", "Submit (lock) the period"),
    "palette.reopen": ("เปิดงวดใหม่", "Reopen a period"),
    "palette.grid": ("ความครบถ้วนของการบันทึก (ตาราง)", "Entry completeness grid"),
    "palette.rekey": ("ตรวจการพิมพ์ซ้ำ (สุ่มตรวจ)", "Re-key check (sample)"),
    "palette.help": ("ช่วยเหลือ วิธีใช้หน้าจอนี้ (F1)", "Help for this screen (F1)"),
    "palette.lang": ("เปลี่ยนภาษา ไทย/English (F12)", "Switch language ไทย/English (F12)"),
    "palette.keys": ("ปุ่มลัดของหน้าจอนี้", "Keys of this screen"),
    "palette.theme": ("ธีมสี", "Theme"),
    "palette.screenshot": ("บันทึกภาพหน้าจอ (SVG)", "Screenshot (SVG)"),
    "palette.quit": ("ออกจากโปรแกรม", "Quit"),
    # Textual's own key descriptions, shown in the footer (the footer translates them as keys)
    "Dismiss menu": ("ปิดรายการ", "Close list"),
    "Exit the command palette": ("ปิดหน้าต่างคำสั่ง", "Close the command palette"),
}
