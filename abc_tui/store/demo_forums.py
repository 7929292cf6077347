"""Demo learning forums and community plan for the demo office.

For every demo month: a forum in each village and one at the tambon, with
attendance by name (households that come often and households that rarely
do), walk-ins, officials by agency, findings drawn from that village's own
figures for the month (so "lottery 9.8% of village spending" is true of the
demo data), and proposals that become plan items for every actor, moving
through every status with dated history and audit rows.

Deterministic for a seed (its own random stream, independent of the ledger's);
rows go in with ``executemany`` in one transaction.
"""

from __future__ import annotations

import datetime as _dt
import json
import random
from collections import defaultdict

from abc_tui.domain.categories import EXPENSE_KINDS
from abc_tui.domain.forums import ACTORS, COMMON_AGENCIES, STATUSES, next_status
from abc_tui.domain.thai import Month, fiscal_year_be
from abc_tui.store import engine
from abc_tui.store.demo import _uuid, uuid_salt
from abc_tui.store.models import Area, db

FACILITATORS = (
    "นางสาวพรทิพย์ วงศ์ใหญ่",
    "นายสมศักดิ์ คำแสน",
    "นางจันทร์ฉาย ทองคำ",
    "นายวีระ ปัญญาวงค์",
)
AGENCIES = tuple(a for a in COMMON_AGENCIES if a not in ("อบต.", "เทศบาล", "ประมงอำเภอ", "ที่ว่าการอำเภอ"))

VILLAGE_TOPICS = (
    "อ่านบัญชีครัวเรือนเดือน {month}",
    "ค่าใช้จ่ายที่ลดได้: เหล้า บุหรี่ หวย ({month})",
    "หนี้สินและการออมของครัวเรือน ({month})",
    "ต้นทุนการผลิต: ปุ๋ย ยา เมล็ดพันธุ์ ({month})",
    "ของที่หมู่บ้านซื้อจากข้างนอก ทำเองได้ไหม ({month})",
)
TAMBON_TOPICS = (
    "เวทีตำบล: ติดตามแผนชุมชนทุกหมู่บ้าน ({month})",
    "เวทีตำบล: เชื่อมแผนชุมชนกับแผนพัฒนาท้องถิ่น ({month})",
)

#: category -> (problem, cause): what a forum says when this category stands out.
FINDINGS = {
    "43": ("ครัวเรือนซื้อหวยมาก", "หวังรวยทางลัด ซื้อทุกงวด"),
    "41": ("ค่าเหล้า เบียร์ สูง", "ดื่มในงานบุญ งานเลี้ยง และหลังเลิกงาน"),
    "42": ("ค่าบุหรี่ ยาเส้น", "สูบเป็นประจำ ไม่มีแรงจูงใจให้เลิก"),
    "21": ("ต้นทุนปุ๋ยเคมีสูง", "ซื้อปุ๋ยราคาปลีก ไม่ได้ตรวจดิน"),
    "22": ("ค่ายาฆ่าหญ้า ยาฆ่าแมลงสูง", "ใช้ยาเกินจำเป็น"),
    "31": ("ซื้ออาหาร ไข่ ผัก จากนอกหมู่บ้าน", "ไม่ได้ปลูกผัก เลี้ยงไก่ไว้กินเอง"),
    "53": ("จ่ายดอกเบี้ยเงินกู้มาก", "กู้หลายแหล่ง กู้ใหม่โปะเก่า"),
    "34": ("ค่าน้ำมันรถสูง", "ขับรถเข้าเมืองบ่อย"),
}

