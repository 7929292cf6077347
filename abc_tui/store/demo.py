"""A realistic demo office: one tambon, its villages, households, members and
months of ledger lines drawn from the real category chart.

Deterministic: the same seed and the same ``until`` month give the same file.
Lines go in with ``executemany`` inside one transaction per chunk of
households (a demo of 3,000 households × 12 months is ~750k lines).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.store import areas, engine, settings
from abc_tui.store.backup import refuse_if_in_use
from abc_tui.store.database import PRAGMAS, close_database, connect_readonly, inspect_file, open_database
from abc_tui.store.migrations_pg import PG_VERSION_TABLE, fill_left_on
from abc_tui.store.models import (
    ALL_MODELS,
    DERIVED_MODELS,
    PERIOD_MODELS,
    SYNC_MODELS,
    Area,
    Forum,
    Household,
    PlanItem,
    Setting,
    User,
    db,
)

#: Known tambons for ``--tambon``: code -> (province, district, tambon) names.
KNOWN_TAMBONS = {
    "540101": ("แพร่", "เมืองแพร่", "ในเวียง"),
    "540201": ("แพร่", "ร้องกวาง", "ร้องกวาง"),
    "540301": ("แพร่", "ลอง", "ห้วยอ้อ"),
    "500101": ("เชียงใหม่", "เมืองเชียงใหม่", "ศรีภูมิ"),
    "400101": ("ขอนแก่น", "เมืองขอนแก่น", "ในเมือง"),
}

VILLAGE_NAMES = (
    "บ้านนาน้อย",
    "บ้านป่าแดง",
    "บ้านทุ่งโฮ้ง",
    "บ้านสวนหลวง",
    "บ้านแม่คำมี",
    "บ้านร่องฟอง",
    "บ้านเหมืองหม้อ",
    "บ้านน้ำชำ",
    "บ้านห้วยม้า",
    "บ้านวังหงส์",
    "บ้านแม่ยม",
    "บ้านดอนมูล",
    "บ้านทุ่งกวาว",
    "บ้านนาจักร",
    "บ้านป่าแมต",
    "บ้านช่อแฮ",
    "บ้านเด่นชัย",
    "บ้านสูงเม่น",
)
FIRST_F = (
    "สมศรี",
    "มาลี",
    "บุญมี",
    "จันทร์เพ็ญ",
    "สายสุนีย์",
    "ประภา",
    "คำปัน",
    "แสงเดือน",
    "ดวงใจ",
    "นงลักษณ์",
    "อำไพ",
    "บัวผัน",
)
FIRST_M = (
    "สมชาย",
    "บุญเรือง",
    "ประเสริฐ",
    "สมบัติ",
    "คำแปง",
    "อินทร์",
    "สุรชัย",
    "วิชัย",
    "ทองดี",
    "มานพ",
    "สุทิน",
    "อนันต์",
)
LAST = (
    "ใจดี",
    "แก้วมา",
    "ศรีวงศ์",
    "คำแสน",
    "อินต๊ะ",
    "ปัญญาวงค์",
    "ทองคำ",
    "สุขเกษม",
    "วงศ์ใหญ่",
    "มณีรัตน์",
    "ชัยมงคล",
    "บุญยืน",
    "ตาคำ",
    "จันทร์แก้ว",
)
CLERKS = ("สมหญิง รักงาน", "วันเพ็ญ ขยันดี")

#: occupation -> weight in the demo population
OCCUPATION_WEIGHTS = {
    "rice": 22,
    "rice_other": 14,
    "crops": 12,
    "fishery": 3,
    "livestock": 6,
    "wage": 18,
    "wage_farm": 10,
    "business": 7,
    "business_farm": 4,
    "other": 4,
}

# Items by category: (item, typical baht per line). "" = written without item text.
ITEMS: dict[str, tuple[tuple[str, int], ...]] = {
    "11": (("ขายข้าวเปลือก", 7000), ("ขายข้าวโพด", 12000), ("ขายลำไย", 4500), ("", 6000)),
    "12": (("ขายปลา", 3000), ("ขายไก่", 2500), ("ขายหมู", 6000)),
    "13": (("ค่าแรงรับจ้าง", 2400), ("เงินเดือน", 9000), ("", 1500)),
    "14": (("ขายของชำ", 4000), ("ขายอาหาร", 2500)),
    "15": (("บัตรสวัสดิการแห่งรัฐ", 300), ("เบี้ยยังชีพผู้สูงอายุ", 600)),
    "16": (("ลูกส่งเงินให้", 3000),),
    "19": (("", 500),),
    "21": (("ปุ๋ย 16-20-0", 3400), ("ปุ๋ยยูเรีย", 2200)),
    "22": (("ยาฆ่าหญ้า", 900),),
    "23": (("เมล็ดพันธุ์ข้าว", 2000), ("พันธุ์ข้าวโพด", 1800)),
    "24": (("จ้างดำนา", 1750), ("จ้างเกี่ยวข้าว", 2600)),
    "25": (("น้ำมันรถไถ", 800),),
    "26": (("อาหารไก่", 600), ("อาหารปลา", 700)),
    "27": (("ค่าเช่านา", 3000),),
    "29": (("ซื้อของมาขาย", 2500), ("", 800)),
    "31": (("กับข้าว", 120), ("ข้าวสาร", 350), ("ไข่ไก่", 110), ("หมู", 150), ("ผัก", 60), ("น้ำดื่ม", 60), ("", 100)),
    "32": (("ผงซักฟอก", 90), ("สบู่ ยาสีฟัน", 80)),
    "33": (("ค่าไฟ", 520), ("ค่าน้ำ", 150), ("เติมเงินโทรศัพท์", 200)),
    "34": (("น้ำมันรถ", 250),),
    "35": (("ค่าขนมลูก", 300), ("ค่าเทอม", 1500)),
    "36": (("ค่ายา", 250),),
    "37": (("ทำบุญ", 200), ("งานแต่ง", 500), ("งานศพ", 300)),
    "38": (("เสื้อผ้า", 400),),
    "39": (("", 200),),
    "41": (("เบียร์", 170), ("เหล้าขาว", 120)),
    "42": (("บุหรี่", 70),),
    "43": (("หวย", 160),),
    "44": (("โทรศัพท์มือถือ", 3500),),
    "51": (("กู้ ธ.ก.ส.", 20000), ("กู้กองทุนหมู่บ้าน", 10000)),
    "52": (("ส่ง ธ.ก.ส.", 3000), ("ส่งกองทุนหมู่บ้าน", 2000)),
    "53": (("ดอกเบี้ย ธ.ก.ส.", 600),),
    "61": (("ฝากสัจจะ", 300),),
    "62": (("ถอนเงินออม", 800),),
}

#: occupation -> {category: expected lines per month}
INCOME_PATTERN = {
    "rice": {"11": 0.6, "15": 0.5, "16": 0.4},
    "rice_other": {"11": 0.5, "13": 1.5, "15": 0.4},
    "crops": {"11": 0.9, "15": 0.3, "16": 0.3},
    "fishery": {"12": 3.0, "15": 0.3},
    "livestock": {"12": 1.5, "11": 0.2, "15": 0.4},
    "wage": {"13": 4.0, "15": 0.4, "16": 0.3},
    "wage_farm": {"13": 2.5, "11": 0.3, "15": 0.3},
    "business": {"14": 4.0, "15": 0.2},
    "business_farm": {"14": 2.5, "11": 0.3},
    "other": {"13": 1.0, "15": 0.8, "16": 1.0, "19": 0.5},
}
PRODUCTION_PATTERN = {
    "rice": {"21": 0.6, "22": 0.4, "23": 0.2, "24": 0.3, "25": 0.5, "27": 0.1},
    "rice_other": {"21": 0.4, "22": 0.3, "24": 0.2, "25": 0.3},
    "crops": {"21": 0.5, "22": 0.6, "23": 0.2, "24": 0.3, "25": 0.3},
    "fishery": {"26": 1.0, "25": 0.6},
    "livestock": {"26": 2.0, "23": 0.2},
    "wage": {},
    "wage_farm": {"21": 0.3, "22": 0.2, "25": 0.2},
    "business": {"29": 0.8},
    "business_farm": {"21": 0.3, "29": 0.5},
    "other": {},
}
CONSUMPTION_PATTERN = {
    "31": 6.0,
    "32": 1.5,
    "33": 2.2,
    "34": 1.5,
    "35": 0.8,
    "36": 0.6,
    "37": 1.0,
    "38": 0.4,
    "39": 0.2,
}


@dataclass
class DemoResult:
    path: str
    villages: int = 0
    households: int = 0
    members: int = 0
    pages: int = 0
    lines: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: fine for the small rates used here.
    if lam <= 0:
        return 0
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _uuid(rng: random.Random) -> str:
    # Salted by the tambon (``uuid_salt``, set by the builders) so two demo tambons built with the same
    # seed have different UUIDs and merge side by side (abc-tui import); the figures do not change.
    return str(uuid.UUID(int=rng.getrandbits(128) ^ getattr(rng, "uuid_salt", 0), version=4))


def uuid_salt(tambon: str) -> int:
    """128 bits from the tambon code (see :func:`_uuid`)."""
    return int.from_bytes(hashlib.sha256(f"abc-demo-{tambon}".encode()).digest()[:16], "big")


def _amount(rng: random.Random, typical: int, scale: float) -> int:
    """A line amount in satang near ``typical`` baht; small amounts rounded as people write them."""
    baht = typical * scale * rng.lognormvariate(0, 0.45)
    if baht < 300:
        satang = int(round(baht)) * 100
        if rng.random() < 0.15:
            satang += 50
    else:
        satang = int(round(baht / 5)) * 500
    return max(satang, 500)


def check_can_build(path: Path, force: bool) -> None:
    """Refuse to overwrite anything but an earlier demo (or an empty file) without ``--force``.

    An office that has only set up its area, villages or plan so far is real data too.
    """
    if not path.exists() or force:
        return
    import sqlite3

    try:
        con = connect_readonly(path)  # leaves no -wal/-shm behind
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            demo = (
                tables >= {"setting"}
                and con.execute("SELECT 1 FROM setting WHERE key = 'demo' AND value = '1'").fetchone()
            )
            has_data = any(
                con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
                for table in ("setting", "area", "household", "forum", "plan_item")
                if table in tables
            )
        finally:
            con.close()
    except sqlite3.Error:
        demo, has_data = False, path.stat().st_size > 0
    if has_data and not demo or inspect_file(path).kind == "foreign":  # another program's SQLite file too
        raise AbcError(
            f"ไฟล์ {path} มีข้อมูลจริงอยู่แล้ว ไม่เขียนทับ (ใช้ --force ถ้าต้องการจริง)",
            f"{path} holds a real office's data; not overwriting it (use --force if you mean it)",
        )


def build_demo(
    path: str | Path,
    *,
    tambon: str = "540101",
    villages: int = 12,
    households: int = 300,
    months: int = 12,
    seed: int = 1,
    until: Month | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    create_parent: bool = False,
) -> DemoResult:
    """Build a demo office database at ``path`` (replacing an earlier demo there).

    ``path`` may be a PostgreSQL URL (:mod:`abc_tui.store.engine`): the demo then replaces an
    earlier demo (or nothing) in that database."""
    from abc_tui.domain.areas import parse_area_code

    server = engine.is_server_url(path)
    path = str(path).strip() if server else Path(path)
    tambon = parse_area_code(tambon, "tambon")
    if not 1 <= villages <= 99:
        raise AbcError("จำนวนหมู่บ้านต้องอยู่ระหว่าง 1–99", "Villages must be between 1 and 99")
    if not 1 <= households <= 100_000:
        raise AbcError("จำนวนครัวเรือนต้องอยู่ระหว่าง 1–100,000", "Households must be between 1 and 100,000")
    if not 0 <= months <= 120:
        raise AbcError("จำนวนเดือนต้องอยู่ระหว่าง 0–120", "Months must be between 0 and 120")
    if not server and path.exists() and path.is_dir():
        raise AbcError(f"เป็นโฟลเดอร์ ไม่ใช่ไฟล์: {path}", f"Is a folder, not a file: {path}")
    if not server:
        check_can_build(path, force)
    if until is None:
        until = Month.of(_dt.date.today()).prev()
    first = until.prev(months - 1) if months else until

    close_database()
    if server:
        _clear_server(path, force)
    else:
        _replace_file(path)
    open_database(path, create_parent=create_parent)
    if not server:
        return _fill(path, tambon, villages, households, months, seed, until, first, progress)
    # A server: one transaction (DDL is transactional there), the summary triggers off while the
    # lines go in and the summaries filled once at the end; a crash leaves the triggers on.
    with db.atomic():
        for trigger in ("report_ledger_line_ai", "report_ledger_line_au"):
            db.execute_sql(f'ALTER TABLE "ledger_line" DISABLE TRIGGER "{trigger}"')
        result = _fill(
            engine.redact(path), tambon, villages, households, months, seed, until, first, progress
        )
        for trigger in ("report_ledger_line_ai", "report_ledger_line_au"):
            db.execute_sql(f'ALTER TABLE "ledger_line" ENABLE TRIGGER "{trigger}"')
        db.execute_sql("SELECT abc_report_fill_month()")
        db.execute_sql("SELECT abc_report_fill_item()")
    return result


def _replace_file(path: Path) -> None:
    # Deleting a file another program has open loses what it writes next (and what it wrote).
    refuse_if_in_use(path, "สร้างข้อมูลตัวอย่างทับ", "rebuild the demo over it")
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        try:
            p.unlink(missing_ok=True)
        except PermissionError:  # Windows: [WinError 32] another program (a viewer, antivirus) has it open
            raise AbcError(
                f"ลบไฟล์เดิม {p} ไม่ได้ เพราะมีโปรแกรมอื่นเปิดไฟล์นี้อยู่ กรุณาปิดโปรแกรมนั้นแล้วลองใหม่",
                f"Cannot replace {p}: another program has it open. Close that program and try again.",
            ) from None


def _clear_server(url: str, force: bool) -> None:
    """Empty the server database for a new demo: refused (unchanged) when it holds a real office
    without ``force``, or another program's tables."""
    open_database(url)  # a foreign database is refused here, untouched
    tables = set(db.get_tables())
    demo = Setting.select().where((Setting.key == "demo") & (Setting.value == "1")).exists()
    has_data = any(m.select().exists() for m in (Area, Household, Forum, PlanItem))
    if has_data and not demo and not force:
        close_database()
        raise AbcError(
            f"ฐานข้อมูล {engine.redact(url)} มีข้อมูลจริงอยู่แล้ว ไม่เขียนทับ (ใช้ --force ถ้าต้องการจริง)",
            f"{engine.redact(url)} holds a real office's data; not overwriting it (use --force if you mean it)",
        )
    ours = {m._meta.table_name for m in ALL_MODELS + DERIVED_MODELS + PERIOD_MODELS + SYNC_MODELS} | {
        PG_VERSION_TABLE
    }
    with db.atomic():
        for table in sorted(tables & ours):
            db.execute_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    close_database()


