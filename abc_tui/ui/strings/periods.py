"""Strings of reporting periods, membership history, the sent log and evaluation rounds (issue 13)."""

STRINGS: dict[str, tuple[str, str]] = {
    # households: leaving with a date
    "per.leave_title": ("ครัวเรือน {code} เลิกร่วมโครงการ", "Household {code} leaves the programme"),
    "per.left_on": ("วันที่ออก (วว/ดด/ปป พ.ศ.)", "Date it left (dd/mm/yy B.E.)"),
    "per.left_reason": ("เหตุผล", "Reason"),
    "per.leave_typed_after": (
        "คำเตือน: ครัวเรือน {code} มีบัญชีที่บันทึกแล้ว {n} เดือนหลังวันที่ออก {date} ({months}) "
        "เดือนเหล่านั้นจะไม่นับครัวเรือนนี้เป็นสมาชิก ยืนยันวันที่ออกนี้? y = ใช่  n = แก้วันที่",
        "Warning: household {code} has {n} month(s) already typed after the date it left, {date} "
        "({months}); those months will no longer count it as a member. Keep this date? y = yes  n = fix the date",
    ),
    "per.deactivated": (
        "ครัวเรือน {code} เลิกร่วมโครงการตั้งแต่ {date} (เดือนก่อนหน้าไม่เปลี่ยน)",
        "Household {code} left on {date} (earlier months do not change)",
    ),
    # period states (grid, reports screen)
    "per.state.open": ("เปิด", "open"),
    "per.state.submitted": ("ส่งแล้ว", "submitted"),
    "per.state.approved": ("อนุมัติ", "approved"),
    "per.mark.submitted": ("ส", "S"),
    "per.mark.approved": ("อ", "A"),
    "per.grid_locked": ("ล็อก ({state})", "locked ({state})"),
    "per.grid_legend": ("ส=ส่งแล้ว อ=อนุมัติ (ล็อก)", "S=submitted A=approved (locked)"),
    "per.states_line": ("ล็อก: {states}", "Locked: {states}"),
    "per.all_open": ("งวด: เปิดทุกเดือน", "Periods: all months open"),
    "per.locked_title": ("เดือนนี้ปิดงวดแล้ว", "This month is locked"),
    # sent log screen
    "per.sent_title": ("ทะเบียนไฟล์ที่ส่งขึ้นไป", "Files sent upward"),
    "per.sent_none": ("ยังไม่มีไฟล์ที่ส่ง", "Nothing sent yet"),
    "per.col.at": ("เวลา", "When"),
    "per.col.report": ("รายงาน", "Report"),
    "per.col.period": ("ช่วงเวลา", "Period"),
    "per.col.area": ("พื้นที่", "Area"),
    "per.col.rows": ("แถว", "Rows"),
    "per.col.who": ("ผู้ส่ง", "Who"),
    "per.col.sha": ("SHA-256", "SHA-256"),
    "per.col.file": ("ไฟล์", "File"),
    "per.key.sent": ("ไฟล์ที่ส่ง", "Sent files"),
    "per.changed": (
        "ตัวเลขเปลี่ยนจากที่ส่งครั้งก่อน {n} รายการ: {first}",
        "{n} figures changed since last sent: {first}",
    ),
    "per.not_logged": ("ส่งออกแล้ว แต่บันทึกทะเบียนการส่งไม่ได้", "Exported, but not recorded in the sent log"),
    # submit / reopen from the reports screen
    "per.key.submit": ("ส่ง/ปิดงวด", "Submit"),
    "per.key.reopen": ("เปิดงวดใหม่", "Reopen"),
    "per.ask_submit": (
        "ส่งและปิดงวด {period} ของพื้นที่ {area}? ตัวเลขจะถูกเก็บไว้ และแก้ไขเดือนเหล่านี้ไม่ได้จนกว่าจะเปิดงวดใหม่",
        "Submit and lock {period} of area {area}? The figures are frozen; these months cannot change until reopened",
    ),
    "per.submitted": (
        "ส่งแล้ว {n} หมู่บ้าน-เดือน · หน้าที่ยอดยังไม่ตรง {unbalanced} หน้า: {pages}",
        "Submitted {n} village-months · {unbalanced} unbalanced pages: {pages}",
    ),
    "per.reopen_title": ("เปิดงวดใหม่: {period} พื้นที่ {area}", "Reopen {period}, area {area}"),
    "per.reason": ("เหตุผล", "Reason"),
    "per.reopened": ("เปิดงวดใหม่แล้ว {n} หมู่บ้าน-เดือน", "Reopened {n} village-months"),
    # evaluation rounds (indicators screen)
    "per.key.close_round": ("ปิดรอบประเมิน", "Close round"),
    "per.round_closed": ("ปิดรอบประเมิน {period} แล้ว", "Round {period} closed"),
    "per.rounds_title": ("รอบประเมินที่ปิดแล้ว", "Closed evaluation rounds"),
    "per.rounds_none": (
        "ยังไม่มีรอบประเมินที่ปิด (เลือกช่วงสองเดือนแล้วกด F2)",
        "No closed round yet (pick a two-month period, then F2)",
    ),
    "per.col.change": ("เปลี่ยน", "Change"),
    "per.col.indicator": ("ตัวชี้วัด", "Indicator"),
}
