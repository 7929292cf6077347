"""F1 help: what each screen is for and what its figures mean (two or three lines a screen).

Keyed ``help.about.<Screen class name>``; the keys below them are generated from the bindings.
"""

STRINGS: dict[str, tuple[str, str]] = {
    "help.about.MainScreen": (
        "เลือกงานด้วยเลข 1-7 หรือ b: บันทึกบัญชีจากกระดาษ ทะเบียนครัวเรือน เวทีและแผนชุมชน รายงาน "
        "Ctrl+P ค้นหาทุกหน้าจอและคำสั่งด้วยคำไทยหรืออังกฤษ  F12 สลับภาษา",
        "Pick a task with 1-7 or b: enter paper accounts, households, forums and plans, reports. "
        "Ctrl+P finds every screen and command by a Thai or English word; F12 switches language.",
    ),
    "help.about.LedgerScreen": (
        "หนึ่งหน้า = ครัวเรือนหนึ่ง เดือนหนึ่ง ตามกระดาษ: พิมพ์ หมู่ บ้านเลขที่ เดือน แล้วแต่ละบรรทัด วัน รหัส "
        "รายการ จำนวนเงิน  F3 ใส่ยอดรวมจากกระดาษ ถ้าตรงกันหน้าจะเป็น ✓  รหัส 1x รายรับ 2x ต้นทุน "
        "3x ใช้จ่าย 4x ลดได้ (เหล้า บุหรี่ หวย ของฟุ่มเฟือย) 51-53 หนี้ 61-62 เงินออม",
        "One page = one household, one month, as on paper: moo, house no., month, then each line "
        "day, code, item, amount. F3 takes the paper's totals; when they match the page is ✓. Codes "
        "1x income 2x production 3x consumption 4x avoidable (alcohol, tobacco, lottery, luxuries).",
    ),
    "help.about.CompletenessScreen": (
        "บ้านลงมา เดือนไปทางขวา: · ยังไม่มีหน้า ○ เปิดแล้วไม่มีรายการ ● บันทึกแล้ว ✓ ยอดตรงกระดาษ "
        "■ ปิดแล้ว  ส/อ ที่หัวเดือน = ส่ง/อนุมัติแล้ว (แก้ไม่ได้)  Enter เปิดหน้านั้น",
        "Households down, months across: · no page ○ opened, no lines ● entered ✓ matches the paper "
        "■ closed; S/A on a month = submitted/approved (locked). Enter opens that page.",
    ),
    "help.about.RekeyScreen": (
        "ผู้ตรวจพิมพ์บรรทัดที่สุ่มมาจากกระดาษซ้ำโดยไม่เห็นค่าที่บันทึก โปรแกรมบอกช่องที่ไม่ตรง "
        "และร้อยละที่ผิด ทุกครั้งบันทึกในประวัติการแก้ไข",
        "A supervisor re-types sampled lines from the paper without seeing the saved values; the "
        "screen names every field that differs and the error rate. Each check is in the audit trail.",
    ),
    "help.about.HouseholdsScreen": (
        "ทะเบียนครัวเรือนของแต่ละหมู่: F2 เพิ่ม Enter แก้ไข F3 สมาชิก (ใช้ลงชื่อเข้าเวที) "
        "หนี้เมื่อเข้าร่วมเป็นจุดเริ่มของหนี้ในรายงาน (หนี้ = หนี้เมื่อเข้าร่วม + กู้ − ชำระคืน)",
        "The households of each village: F2 adds, Enter edits, F3 members (ticked at forums). The debt "
        "at joining starts each debt figure (debt = debt at joining + borrowed − repaid).",
    ),
    "help.about.MembersScreen": (
        "สมาชิกของครัวเรือน: เพศและปีเกิดใช้นับผู้เข้าร่วมเวทีเป็น หญิง ชาย เยาวชน (อายุต่ำกว่า 25 ปีในวันเวที นับเป็นเยาวชน)",
        "The household's members: sex and birth year sort forum attendance into women, men and youth "
        "(under 25 on the forum's day counts as youth).",
    ),
    "help.about.ForumsScreen": (
        "เวทีเรียนรู้ระดับหมู่บ้าน ตำบล อำเภอ จังหวัด: F2 บันทึกเวที Enter เปิด F4 ผู้เข้าร่วม "
        "F9 แผนชุมชน F10 ข้อมูลสำหรับเวที (ตัวเลขของหมู่บ้านไว้อ่านร่วมกันในเวที)",
        "Learning forums at village, tambon, district and province level: F2 logs one, Enter opens, "
        "F4 attendance, F9 the plan board, F10 the data card (the village's figures to read together).",
    ),
    "help.about.ForumScreen": (
        "ประเด็นที่พบ (ปัญหา สาเหตุ ข้อมูลที่แสดง) และข้อเสนอที่จะเข้าแผนชุมชน แยกตามผู้ทำ: "
        "ครัวเรือน กลุ่ม อปท. หรือหน่วยงาน  ผู้เข้าร่วม = ลงชื่อ + ไม่ได้ลงชื่อ + เจ้าหน้าที่",
        "Findings (problem, cause, the data that showed it) and the proposals that go to the plan, by "
        "who acts: household, group, local government or agency. Present = named + walk-ins + officials.",
    ),
    "help.about.AttendanceScreen": (
        "พิมพ์ชื่อเพื่อค้นหา Space ติ๊กผู้มา  ผู้ไม่ได้ลงชื่อนับแยก หญิง ชาย เยาวชน (คนหนึ่งนับครั้งเดียว "
        "หญิงสาวอายุต่ำกว่า 25 นับเป็นเยาวชน)  ผู้ลงชื่อแบ่งกลุ่มตามเพศและอายุเช่นกัน",
        "Type a name to find it, Space ticks who came. Walk-ins are counted as women, men or youth "
        "(each once: a young woman under 25 is youth); named members are sorted the same way.",
    ),
    "help.about.ForumFormScreen": (
        "ระดับและพื้นที่ของเวที วันที่ (วว/ดด/ปป พ.ศ.) หัวข้อ ผู้ดำเนินการ  Enter ช่องถัดไป F10 บันทึก",
        "The forum's level and area, date (dd/mm/yy B.E.), topic, facilitators. Enter moves on, F10 saves.",
    ),
    "help.about.PlanBoardScreen": (
        "ข้อเสนอจากเวทีจับคู่กับงบประมาณ: สถานะ เสนอ → อยู่ในแผน อปท. → ได้งบ → เสร็จ (หรือยกเลิก) "
        "ขอ = งบที่ขอ อนุมัติ = งบที่ได้ ส่วนต่าง = ขอ − อนุมัติ ตามปีงบประมาณ (ต.ค.-ก.ย.)",
        "Forum proposals matched with budgets: proposed → in local plan → budgeted → done (or dropped). "
        "Requested, approved, gap = requested − approved, by Thai fiscal year (Oct–Sep).",
    ),
    "help.about.DataCardScreen": (
        "ตัวเลขของหมู่บ้านหนึ่งช่วงเวลาหนึ่งไว้อ่านในเวที: รายรับ รายจ่าย (ต้นทุน ใช้จ่าย ลดได้ ดอกเบี้ย) "
        "ลดได้ = เหล้า บุหรี่ หวย ของฟุ่มเฟือย  หนี้ต้นงวด/ปลายงวด = หนี้เมื่อเข้าร่วม + กู้ − ชำระคืน",
        "A village's figures for a period, to read at a forum: income, spending (production, consumption, "
        "avoidable, interest). Avoidable = alcohol, tobacco, lottery, luxuries. Debt = joining + borrowed − repaid.",
    ),
    "help.about.ReportsScreen": (
        "เลือกรายงาน พื้นที่ ช่วงเวลา (เดือน/ปี พ.ศ.) ดูในตารางหรือกราฟ แล้วส่งออก CSV/XLSX/ODS "
        "ส่ง/ปิดงวดเมื่อหมู่บ้านบันทึกครบ (งวดที่ปิดแล้วแก้ไม่ได้จนกว่าจะเปิดใหม่พร้อมเหตุผล)",
        "Choose a report, area and period (month/year B.E.), read it as a table or chart, export CSV/XLSX/ODS. "
        "Submit a period when the villages are complete (locked until reopened with a reason).",
    ),
    "help.about.IndicatorsScreen": (
        "ตัวชี้วัดข้อ 5 ประเมินทุก 2 เดือน: 5.1.1 ครัวเรือนที่มีบัญชีในช่วงนี้ / ทั้งหมด  5.1.2 ครัวเรือนที่มีหนี้"
        "ตอนต้นและหนี้ลดลง / ที่มีหนี้ตอนต้น  5.2.3 หมู่บ้านที่แผนใช้ข้อมูล เป้า ≥ 30%  F2 ปิดรอบประเมิน",
        "Section 5 indicators, every two months: 5.1.1 households with a line / registered; 5.1.2 indebted "
        "at the start whose debt fell / indebted; 5.2.3 villages whose plan uses data, target ≥ 30%.",
    ),
    "help.about.SetupScreen": (
        "รหัสพื้นที่ตามกรมการปกครอง (จังหวัด 2 หลัก อำเภอ 4 ตำบล 6) บันทึกด้วย F10 แล้วเพิ่มหมู่บ้าน "
        "ทุกหมู่ด้วย F2 (รหัสหมู่บ้าน 8 หลัก = ตำบล + เลขหมู่)",
        "Interior Ministry area codes (province 2 digits, district 4, tambon 6); F10 saves, then F2 adds "
        "each village (village code, 8 digits = tambon + moo number).",
    ),
    "help.about.AuditScreen": (
        "ทุกการเพิ่ม แก้ไข ลบ: ใคร เมื่อไร ก่อนและหลัง กรองตามวันที่ ผู้ใช้ ครัวเรือน หรือเวที Enter ดูรายละเอียด",
        "Every add, edit and delete: who, when, before and after. Filter by date, user, household or "
        "forum; Enter shows the details.",
    ),
    "help.about.UsersScreen": (
        "ผู้ใช้และบทบาท: ผู้บันทึก แก้บัญชีและทะเบียน  เจ้าหน้าที่ ส่งออกและปิดงวด  ผู้ดูแล จัดการผู้ใช้ "
        "เปิดเข้าระบบเมื่อมีผู้ใช้หลายคนในเครื่องเดียว",
        "Users and roles: clerks enter accounts and households, officers export and lock periods, "
        "admins manage users. Turn login on when several people share the computer.",
    ),
    "help.about.SentScreen": (
        "ไฟล์ที่ส่งออกขึ้นไปทุกไฟล์: เมื่อไร รายงาน ช่วงเวลา พื้นที่ จำนวนแถว ผู้ส่ง และลายนิ้วมือ SHA-256 "
        "ไว้ตรวจว่าไฟล์ที่ได้รับเป็นไฟล์เดียวกัน",
        "Every file exported upward: when, report, period, area, rows, who, and the SHA-256 fingerprint "
        "to check that the file received is the same file.",
    ),
    "help.about.BackupScreen": (
        "คัดลอกฐานข้อมูลทั้งไฟล์ไปยัง USB หรือโฟลเดอร์ที่พิมพ์ (ระหว่างคัดลอกยังทำงานต่อได้) "
        "โปรแกรมสำรองเองทุก 30 นาทีในเครื่องนี้ด้วย",
        "Copies the whole database to a USB stick or a folder you type (work can go on meanwhile). "
        "The program also backs up by itself every 30 minutes on this computer.",
    ),
    "help.about.HouseholdImportScreen": (
        "รายชื่อครัวเรือนจากไฟล์ที่สำนักงานมี: Enter ตรวจก่อน (ยังไม่บันทึก) แต่ละแถว เพิ่ม ข้าม หรือไม่รับ "
        "พร้อมเหตุผล  F3 เลือกคอลัมน์เอง  F10 นำเข้าทั้งหมดในครั้งเดียว (ทั้งไฟล์หรือไม่เลย)",
        "The office's own household list: Enter checks it first (nothing saved): each row is added, "
        "skipped or refused, with the reason. F3 maps the columns; F10 imports it all at once.",
    ),
    "help.about.PackageImportScreen": (
        "นำเข้าแพ็กเกจข้อมูลจากสำนักงานอื่น: ทั้งไฟล์หรือไม่เลย รายการที่มีอยู่แล้ว (UUID เดียวกัน) ข้าม เดือนที่ปิดงวดแล้วไม่รับ",
        "Imports another office's data package, all or nothing: rows already here (same UUID) are "
        "skipped, locked months are refused.",
    ),
}
