"""Onboarding an office: its household list from a spreadsheet (``.xlsx``, ``.ods``, ``.csv``).

Offices keep the list in Excel the way people do: title rows above the table, Thai headers, Thai
digits, name prefixes, a subtotal row under each village, a duplicate, a row without a name. The
import goes in three steps, shared by ``abc-tui import households FILE`` and the household
register's import screen:

1. :func:`read_table` reads the file into a :class:`tablib.Dataset` whose row *i* is the
   spreadsheet's row *i + 1* (so every message can name the row the officer sees);
   :func:`find_header` finds the header row and :func:`guess_mapping` maps its columns to the
   register's fields from Thai or English header words. The officer may change any of it.
2. :func:`plan_import` is the dry run: every row below the header is *add*, *skip* (blank,
   subtotal, already registered with the same head) or *refuse* (with the reason, Thai and
   English). Nothing is written.
3. :func:`commit_import` plans again inside ONE transaction and adds every *add* row, or nothing:
   if anything differs from the dry run the officer saw (another PC registered a house meanwhile),
   or any insert fails, the whole import is rolled back.

Reading: tablib loads ``.xlsx`` (openpyxl underneath). tablib's CSV and ODS loaders are not used:
both refuse or drop what office files have (a CSV whose title rows are narrower than the table
raises ``InvalidDimensions``; the ODS loader drops blank rows, shifting every row number, and drops
repeated empty cells, shifting a subtotal's text into the wrong column). CSV is read with :mod:`csv`
(UTF-8 with or without BOM, else the Thai Windows code page 874) and ODS with odfpy, cell by cell
with repeats expanded; both land in the same :class:`tablib.Dataset`, padded to one width.

Values: money becomes integer satang through :func:`~abc_tui.domain.thai.parse_money` (a numeric
cell via its decimal text, never float arithmetic); dates typed B.E. (text or a date cell whose
year is past 2400) become Gregorian; Thai digits become ASCII; a house number that Excel turned
into a date (``12/3`` -> 12 March) is refused with the fix.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import tablib

from abc_tui.domain.areas import OCCUPATION_GROUPS, household_code, parse_house_no, parse_name
from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import BE_OFFSET, parse_date, parse_int, parse_money, to_ascii_digits
from abc_tui.store import settings
from abc_tui.store.models import Area, Household, Member, db

#: The register's fields a column can map to, in the order the screen shows them.
FIELDS = ("village", "house_no", "head", "members", "occupation", "debt", "joined_on")
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "village": ("หมู่ที่", "village"),
    "house_no": ("บ้านเลขที่", "house number"),
    "head": ("ชื่อหัวหน้าครัวเรือน", "head of household"),
    "members": ("จำนวนสมาชิก", "members"),
    "occupation": ("อาชีพ", "occupation"),
    "debt": ("หนี้สินเมื่อเข้าร่วม", "debt at joining"),
    "joined_on": ("วันที่เข้าร่วม", "date joined"),
}
#: Header words per field, most specific first (matched on the header lower-cased, spaces removed).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "house_no": ("บ้านเลขที่", "เลขที่บ้าน", "housenumber", "houseno", "house", "เลขที่"),
    "village": ("หมู่ที่", "หมู่บ้าน", "หมู่", "village", "moo"),
    "head": ("หัวหน้าครัวเรือน", "ชื่อ-สกุล", "ชื่อสกุล", "ชื่อ", "head", "name"),
    "members": ("จำนวนสมาชิก", "สมาชิก", "member", "persons", "people", "คน"),
    "occupation": ("อาชีพ", "occupation", "job"),
    "debt": ("หนี้", "debt"),
    "joined_on": ("วันที่เข้าร่วม", "เข้าร่วม", "joined", "วันที่", "date"),
}
#: Largest file read (bytes): a household list is small; anything this big is a wrong file.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most rows a sheet may have (a tambon has a few thousand households).
MAX_ROWS = 100_000
#: Rows looked at for the header.
HEADER_SEARCH_ROWS = 30
_TOTAL_WORDS = ("รวม", "ยอดรวม", "total", "subtotal", "sum")
_PREFIXES = ("นางสาว", "น.ส.", "นส.", "นาง", "นาย", "ด.ช.", "ด.ญ.", "mrs.", "mrs", "miss", "ms.", "mr.", "mr")
_BLANKS = ("", "-", "–", "—")
#: Setting key of the mapping last used (the officer maps a layout once).
MAPPING_SETTING = "household_import_mapping"


# ---------------------------------------------------------------- reading


def read_table(path: Path | str) -> tablib.Dataset:
    """The first sheet of ``path`` as rows of cells (row *i* = spreadsheet row *i + 1*)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".xlsx", ".ods", ".csv"):
        raise AbcError(
            f"อ่านได้เฉพาะไฟล์ .xlsx .ods หรือ .csv: {path.name}",
            f"Only .xlsx, .ods or .csv files can be read: {path.name}",
        )
    if not path.is_file():
        raise AbcError(f"ไม่พบไฟล์: {path}", f"No such file: {path}")
    size = path.stat().st_size
    if size == 0:
        raise AbcError(f"ไฟล์ว่างเปล่า: {path.name}", f"The file is empty: {path.name}")
    if size > MAX_FILE_BYTES:
        raise AbcError(
            f"ไฟล์ใหญ่เกินกว่าจะเป็นรายชื่อครัวเรือน ({size:,} ไบต์): {path.name}",
            f"The file is too big to be a household list ({size:,} bytes): {path.name}",
        )
    data = path.read_bytes()
    try:
        if ext == ".csv":
            rows = _csv_rows(data)
        elif ext == ".ods":
            rows = _ods_rows(data)
        else:
            return _xlsx_dataset(data)
    except AbcError:
        raise
    except Exception as err:  # a damaged or mislabelled file: say which, never a traceback
        raise AbcError(
            f"อ่านไฟล์ไม่ได้ (ไฟล์เสียหรือไม่ใช่ {ext}): {path.name} ({type(err).__name__})",
            f"Cannot read the file (damaged, or not a real {ext}): {path.name} ({type(err).__name__}: {err})",
        ) from None
    return _dataset(rows)


