"""Strings of issue 10's layout and consistency work (plan budgeting, area setup, export folder)."""

STRINGS: dict[str, tuple[str, str]] = {
    "plan.budget_title": ("ได้งบประมาณ: {name}", "Budgeted: {name}"),
    "plan.f.approved_now": ("งบที่อนุมัติ (บาท)", "Budget approved (baht)"),
    "plan.key.budget": ("ได้งบ (ใส่งบที่อนุมัติ)", "Budgeted (type the approved budget)"),
    "setup.row.province": ("จังหวัด", "Province"),
    "setup.row.district": ("อำเภอ", "District"),
    "setup.row.tambon": ("ตำบล", "Tambon"),
    "setup.row.code": ("รหัส", "code"),
    "setup.row.name": ("ชื่อ", "name"),
    "setup.villages_added": ("เพิ่มหมู่บ้านแล้ว {n} หมู่ ล่าสุด: {last}", "{n} villages added, last: {last}"),
    "reports.key.folder": ("โฟลเดอร์ส่งออก", "Export folder"),
    "reports.folder": ("โฟลเดอร์ (ว่าง = exports)", "Folder (blank = exports)"),
    "reports.folder_title": ("ไฟล์ส่งออกไปที่: {folder}", "Exports go to: {folder}"),
    "reports.folder_set": ("ไฟล์ส่งออกจะไปที่: {folder}", "Exports will go to: {folder}"),
}
