"""Strings of the office-package import screen."""

STRINGS = {
    "pkg.title": ("นำเข้าแพ็กเกจของสำนักงาน (รวมข้อมูลตำบล)", "Import office packages (merge tambons)"),
    "pkg.hint": (
        "พิมพ์ที่อยู่ไฟล์แพ็กเกจ (.zip) แล้วกด Enter นำเข้าทีละไฟล์ นำเข้าซ้ำได้ ไม่มีอะไรซ้ำซ้อน",
        "Type the path of a package file (.zip) and press Enter; one file at a time; importing again changes nothing",
    ),
    "pkg.placeholder": (
        "เช่น exports/540101-package-2568-03-01.zip",
        "e.g. exports/540101-package-2568-03-01.zip",
    ),
    "pkg.working": ("กำลังนำเข้า {name} …", "Importing {name} …"),
    "pkg.done": ("นำเข้า {name} แล้ว: เปลี่ยน {n:,} แถว", "Imported {name}: {n:,} rows changed"),
    "pkg.key.import": ("นำเข้าแพ็กเกจ", "Import package"),
}