def _dataset(rows: list[list[object]]) -> tablib.Dataset:
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        raise AbcError("ไฟล์ไม่มีข้อมูล", "The file holds no data")
    data = tablib.Dataset()
    for r in rows:
        data.append(list(r) + [None] * (width - len(r)))
    return data


def _xlsx_dataset(data: bytes) -> tablib.Dataset:
    sheet = tablib.Dataset().load(io.BytesIO(data), format="xlsx", headers=False)
    if sheet.height == 0 or sheet.width == 0:
        raise AbcError("ไฟล์ไม่มีข้อมูล", "The file holds no data")
    return sheet


def _csv_rows(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp874 decodes almost any byte; kept for the odd unmapped one
        raise AbcError("อ่านตัวอักษรในไฟล์ไม่ได้ (ใช้ UTF-8)", "Cannot decode the file's text (save it as UTF-8)")
    if "\x00" in text:
        raise AbcError("ไฟล์นี้ไม่ใช่ CSV (มีข้อมูลไบนารี)", "This is not a CSV file (it holds binary data)")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect, strict=True))
    except csv.Error as err:
        raise AbcError(f"ไฟล์ CSV ผิดรูปแบบ: {err}", f"The CSV file is malformed: {err}") from None
    return [list(r) for r in rows]


def _ods_rows(data: bytes) -> list[list[object]]:
    from odf import opendocument
    from odf.namespaces import OFFICENS, TABLENS
    from odf.table import Table, TableRow

    doc = opendocument.load(io.BytesIO(data))
    sheets = doc.spreadsheet.getElementsByType(Table)
    if not sheets:
        raise AbcError("ไฟล์ ODS ไม่มีแผ่นงาน", "The ODS file has no sheet")
    rows: list[list[object]] = []
    blank = 0  # empty rows waiting: kept only when a row with data follows (row numbers stay true)
    for row in sheets[0].getElementsByType(TableRow):
        cells: list[object] = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.attributes.get((TABLENS, "number-columns-repeated"), "1") or 1)
            value = _ods_value(cell, OFFICENS)
            cells.extend([value] * min(repeat, 1000))
        while cells and cells[-1] in (None, ""):
            cells.pop()  # a row ends with thousands of repeated empty cells
        row_repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), "1") or 1)
        if not cells:
            blank += row_repeat  # LibreOffice writes the rest of the sheet as one repeated empty row
            continue
        if blank + len(rows) > MAX_ROWS:
            raise AbcError(
                f"แผ่นงานมีแถวมากเกินกว่าจะเป็นรายชื่อครัวเรือน (เกิน {MAX_ROWS:,})",
                f"The sheet has too many rows to be a household list (over {MAX_ROWS:,})",
            )
        rows.extend([] for _ in range(blank))
        blank = 0
        rows.extend(list(cells) for _ in range(min(row_repeat, MAX_ROWS - len(rows))))
    return rows