#: category -> proposals: (actor, agency, title, requested baht (0 = none), uses the data)
PROPOSALS = {
    "43": (
        ("household", "", "ตั้งเป้าลดการซื้อหวยลงครึ่งหนึ่ง", 0),
        ("group", "", "กลุ่มออมแทนซื้อหวย (สัจจะวันละบาท)", 5_000),
    ),
    "41": (("household", "", "งดเหล้าเข้าพรรษา ทั้งครัวเรือน", 0), ("lao", "", "งานบุญปลอดเหล้า", 20_000)),
    "42": (("agency", "รพ.สต.", "คลินิกเลิกบุหรี่ในหมู่บ้าน", 15_000),),
    "21": (("group", "", "กลุ่มทำปุ๋ยหมักชีวภาพ", 60_000), ("agency", "เกษตรอำเภอ", "ตรวจดินและอบรมปุ๋ยสั่งตัด", 25_000)),
    "22": (("agency", "เกษตรอำเภอ", "อบรมสารชีวภัณฑ์แทนยาเคมี", 18_000),),
    "31": (
        ("group", "", "กลุ่มเลี้ยงไก่ไข่", 50_000),
        ("household", "", "ปลูกผักสวนครัวทุกบ้าน", 0),
        ("lao", "", "ส่งเสริมแปลงผักรวมของหมู่บ้าน", 40_000),
    ),
    "53": (
        ("group", "", "กองทุนออมทรัพย์หมู่บ้าน", 30_000),
        ("agency", "ธ.ก.ส.", "ปรับโครงสร้างหนี้และให้ความรู้การเงิน", 10_000),
    ),
    "34": (("household", "", "รวมกันไปตลาดคันเดียว", 0),),
}
#: Proposals not drawn from the figures (they count as plans that do not use the data).
GENERAL = (
    ("lao", "", "ซ่อมฝายน้ำล้นห้วยหลวง", 350_000),
    ("lao", "", "ไฟส่องสว่างถนนในหมู่บ้าน", 120_000),
    ("agency", "พัฒนาชุมชนอำเภอ", "ตลาดชุมชนสินค้าเกษตรปลอดภัย", 80_000),
    ("agency", "ปศุสัตว์อำเภอ", "ธนาคารโค กระบือ", 150_000),
    ("group", "", "กลุ่มแม่บ้านแปรรูปอาหาร", 40_000),
)
CATEGORY_NAMES = {
    "43": "หวย",
    "41": "เหล้า เบียร์",
    "42": "บุหรี่",
    "21": "ปุ๋ย",
    "22": "ยาฆ่าหญ้า/แมลง",
    "31": "อาหาร",
    "53": "ดอกเบี้ย",
    "34": "น้ำมันรถ",
}


def _stamp(d: _dt.date) -> str:
    return f"{d.isoformat()}T10:00:00+00:00"


def build_demo_forums(seed: int, *, tambon: str, months: list[Month]) -> dict[str, int]:
    """Add demo forums and plan items for ``months`` to the open demo database; return row counts."""
    rng = random.Random(f"abc-demo-forums-{seed}")
    rng.uuid_salt = uuid_salt(tambon)  # type: ignore[attr-defined]
    counts = dict.fromkeys(
        ("forums", "forum_attendance", "forum_officials", "findings", "plan_items", "plan_status_changes"), 0
    )
    if not months:
        return counts
    today = _dt.date.today()
    last_day = min(months[-1].last_day(), today)
    villages = [
        a.code
        for a in Area.select(Area.code)
        .where((Area.level == "village") & (Area.parent == tambon))
        .order_by(Area.code)
    ]
    conn = engine.raw()  # sqlite3's connection itself, or the same calls on a server
    members = _members_by_village(conn, tambon, rng)
    shares = _category_shares(conn, tambon, months[0], months[-1])

    with db.atomic():
        items: list[dict] = []
        for month in months:
            for village in villages:
                day = _forum_day(rng, month, today)
                if day is None:
                    continue
                forum_id, forum_uuid = _forum(
                    conn,
                    rng,
                    counts,
                    "village",
                    village,
                    day,
                    rng.choice(VILLAGE_TOPICS).format(month=month.thai_label()),
                    walkins=(rng.randint(0, 8), rng.randint(0, 5), rng.randint(0, 4)),
                )
                _attendance(conn, rng, counts, forum_id, members.get(village, []), tambon_level=False)
                _officials(conn, rng, counts, forum_id, rng.randint(1, 2))
                found = _findings(conn, rng, counts, forum_id, shares.get((village, month.iso()), {}), month)
                items.extend(_proposals(rng, village, forum_id, forum_uuid, day, found, last_day))
            day = _forum_day(rng, month, today, first=24)
            if day is None:
                continue
            forum_id, forum_uuid = _forum(
                conn,
                rng,
                counts,
                "tambon",
                tambon,
                day,
                rng.choice(TAMBON_TOPICS).format(month=month.thai_label()),
                walkins=(rng.randint(2, 10), rng.randint(2, 10), rng.randint(0, 6)),
            )
            everyone = [m for v in villages for m in members.get(v, [])]
            _attendance(conn, rng, counts, forum_id, everyone, tambon_level=True)
            _officials(conn, rng, counts, forum_id, rng.randint(2, 4))
            tambon_shares: dict[str, float] = defaultdict(float)
            for v in villages:
                for code, share in shares.get((v, month.iso()), {}).items():
                    tambon_shares[code] += share / max(len(villages), 1)
            found = _findings(conn, rng, counts, forum_id, dict(tambon_shares), month, limit=2)
            items.extend(
                _proposals(rng, tambon, forum_id, forum_uuid, day, found, last_day, tambon_level=True)
            )
        _cover_every_actor_and_status(rng, items, last_day)
        for item in items:
            _save_item(conn, rng, counts, item, last_day)
    return counts


