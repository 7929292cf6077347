"""Strings of the keyboard forms (ui/widgets/form.py) and of type-ahead."""

STRINGS: dict[str, tuple[str, str]] = {
    "form.discard": (
        "ทิ้งสิ่งที่พิมพ์ในแบบฟอร์มนี้?\ny = ทิ้ง ไม่บันทึก    Enter / n / Esc = กลับไปแก้ต่อ",
        "Discard what you typed in this form?\ny = discard, do not save    Enter / n / Esc = back to the form",
    ),
    "form.discard_screen": (
        "ทิ้งสิ่งที่พิมพ์ไว้ในหน้านี้ซึ่งยังไม่ได้บันทึก?\ny = ทิ้ง ไม่บันทึก    Enter / n / Esc = กลับไปแก้ต่อ",
        "Discard what you typed here and did not save?\ny = discard, do not save    Enter / n / Esc = back to it",
    ),
}