def _fill(path, tambon, villages, households, months, seed, until, first, progress) -> DemoResult:
    server = engine.is_postgres()
    if not server:
        # Bulk-load settings for this build only (a demo is rebuilt, not recovered, after a crash):
        # a bigger page cache (the report-summary triggers touch many pages per line) and no fsync
        # per checkpoint. open_database() sets the safe pragmas again on the next open.
        db.execute_sql("PRAGMA cache_size = -64000")
        db.execute_sql("PRAGMA synchronous = OFF")

    rng = random.Random(seed)
    rng.uuid_salt = uuid_salt(tambon)  # type: ignore[attr-defined]
    province_name, district_name, tambon_name = KNOWN_TAMBONS.get(
        tambon, ("จังหวัดตัวอย่าง", "อำเภอตัวอย่าง", "ตำบลตัวอย่าง")
    )
    areas.setup_office(
        f"อบต.{tambon_name} (ตัวอย่าง)",
        tambon[:2],
        province_name,
        tambon[:4],
        district_name,
        tambon,
        tambon_name,
    )
    settings.put("demo", "1")
    settings.put("demo_seed", str(seed))
    result = DemoResult(str(path))
    with db.atomic():
        for i in range(villages):
            areas.add_village(tambon, str(i + 1), VILLAGE_NAMES[i % len(VILLAGE_NAMES)])
            if i % 6 == 1:
                Area.update(sufficiency_village=True).where(Area.code == f"{tambon}{i + 1:02d}").execute()
        for name in CLERKS:
            User.create(name=name, role="clerk")
    result.villages = villages

    occupations = list(OCCUPATION_WEIGHTS)
    weights = list(OCCUPATION_WEIGHTS.values())
    month_list = [first.next(i) for i in range(months)] if months else []
    conn = engine.raw()  # sqlite3's connection itself, or the same calls on a server
    chunk = 200
    for start in range(0, households, chunk):
        with db.atomic():
            for i in range(start, min(start + chunk, households)):
                stats = _demo_household(
                    conn, rng, tambon, villages, i, occupations, weights, month_list, first
                )
                result.households += 1
                result.members += stats[0]
                result.pages += stats[1]
                result.lines += stats[2]
        if progress:
            progress(min(start + chunk, households), households)
    # The households that left: on the day of their last line (membership history, migration 8).
    fill_left_on(db)
    db.execute_sql("""UPDATE "household" SET "left_reason" = 'ย้ายออกนอกพื้นที่' WHERE "left_on" IS NOT NULL""")
    # Learning forums and the community plan for every demo month (own random stream: deterministic).
    from abc_tui.store.demo_forums import build_demo_forums

    result.extra.update(build_demo_forums(seed, tambon=tambon, months=month_list))
    if not server:
        db.execute_sql("PRAGMA synchronous = FULL")
        db.execute_sql(f"PRAGMA cache_size = {PRAGMAS['cache_size']}")
    return result