def _ods_value(cell, officens: str) -> object:
    kind = cell.attributes.get((officens, "value-type"))
    if kind in ("float", "currency", "percentage"):
        return Decimal(cell.attributes.get((officens, "value")))  # its decimal text: exact
    if kind == "date":
        text = cell.attributes.get((officens, "date-value"), "")
        try:
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            return text
    from odf import teletype

    parts = [teletype.extractText(p) for p in cell.childNodes if p.qname[1] == "p"]
    return "\n".join(parts) if parts else None


# ---------------------------------------------------------------- header and mapping


def _key(value: object) -> str:
    return re.sub(r"\s+", "", str(value or "")).lower()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return to_ascii_digits(str(value)).strip()


def guess_mapping(headers: list[object]) -> dict[str, int]:
    """field -> column index guessed from header words (Thai or English); unguessed fields left out."""
    keys = [_key(h) for h in headers]
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for fld in ("house_no", "village", "head", "members", "occupation", "debt", "joined_on"):
        for word in HEADER_WORDS[fld]:
            col = next((i for i, k in enumerate(keys) if k and i not in taken and word in k), None)
            if col is not None:
                mapping[fld] = col
                taken.add(col)
                break
    return mapping


def find_header(table: tablib.Dataset) -> int:
    """Index of the header row: the first row (of the first 30) whose cells name a house number
    and a name column; -1 when there is none (the officer then says which row it is)."""
    best, best_score = -1, 1
    for i in range(min(table.height, HEADER_SEARCH_ROWS)):
        cells = [c for c in table[i] if isinstance(c, str)]
        mapping = guess_mapping(cells)
        score = len(mapping) if {"house_no", "head"} <= mapping.keys() else 0
        if score > best_score:
            best, best_score = i, score
    return best


def column_letter(index: int) -> str:
    """0 -> ``A``, 27 -> ``AB`` (as the spreadsheet shows it)."""
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_column(spec: str, headers: list[object]) -> int:
    """A column named by letter (``B``), number (``2``, 1-based) or its header text."""
    s = to_ascii_digits(spec.strip())
    if s.isdigit() and 1 <= int(s) <= len(headers):
        return int(s) - 1
    if re.fullmatch(r"[A-Za-z]{1,2}", s):
        n = 0
        for ch in s.upper():
            n = n * 26 + ord(ch) - 64
        if n <= len(headers):
            return n - 1
    keys = [_key(h) for h in headers]
    if _key(s) in keys:
        return keys.index(_key(s))
    raise AbcError(
        f"ไม่พบคอลัมน์ {spec} (ใช้ตัวอักษร เช่น B เลขคอลัมน์ หรือหัวคอลัมน์)",
        f"No column {spec} (give its letter such as B, its number, or its header)",
    )


def parse_mapping(specs: list[str], headers: list[object], base: dict[str, int]) -> dict[str, int]:
    """``["head=D", "debt=หนี้สิน (บาท)", "joined_on="]`` applied over ``base`` (empty = unmapped)."""
    mapping = dict(base)
    for spec in specs:
        name, sep, col = spec.partition("=")
        name = name.strip()
        if not sep or name not in FIELDS:
            raise AbcError(
                f"การจับคู่คอลัมน์ต้องเป็น ช่อง=คอลัมน์ (ช่อง: {', '.join(FIELDS)}): {spec}",
                f"A column mapping is FIELD=COLUMN (fields: {', '.join(FIELDS)}): {spec}",
            )
        if col.strip():
            mapping[name] = parse_column(col, headers)
        else:
            mapping.pop(name, None)
    return mapping