# ---------------------------------------------------------------- pieces


def _members_by_village(conn, tambon: str, rng: random.Random) -> dict[str, list[tuple[int, int, float]]]:
    """village -> [(member id, household id, how often the household comes)], heads first."""
    rows = conn.execute(
        'SELECT m.id, h.id, h.village_code, m.is_head FROM "member" m JOIN "household" h '
        "ON h.id = m.household_id WHERE h.active = TRUE AND h.village_code LIKE ? ORDER BY h.id, m.id",
        (f"{tambon}%",),
    ).fetchall()
    keenness: dict[int, float] = {}
    out: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for member_id, household_id, village, is_head in rows:
        if household_id not in keenness:
            keenness[household_id] = rng.choice((0.1, 0.3, 0.5, 0.7, 0.85))
        out[village].append((member_id, household_id, keenness[household_id] * (1.0 if is_head else 0.35)))
    return out


def _category_shares(conn, tambon: str, first: Month, last: Month) -> dict[tuple[str, str], dict[str, float]]:
    """(village, "YYYY-MM") -> {category: percent of that village-month's expense} (one aggregate query)."""
    placeholders = ",".join("?" * len(EXPENSE_KINDS))
    rows = conn.execute(
        f"SELECT l.village_code, {engine.month_of('l.date')}, l.category_code, {engine.sum_int('l.amount_satang')} "
        'FROM "ledger_line" l JOIN "category" c ON c.code = l.category_code '
        f"WHERE l.village_code LIKE ? AND l.date BETWEEN ? AND ? AND c.kind IN ({placeholders}) "
        "GROUP BY 1, 2, 3",
        (f"{tambon}%", first.first_day().isoformat(), last.last_day().isoformat(), *EXPENSE_KINDS),
    ).fetchall()
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for village, month, _code, amount in rows:
        totals[(village, month)] += amount
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for village, month, code, amount in rows:
        if totals[(village, month)]:
            out[(village, month)][code] = 100 * amount / totals[(village, month)]
    return out


def _forum_day(rng: random.Random, month: Month, today: _dt.date, first: int = 15) -> _dt.date | None:
    day = _dt.date(month.year, month.month, min(rng.randint(first, 28), month.days()))
    return day if day <= today else None


def _forum(conn, rng, counts, level, area, day, topic, walkins) -> tuple[int, str]:
    forum_uuid = _uuid(rng)
    stamp = _stamp(day)
    facilitators = ", ".join(rng.sample(FACILITATORS, rng.randint(1, 2)))
    cur = conn.execute(
        'INSERT INTO "forum" (uuid, level, area_code, date, topic, facilitators, notes, walkin_women, '
        "walkin_men, walkin_youth, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (forum_uuid, level, area, day.isoformat(), topic, facilitators, "", *walkins, stamp, stamp),
    )
    snapshot = {"level": level, "area_code": area, "date": day.isoformat(), "topic": topic}
    _audit(conn, "forum", forum_uuid, "insert", None, snapshot, facilitators.split(",")[0], day)
    counts["forums"] += 1
    return cur.lastrowid, forum_uuid