def _demo_household(conn, rng, tambon, villages, i, occupations, weights, month_list, first):
    village = f"{tambon}{i % villages + 1:02d}"
    house_no = str(i // villages + 1) if rng.random() > 0.15 else f"{i // villages + 1}/{rng.randint(1, 4)}"
    sex = rng.choice("mf")
    first_name = rng.choice(FIRST_M if sex == "m" else FIRST_F)
    last_name = rng.choice(LAST)
    head = f"{'นาย' if sex == 'm' else 'นาง'}{first_name} {last_name}"
    occupation = rng.choices(occupations, weights)[0]
    n_members = rng.randint(1, 6)
    debt = 0 if rng.random() < 0.35 else rng.randrange(10_000, 300_000, 500) * 100
    joined = first.first_day() - _dt.timedelta(days=rng.randint(0, 90))
    h = Household.create(
        uuid=_uuid(rng),
        code=f"{village}-{house_no}",
        village=village,
        house_no=house_no,
        head_name=head,
        members_count=n_members,
        occupation=occupation,
        debt_at_joining_satang=debt,
        joined_on=joined,
        active=rng.random() > 0.02,
        model_household=rng.random() < 0.05,
        updated_at=f"{joined.isoformat()}T09:00:00+00:00",  # fixed, so a seed gives the same file
    )
    members = [(_uuid(rng), h.id, head, sex, joined.year - rng.randint(30, 65), True)]
    # Distinct first names within a household (the head's is taken already).
    free = {"m": [n for n in FIRST_M if n != first_name], "f": [n for n in FIRST_F if n != first_name]}
    rng.shuffle(free["m"])
    rng.shuffle(free["f"])
    for _ in range(n_members - 1):
        s = rng.choice("mf")
        members.append(
            (_uuid(rng), h.id, f"{free[s].pop()} {last_name}", s, joined.year - rng.randint(1, 70), False)
        )
    conn.executemany(
        'INSERT INTO "member" (uuid, household_id, name, sex, birth_year, is_head) VALUES (?,?,?,?,?,?)',
        members,
    )
    scale = rng.uniform(0.6, 1.6)
    vice = rng.random()  # how much this household spends on avoidable items
    pages = lines = 0
    clerk = rng.choice(CLERKS)
    last_index = len(month_list) - 1
    for mi, month in enumerate(month_list):
        # Gaps: some books come in late (the newest month is not complete yet) or never.
        if (mi == last_index and rng.random() < 0.3) or rng.random() < 0.04:
            continue
        page_lines = _page_lines(rng, occupation, scale, vice, debt, month)
        if not page_lines:
            continue
        income = sum(a for c, _, _, a in page_lines if c[0] == "1")
        expense = sum(a for c, _, _, a in page_lines if c[0] in "234" or c == "53")
        balanced = rng.random() < 0.7
        stamp = f"{month.next().first_day().isoformat()}T09:00:00+00:00"
        cur = conn.execute(
            'INSERT INTO "ledger_page" (uuid, household_id, month, control_income_satang, '
            "control_expense_satang, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (
                _uuid(rng),
                h.id,
                month.iso(),
                income if balanced else None,
                expense if balanced else None,
                "balanced" if balanced else "open",
                stamp,
                stamp,
            ),
        )
        page_id = cur.lastrowid
        conn.executemany(
            'INSERT INTO "ledger_line" (uuid, page_id, household_id, village_code, date, category_code, '
            "item, amount_satang, entered_by, entered_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    _uuid(rng),
                    page_id,
                    h.id,
                    village,
                    _dt.date(month.year, month.month, day).isoformat(),
                    code,
                    item,
                    amount,
                    clerk,
                    stamp,
                    stamp,
                )
                for code, item, day, amount in page_lines
            ],
        )
        pages += 1
        lines += len(page_lines)
    return len(members), pages, lines


