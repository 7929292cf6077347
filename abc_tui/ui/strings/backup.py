"""Strings of backups, restore, the start-up check and the file warnings."""

STRINGS: dict[str, tuple[str, str]] = {
    "menu.backup": ("สำรองข้อมูลลง USB", "Back up to USB"),
    # main screen status line
    "backup.last": ("สำรองข้อมูลล่าสุด {when}", "Last backup {when}"),
    "backup.running": ("กำลังสำรองข้อมูล…", "Backing up…"),
    "backup.stale": (
        "⚠ ไม่ได้สำรองข้อมูลมาเกิน 1 วัน (ล่าสุด {when}) กด b สำรองลง USB",
        "⚠ No backup for over a day (last {when}); press b to back up to USB",
    ),
    "backup.never": ("⚠ ยังไม่เคยสำรองข้อมูล กด b สำรองลง USB", "⚠ No backup yet; press b to back up to USB"),
    "backup.server": (
        "ฐานข้อมูลบนเซิร์ฟเวอร์ PostgreSQL: กด b สำรองด้วย pg_dump (หรือให้ผู้ดูแลเซิร์ฟเวอร์สำรอง)",
        "A PostgreSQL server database: press b to back it up with pg_dump (or ask the server's administrator)",
    ),
    "backup.auto_failed": ("⚠ สำรองข้อมูลอัตโนมัติไม่สำเร็จ: {error}", "⚠ Automatic backup failed: {error}"),
    "backup.network": (
        "⚠ ไฟล์ข้อมูลอยู่บนโฟลเดอร์ซิงค์หรือเครือข่าย ({kind}) ใช้ได้ทีละเครื่องเท่านั้น ควรเก็บไว้บนเครื่องนี้",
        "⚠ The data file is on a synced folder or network share ({kind}): one PC at a time; keep it on this PC",
    ),
    # the back-up-to-USB box
    "backup.title": ("สำรองข้อมูลลง USB หรือโฟลเดอร์อื่น", "Back up to a USB stick or another folder"),
    "backup.folder": ("โฟลเดอร์", "Folder"),
    "backup.hint": ("Enter สำรองข้อมูล  Esc กลับ", "Enter back up  Esc back"),
    "backup.no_usb": ("ไม่พบ USB ที่เสียบอยู่: พิมพ์โฟลเดอร์เอง", "No USB stick found: type a folder"),
    "backup.found_usb": ("พบ USB: {path}", "USB stick found: {path}"),
    "backup.need_folder": ("พิมพ์โฟลเดอร์ที่จะเก็บไฟล์สำรองก่อน", "Type the folder for the backup first"),
    "backup.no_folder": (
        "ไม่พบโฟลเดอร์ {path} (เสียบ USB แล้วหรือยัง?)",
        "No folder {path} (is the USB stick plugged in?)",
    ),
    "backup.done": (
        "สำรองแล้ว ตรวจแล้วถูกต้อง: {path} ({size} MB)",
        "Backed up and verified: {path} ({size} MB)",
    ),
    "backup.failed": ("สำรองข้อมูลไม่สำเร็จ: {error}", "Backup failed: {error}"),
    "key.backup_now": ("สำรองข้อมูล", "Back up"),
    # recovery screen
    "recovery.title_damaged": ("ฐานข้อมูลเสียหาย เปิดใช้งานไม่ได้", "The database is damaged and cannot be used"),
    "recovery.title_missing": (
        "ไม่พบไฟล์ฐานข้อมูล แต่มีไฟล์สำรอง",
        "The database file is missing, but backups exist",
    ),
    "recovery.file": ("ไฟล์: {path}", "File: {path}"),
    "recovery.problem": ("ปัญหา: {problem}", "Problem: {problem}"),
    "recovery.searching": ("กำลังตรวจไฟล์สำรอง…", "Checking the backups…"),
    "recovery.candidate": (
        "ไฟล์สำรองล่าสุดที่ตรวจแล้วว่าดี: {name}\n  สำรองเมื่อ {when}: ครัวเรือน {households:,} รายการบัญชี {lines:,}",
        "Newest good backup: {name}\n  made {when}: {households:,} households, {lines:,} ledger lines",
    ),
    "recovery.none": (
        "ไม่พบไฟล์สำรองที่ดีใน {folder} ให้ผู้ดูแลระบบกู้คืนด้วย abc-tui restore FILE",
        "No good backup in {folder}; an administrator can restore one with abc-tui restore FILE",
    ),
    "recovery.keep": (
        "ไฟล์ที่เสียจะถูกเก็บไว้ในโฟลเดอร์ backups ก่อน ไม่มีอะไรถูกลบ",
        "The damaged file is kept in backups first; nothing is deleted",
    ),
    "recovery.ask": (
        "กู้คืนจาก {name}?\nข้อมูลที่บันทึกหลังเวลานั้นจะไม่อยู่ในไฟล์ที่กู้คืน\nEnter/y = กู้คืน  Esc/n = ไม่",
        "Restore {name}?\nWork saved after it was made is not in it.\nEnter/y = restore  Esc/n = no",
    ),
    "recovery.restoring": ("กำลังกู้คืน ตรวจไฟล์และคัดลอก…", "Restoring: checking and copying…"),
    "recovery.restored": ("กู้คืนแล้ว กด Enter เพื่อเปิดโปรแกรม", "Restored. Press Enter to open the program"),
    "recovery.failed": ("กู้คืนไม่สำเร็จ: {error}", "Restore failed: {error}"),
    "key.restore": ("กู้คืน", "Restore"),
    "key.start_new": ("เริ่มฐานข้อมูลใหม่ (ว่าง)", "Start a new, empty database"),
    "key.open_program": ("เปิดโปรแกรม", "Open the program"),
}