def check_mapping(mapping: dict[str, int], *, has_default_village: bool) -> None:
    """The fields without which no row can be read must be mapped, each column to one field."""
    needed = ["house_no", "head"] + ([] if has_default_village else ["village"])
    missing = [f for f in needed if f not in mapping]
    if missing:
        th = ", ".join(FIELD_LABELS[f][0] for f in missing)
        en = ", ".join(FIELD_LABELS[f][1] for f in missing)
        raise AbcError(f"ยังไม่ได้เลือกคอลัมน์ของ: {th}", f"No column chosen for: {en}")
    cols = list(mapping.values())
    dup = {c for c in cols if cols.count(c) > 1}
    if dup:
        c = min(dup)
        fields = [f for f, v in mapping.items() if v == c]
        raise AbcError(
            f"คอลัมน์ {column_letter(c)} ถูกเลือกให้หลายช่อง ({', '.join(FIELD_LABELS[f][0] for f in fields)})",
            f"Column {column_letter(c)} is chosen for several fields ({', '.join(FIELD_LABELS[f][1] for f in fields)})",
        )


def saved_mapping(headers: list[object]) -> dict[str, int] | None:
    """The mapping the officer confirmed last time for a file with these same headers, if any."""
    import json

    raw = settings.get(MAPPING_SETTING, "")
    if not raw:
        return None
    try:
        saved = json.loads(raw)
    except ValueError:
        return None
    if saved.get("headers") != [_key(h) for h in headers]:
        return None
    m = saved.get("mapping") or {}
    return {f: int(c) for f, c in m.items() if f in FIELDS and isinstance(c, int) and 0 <= c < len(headers)}


def _save_mapping(headers: list[object], mapping: dict[str, int]) -> None:
    import json

    settings.put(MAPPING_SETTING, json.dumps({"headers": [_key(h) for h in headers], "mapping": mapping}))


# ---------------------------------------------------------------- values


def guess_occupation(text: str) -> str | None:
    """The programme's occupation group for what an office wrote (``ทำนาและรับจ้าง`` -> rice_other);
    None when nothing fits (the row then says it became "other")."""
    s = _key(text)
    if not s:
        return "other"
    for code, (th, en) in OCCUPATION_GROUPS.items():
        if s in (code, _key(th), _key(en)):
            return code
    rice = "นา" in s.replace("นาง", "") or "rice" in s
    farm = any(w in s for w in ("เกษตร", "สวน", "ไร่", "farm", "crop")) or rice
    wage = "รับจ้าง" in s or "wage" in s or "labour" in s or "labor" in s
    trade = any(w in s for w in ("ค้าขาย", "ขาย", "ธุรกิจ", "ร้าน", "trade", "business", "shop"))
    if rice and ("และ" in s or "/" in s or "," in s or "and" in s):
        return "rice_other"
    if rice:
        return "rice"
    if wage:
        return "wage_farm" if farm else "wage"
    if trade:
        return "business_farm" if farm else "business"
    if any(w in s for w in ("ประมง", "จับปลา", "ปลา", "fish")):
        return "fishery"
    if any(w in s for w in ("เลี้ยงสัตว์", "ปศุสัตว์", "เลี้ยงวัว", "เลี้ยงหมู", "เลี้ยงไก่", "livestock")):
        return "livestock"
    if farm:
        return "crops"
    return None


def _strip_prefix(name: str) -> str:
    s = name.strip()
    low = s.lower()
    for p in _PREFIXES:
        if low.startswith(p):
            return s[len(p) :].strip()
    return s


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one head's name (``นายทองใบ แสนคำ`` = ``ทองใบ  แสนคำ``)."""
    return " ".join(_strip_prefix(a).split()) == " ".join(_strip_prefix(b).split())