def _page_lines(rng, occupation, scale, vice, debt, month):
    """One month's lines for a household: (category, item, day, satang), sorted by day."""
    days = month.days()
    out = []

    def add(code: str, times: int, amount_scale: float = 1.0) -> None:
        for _ in range(times):
            item, typical = rng.choice(ITEMS[code])
            out.append((code, item, rng.randint(1, days), _amount(rng, typical, scale * amount_scale)))

    for code, lam in INCOME_PATTERN[occupation].items():
        add(code, _poisson(rng, lam))
    for code, lam in PRODUCTION_PATTERN[occupation].items():
        add(code, _poisson(rng, lam))
    for code, lam in CONSUMPTION_PATTERN.items():
        add(code, _poisson(rng, lam))
    add("41", _poisson(rng, 3 * vice))
    add("42", _poisson(rng, 2 * vice))
    add("43", _poisson(rng, 2.5 * vice))
    add("44", 1 if rng.random() < 0.02 else 0)
    if debt:
        add("52", 1 if rng.random() < 0.7 else 0, debt / 100 / 100_000)
        add("53", 1 if rng.random() < 0.5 else 0, debt / 100 / 100_000)
    add("51", 1 if rng.random() < 0.04 else 0)
    add("61", _poisson(rng, 0.8))
    add("62", 1 if rng.random() < 0.1 else 0)
    out.sort(key=lambda x: x[2])
    return out
