"""Strings of printing from the screens (keys prefixed ``paper.``)."""

STRINGS: dict[str, tuple[str, str]] = {
    "paper.key.signin": ("พิมพ์ใบลงชื่อ", "Print sign-in"),
    "paper.key.pdf": ("พิมพ์ PDF", "Print PDF"),
    "paper.key.statements": ("ใบแจ้งผล PDF", "Statements PDF"),
    "paper.printing": ("กำลังพิมพ์เป็น PDF…", "Printing to PDF…"),
    "paper.written": ("เขียน PDF แล้ว: {path}", "PDF written: {path}"),
    "paper.failed": ("พิมพ์ไม่สำเร็จ: {error}", "Printing failed: {error}"),
}