def _money(value: object) -> int:
    if isinstance(value, bool):
        raise AbcError(f"จำนวนเงินไม่ถูกต้อง: {value}", f"Invalid amount: {value}")
    if isinstance(value, (int, float, Decimal)):
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise AbcError(f"จำนวนเงินไม่ถูกต้อง: {value}", f"Invalid amount: {value}") from None
        if not d.is_finite():
            raise AbcError(f"จำนวนเงินไม่ถูกต้อง: {value}", f"Invalid amount: {value}")
        if d.copy_abs() > Decimal(10) ** 15:
            raise AbcError(f"จำนวนเงินมากเกินไป: {value}", f"The amount is too large: {value}")
        if d < 0:
            raise AbcError(f"จำนวนเงินติดลบ: {value}", f"The amount is negative: {value}")
        text = format(d, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return parse_money(text, allow_zero=True)
    s = _text(value)
    if s in _BLANKS:
        return 0
    return parse_money(s, allow_zero=True)


def _members(value: object) -> int:
    s = _text(value)
    if isinstance(value, (float, Decimal)) and s != "" and "." in s:
        raise AbcError(
            f"จำนวนสมาชิกต้องเป็นจำนวนเต็ม: {value}", f"The number of members must be a whole number: {value}"
        )
    return parse_int(s, field_th="จำนวนสมาชิก", field_en="number of members", minimum=1, maximum=50)


def _date(value: object) -> _dt.date:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        if value.year > 2400:  # a B.E. year typed into a date cell
            try:
                value = value.replace(year=value.year - BE_OFFSET)
            except ValueError:  # 29 Feb of a B.E. year that is not a leap year in C.E.
                raise AbcError(f"วันที่ไม่ถูกต้อง: {value}", f"Invalid date: {value}") from None
        return parse_date(value.isoformat())
    return parse_date(_text(value))


def _house_no(value: object) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        raise AbcError(
            f"บ้านเลขที่กลายเป็นวันที่ ({value:%d/%m}) ใน Excel: จัดรูปแบบคอลัมน์เป็นข้อความแล้วพิมพ์ใหม่",
            f"The house number became a date ({value:%d/%m}) in Excel: format the column as text and retype it",
        )
    return parse_house_no(_text(value))


# ---------------------------------------------------------------- the dry run


@dataclass
class Row:
    """One spreadsheet row as the dry run judged it."""

    row: int  # as the spreadsheet numbers it (1-based)
    action: str  # add | skip | refuse
    reason_th: str = ""
    reason_en: str = ""
    village_code: str = ""
    house_no: str = ""
    head: str = ""
    values: dict = field(default_factory=dict)

    def reason(self, lang: str = "th") -> str:
        return self.reason_th if lang == "th" else self.reason_en


@dataclass
class Plan:
    """The dry run: what each row below the header would do."""

    header_row: int  # 1-based
    mapping: dict[str, int]
    rows: list[Row]
    headers: list = field(default_factory=list)
    #: The joining date of rows without one (typed, or today).
    default_joined: _dt.date | None = None

    def of(self, action: str) -> list[Row]:
        return [r for r in self.rows if r.action == action]

    @property
    def counts(self) -> dict[str, int]:
        return {a: len(self.of(a)) for a in ("add", "skip", "refuse")}


def _village_resolver(tambon_code: str) -> Callable[[object], str]:
    villages = list(
        Area.select(Area.code, Area.name)
        .where((Area.level == "village") & (Area.parent == tambon_code))
        .tuples()
    )
    by_code = {c: c for c, _ in villages}
    by_moo = {int(c[-2:]): c for c, _ in villages}
    by_name = {_key(n): c for c, n in villages}

    def resolve(value: object) -> str:
        s = _text(value)
        if not s:
            raise AbcError("ไม่มีหมู่ที่", "No village number")
        if s in by_code:
            return by_code[s]
        m = re.fullmatch(r"(?:หมู่(?:ที่)?|ม\.|moo|village)?\s*(\d{1,2})(?:\s+.*)?", s, flags=re.IGNORECASE)
        if m and int(m.group(1)) in by_moo:
            return by_moo[int(m.group(1))]
        if _key(s) in by_name:
            return by_name[_key(s)]
        raise AbcError(
            f"ไม่มีหมู่บ้าน {s} ในตำบลนี้ (เพิ่มหมู่บ้านที่หน้าตั้งค่าพื้นที่ก่อน)",
            f"No village {s} in this tambon (add it on the area setup screen first)",
        )

    return resolve


def plan_import(
    table: tablib.Dataset,
    mapping: dict[str, int],
    header_row: int,
    *,
    village_code: str = "",
    joined_on: str = "",
) -> Plan:
    """The dry run: each row below ``header_row`` (0-based index) judged add / skip / refuse.

    ``village_code``: the village of rows without a village column or cell; ``joined_on``: the
    joining date (typed, B.E.) of rows without one (blank: today)."""
    check_mapping(mapping, has_default_village=bool(village_code))
    tambon = settings.get("tambon_code")
    if not tambon:
        raise AbcError(
            "ยังไม่ได้ตั้งค่าพื้นที่ของสำนักงาน (ตำบลและหมู่บ้าน) ตั้งค่าก่อนนำเข้า",
            "The office's area (tambon and villages) is not set up; set it up before importing",
        )
    resolve = _village_resolver(tambon)
    if village_code:
        village_code = resolve(village_code)
    default_joined = parse_date(joined_on) if joined_on.strip() else _dt.date.today()
    headers = list(table[header_row]) if 0 <= header_row < table.height else []
    seen: dict[str, Row] = {}
    registered = dict(  # one query, not one per row
        Household.select(Household.code, Household.head_name)
        .join(Area, on=(Household.village == Area.code))
        .where(Area.parent == tambon)
        .tuples()
    )
    rows = [
        _judge(i + 1, table[i], mapping, resolve, village_code, default_joined, seen, registered)
        for i in range(header_row + 1, table.height)
    ]
    while rows and rows[-1].reason_en == "blank row":
        rows.pop()  # trailing empty rows are not the officer's rows
    return Plan(header_row + 1, dict(mapping), rows, headers, default_joined)


def _judge(n, cells, mapping, resolve, default_village, default_joined, seen, registered) -> Row:
    def cell(f: str) -> object:
        i = mapping.get(f)
        return cells[i] if i is not None and i < len(cells) else None

    if all(_text(c) in ("",) for c in cells):
        return Row(n, "skip", "แถวว่าง", "blank row")
    house_raw, head_raw = cell("house_no"), _text(cell("head"))
    if _text(house_raw) == "" and (head_raw == "" or _key(head_raw).startswith(_TOTAL_WORDS)):
        if head_raw:
            return Row(n, "skip", f"แถวรวม ({head_raw})", f"subtotal row ({head_raw})", head=head_raw)
        return Row(
            n, "skip", "ไม่มีบ้านเลขที่และชื่อ (หมายเหตุหรือยอดรวม)", "no house number or name (a note or total)"
        )
    row = Row(n, "refuse", head=head_raw, house_no=_text(house_raw))
    notes_th: list[str] = []
    notes_en: list[str] = []
    try:
        v_cell = cell("village") if "village" in mapping else None
        village = resolve(v_cell) if _text(v_cell) else default_village
        if not village:
            raise AbcError("ไม่มีหมู่ที่", "No village number")
        row.village_code = village
        house_no = _house_no(house_raw)
        row.house_no = house_no
        head = parse_name(head_raw, field_th="ชื่อหัวหน้าครัวเรือน", field_en="head's name")
        row.head = head
        members_raw = cell("members")
        if _text(members_raw) in _BLANKS:
            members = 1
            notes_th.append("ไม่มีจำนวนสมาชิก ใส่ 1")
            notes_en.append("no member count: 1")
        else:
            members = _members(members_raw)
        occ_text = _text(cell("occupation"))
        occupation = guess_occupation(occ_text)
        if occupation is None:
            occupation = "other"
            notes_th.append(f"อาชีพ {occ_text} → อื่นๆ")
            notes_en.append(f"occupation {occ_text} → other")
        elif (
            occ_text
            and _key(occ_text) not in _key(OCCUPATION_GROUPS[occupation][0])
            and _key(occ_text) != occupation
        ):
            notes_th.append(f"อาชีพ {occ_text} → {OCCUPATION_GROUPS[occupation][0]}")
            notes_en.append(f"occupation {occ_text} → {OCCUPATION_GROUPS[occupation][1]}")
        try:
            debt = _money(cell("debt"))
        except AbcError as err:
            raise AbcError(f"หนี้สิน: {err.th}", f"Debt: {err.en}") from None
        joined_raw = cell("joined_on")
        if _text(joined_raw) in _BLANKS:
            joined = default_joined
        else:
            try:
                joined = _date(joined_raw)
            except AbcError as err:
                raise AbcError(f"วันที่เข้าร่วม: {err.th}", f"Date joined: {err.en}") from None
        if joined > _dt.date.today() + _dt.timedelta(days=7):
            raise AbcError("วันที่เข้าร่วมอยู่ในอนาคต", "The joining date is in the future")
    except AbcError as err:
        row.reason_th, row.reason_en = err.th, err.en
        return row
    code = household_code(village, house_no)
    earlier = seen.get(code)
    if earlier is not None:
        row.reason_th = f"บ้านเลขที่ซ้ำกับแถว {earlier.row} ({earlier.head})"
        row.reason_en = f"same house as row {earlier.row} ({earlier.head})"
        return row
    row.values = {
        "house_no": house_no,
        "head_name": head,
        "members_count": members,
        "occupation": occupation,
        "debt_at_joining_satang": debt,
        "joined_on": joined,
    }
    seen[code] = row
    existing = registered.get(code)
    if existing is not None:
        if same_person(existing, head):
            row.action = "skip"
            row.reason_th, row.reason_en = f"มีในทะเบียนแล้ว ({code})", f"already registered ({code})"
        else:
            row.reason_th = f"บ้านเลขที่นี้มีในทะเบียนแล้ว เป็นของ {existing} ({code})"
            row.reason_en = f"this house is already registered to {existing} ({code})"
        return row
    row.action = "add"
    row.reason_th, row.reason_en = "; ".join(notes_th), "; ".join(notes_en)
    return row


# ---------------------------------------------------------------- the import


def commit_import(
    table: tablib.Dataset,
    plan: Plan,
    *,
    village_code: str = "",
    joined_on: str = "",
    who: str = "",
) -> int:
    """Add every row the dry run ``plan`` would add, in ONE transaction: all of them or none.

    The rows are judged again inside the transaction; if that differs from the dry run the
    officer saw (the register changed meanwhile), nothing is added."""
    with db.atomic():
        again = plan_import(
            table, plan.mapping, plan.header_row - 1, village_code=village_code, joined_on=joined_on
        )
        if [(r.row, r.action) for r in again.rows] != [(r.row, r.action) for r in plan.rows]:
            raise AbcError(
                "ทะเบียนครัวเรือนเปลี่ยนไประหว่างตรวจกับนำเข้า ไม่ได้เพิ่มอะไร ตรวจอีกครั้ง",
                "The register changed between the dry run and the import; nothing was added. Run the dry run again",
            )
        added = _insert(again.of("add"), who)
        _save_mapping(plan.headers, plan.mapping)
    return added


def _insert(rows: list[Row], who: str, chunk: int = 200) -> int:
    """The households, their heads as members and an audit row each, in multi-row INSERTs (one
    statement per 200 rows: 3,000 single inserts spent 9 of 10 s building SQL in peewee). The same
    rows and audit snapshots as :func:`abc_tui.store.households.add_household` writes."""
    import json

    from abc_tui.store.households import _snapshot
    from abc_tui.store.models import Audit, new_uuid, now_iso

    now = now_iso()
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        households = [
            dict(
                uuid=new_uuid(),
                code=household_code(r.village_code, r.values["house_no"]),
                village=r.village_code,
                active=True,
                left_on=None,
                left_reason="",
                model_household=False,
                updated_at=now,
                **r.values,
            )
            for r in part
        ]
        Household.insert_many(households).execute()
        ids = dict(
            Household.select(Household.uuid, Household.id)
            .where(Household.uuid.in_([h["uuid"] for h in households]))
            .tuples()
        )
        Member.insert_many(
            [
                dict(
                    uuid=new_uuid(),
                    household=ids[h["uuid"]],
                    name=h["head_name"],
                    sex="",
                    birth_year=None,
                    is_head=True,
                )
                for h in households
            ]
        ).execute()
        Audit.insert_many(
            [
                dict(
                    table="household",
                    row_uuid=h["uuid"],
                    action="insert",
                    before=None,
                    who=who,
                    at=now,
                    after=json.dumps(_snapshot(Household(**h)), ensure_ascii=False, default=str),
                )
                for h in households
            ]
        ).execute()
    return len(rows)