def _attendance(conn, rng, counts, forum_id, members, *, tambon_level: bool) -> None:
    if tambon_level:
        # Village leaders and keen members: a few from each village.
        chosen = [m for m, _, keen in members if rng.random() < keen * 0.12]
    else:
        chosen = [m for m, _, keen in members if rng.random() < keen]
    rows = [(forum_id, m) for m in dict.fromkeys(chosen)]
    conn.executemany('INSERT INTO "forum_attendance" (forum_id, member_id) VALUES (?, ?)', rows)
    counts["forum_attendance"] += len(rows)


def _officials(conn, rng, counts, forum_id, n) -> None:
    rows = [(forum_id, agency, rng.randint(1, 3)) for agency in rng.sample(("อบต.",) + AGENCIES, n)]
    conn.executemany('INSERT INTO "forum_official" (forum_id, agency, count) VALUES (?, ?, ?)', rows)
    counts["forum_officials"] += len(rows)


def _findings(conn, rng, counts, forum_id, shares, month: Month, limit: int = 3) -> list[str]:
    """The categories that stand out (of those a forum talks about), written as findings."""
    # Forums dwell on the avoidable items (the lever of the programme) as well as on the big ones.
    weights = {
        c: s * (4 if c in ("41", "42", "43") else 1)
        for c, s in sorted(shares.items())
        if c in FINDINGS and s >= 1
    }
    picked: list[str] = []
    for _ in range(min(rng.randint(1, limit), len(weights))):
        code = rng.choices(list(weights), list(weights.values()))[0]
        picked.append(code)
        del weights[code]
    rows = []
    for code in picked:
        problem, cause = FINDINGS[code]
        evidence = f"{CATEGORY_NAMES[code]} {shares[code]:.1f}% ของรายจ่าย ({month.thai_label()})"
        rows.append((_uuid(rng), forum_id, problem, cause, evidence))
    conn.executemany(
        'INSERT INTO "finding" (uuid, forum_id, problem, cause, evidence) VALUES (?,?,?,?,?)', rows
    )
    counts["findings"] += len(rows)
    return picked


def _proposals(rng, area, forum_id, forum_uuid, day, found, last_day, *, tambon_level=False) -> list[dict]:
    out = []
    n = rng.choice((0, 1, 1, 2)) if not tambon_level else rng.randint(1, 2)
    for _ in range(n):
        if found and rng.random() < 0.75:
            code = rng.choice(found)
            actor, agency, title, baht = rng.choice(PROPOSALS[code])
            problem, uses = FINDINGS[code][0], True
        else:
            actor, agency, title, baht = rng.choice(GENERAL)
            problem, uses = "", False
        if tambon_level and actor in ("household", "group"):
            actor, agency = "lao", ""
            baht = max(baht, 50_000) * 2
        requested = round(baht * rng.uniform(0.8, 1.3) / 1000) * 1000 * 100 if baht else 0
        # Budgets follow the budget cycle: local and agency budgets are for the coming fiscal year.
        fiscal = fiscal_year_be(day) + (1 if actor in ("lao", "agency") else 0)
        out.append(
            {
                "uuid": _uuid(rng),
                "area": area,
                "forum_id": forum_id,
                "forum_uuid": forum_uuid,
                "day": day,
                "title": title,
                "problem": problem,
                "actor": actor,
                "agency": agency,
                "fiscal": fiscal,
                "requested": requested,
                "uses_data": uses,
                "status": _status_for_age(rng, day, last_day),
            }
        )
    return out


def _status_for_age(rng: random.Random, day: _dt.date, last_day: _dt.date) -> str:
    """Older proposals have got further (or been dropped); age is counted to the demo's last day
    (not today) so the same seed and months give the same file on any day."""
    age = (last_day - day).days
    steps = min(3, int(age / 75 * rng.uniform(0.3, 1.5)))
    if rng.random() < 0.1 + min(age, 365) / 3650:
        return "dropped"
    return ("proposed", "in_plan", "budgeted", "done")[steps]


def _cover_every_actor_and_status(rng: random.Random, items: list[dict], last_day: _dt.date) -> None:
    """Small demos (one month) still show every actor and every status on the plan board."""
    if not items:
        return
    present = {i["actor"] for i in items}
    for actor in ACTORS:
        if actor not in present:
            template = next(p for group in PROPOSALS.values() for p in group if p[0] == actor)
            base = items[0]
            items.append(
                base
                | {
                    "uuid": _uuid(rng),
                    "actor": actor,
                    "agency": template[1],
                    "title": template[2],
                    "requested": template[3] * 100,
                }
            )
    for status in STATUSES:
        counts = {s: sum(1 for i in items if i["status"] == s) for s in STATUSES}
        if counts[status] == 0:
            spare = [i for i in items if counts[i["status"]] > 1]
            if spare:
                spare[-1]["status"] = status


def _save_item(conn, rng, counts, item: dict, last_day: _dt.date) -> None:
    status = item["status"]
    path = ["proposed"]
    while path[-1] != status and status != "dropped":
        path.append(next_status(path[-1]) or status)
    if status == "dropped":
        path += [s for s in ("in_plan",) if rng.random() < 0.3] + ["dropped"]
    approved = None
    if status in ("budgeted", "done") and item["requested"]:
        cut = rng.choice((1.0, 1.0, 0.9, 0.8, 0.7, 0.5))
        approved = round(item["requested"] * cut / 100_000) * 100_000
    elif status in ("budgeted", "done"):
        approved = 0
    # Dates: the forum's day, then 2 to 8 weeks per step, never after the last demo day.
    days = [item["day"]]
    for _ in path[1:]:
        days.append(min(days[-1] + _dt.timedelta(days=rng.randint(14, 56)), last_day))
    stamp = _stamp(days[-1])
    cur = conn.execute(
        'INSERT INTO "plan_item" (uuid, area_code, forum_id, title, problem, actor, agency, fiscal_year_be, '
        "budget_requested_satang, budget_approved_satang, status, uses_data, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            item["uuid"],
            item["area"],
            item["forum_id"],
            item["title"],
            item["problem"],
            item["actor"],
            item["agency"],
            item["fiscal"],
            item["requested"],
            approved,
            status,
            bool(item["uses_data"]),
            _stamp(item["day"]),
            stamp,
        ),
    )
    item_id = cur.lastrowid
    who = rng.choice(FACILITATORS)
    conn.executemany(
        'INSERT INTO "plan_status_change" (plan_item_id, status, changed_on, who) VALUES (?,?,?,?)',
        [(item_id, s, d.isoformat(), who) for s, d in zip(path, days, strict=True)],
    )
    snapshot = {
        "area_code": item["area"],
        "title": item["title"],
        "actor": item["actor"],
        "agency": item["agency"],
        "fiscal_year_be": item["fiscal"],
        "budget_requested_satang": item["requested"],
        "status": "proposed",
    }
    _audit(conn, "plan_item", item["uuid"], "insert", None, snapshot, who, days[0])
    for prev, s, d in zip(path, path[1:], days[1:], strict=False):
        after = snapshot | {"status": s, "changed_on": d.isoformat()}
        if s in ("budgeted", "done"):
            after["budget_approved_satang"] = approved
        _audit(conn, "plan_item", item["uuid"], "status", snapshot | {"status": prev}, after, who, d)
    counts["plan_items"] += 1
    counts["plan_status_changes"] += len(path)


def _audit(conn, table, row_uuid, action, before, after, who, day: _dt.date) -> None:
    conn.execute(
        'INSERT INTO "audit" (table_name, row_uuid, action, before, after, who, at) VALUES (?,?,?,?,?,?,?)',
        (
            table,
            row_uuid,
            action,
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
            who,
            _stamp(day),
        ),
    )
