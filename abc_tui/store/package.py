"""Office packages: one zip holding every table an office has, and their idempotent merge.

Owns the package format and the merge (REPORTS.md "Office package"). A package is a zip of
``manifest.json`` (office area code, schema version, export time, per-table row count and SHA-256
of its data file) and one JSON Lines file per table under ``tables/``. Foreign keys travel as UUIDs
or codes, never local ids. Not in a package: the report summaries (rebuilt from the lines by the
triggers), settings (the pseudonym key and office set-up), password hashes, the sent log and the
evaluation rounds (what *this* office sent and closed).

Row keys: the UUID where the table has one; areas and categories by code; attendance by forum +
member UUID; officials by forum UUID + agency; plan status changes by plan item UUID + status +
date; audit by all its columns (append-only); period states by village + month; users by name.

Merge rule: a new key is added; an identical row is skipped; a different row with ``updated_at``
is updated when the package's is newer, skipped when older, and rejected as a conflict when the
times are equal. Tables without ``updated_at`` cannot say which is newer: a different row is a
conflict, reported, never overwritten. Users are never merged (accounts belong to one office):
they are reported as skipped. Everything is peewee queries (no SQLite-only SQL) so the merge runs
on any peewee database; one transaction per package.

Deletions travel as tombstones (migration 12): ``tables/tombstone.jsonl`` lists each row this office
deleted (table, key as above, when), except rows that exist again (an undone delete, a re-ticked
attendance). Import applies them before the rows, in the same transaction: the row is deleted here
(its children go with it as they did at the source; the summaries follow by their triggers) unless
it changed here after the deletion (a conflict, reported, ours kept); a deletion of a row we
never had is kept as a tombstone only (it travels on upward). A row of the package whose key has a
tombstone here is added only when it is as new as the deletion or newer (its ``updated_at``, else
the package's export time): re-importing an older package never brings a deleted row back.

Older packages (schema 8 up to the one before tombstones) are upgraded as they are read: members
get ``updated_at`` "" (older than any edit) and there are no tombstones. Older than 8 (no package
format then) or newer than this program: refused, saying which version and what to do.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peewee import JOIN, BooleanField, CompositeKey, DateField, ForeignKeyField, IntegerField

from abc_tui.domain.errors import AbcError
from abc_tui.store import periods
from abc_tui.store.models import (
    Area,
    Audit,
    Category,
    Finding,
    Forum,
    ForumAttendance,
    ForumOfficial,
    Household,
    LedgerLine,
    LedgerPage,
    Member,
    PeriodState,
    PlanItem,
    PlanStatusChange,
    Tombstone,
    User,
    db,
    now_iso,
)

FORMAT = "abc-tui-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000
#: The oldest schema a package can have (packages came with migration 8).
OLDEST_VERSION = 8
#: The migration that added tombstones and ``member.updated_at`` (migrations.py, number 12).
TOMBSTONES_SINCE = 12
TOMBSTONE = "tombstone"


@dataclass(frozen=True)
class Spec:
    """One table in a package: its model, the key columns, and foreign keys sent as UUIDs/codes
    (column -> (model, model key field name))."""

    model: type
    key: tuple[str, ...]
    refs: dict = field(default_factory=dict)
    exclude: tuple[str, ...] = ("id",)
    merge: bool = True


#: Tables in merge order (parents first). The JSON column name is the field name.
SPECS: dict[str, Spec] = {
    "area": Spec(Area, ("code",), exclude=()),
    "category": Spec(Category, ("code",), exclude=()),
    "user": Spec(User, ("name",), exclude=("id", "password_hash", "last_login_at"), merge=False),
    "household": Spec(Household, ("uuid",)),
    "member": Spec(Member, ("uuid",), {"household": (Household, "uuid")}),
    "ledger_page": Spec(LedgerPage, ("uuid",), {"household": (Household, "uuid")}),
    "ledger_line": Spec(
        LedgerLine, ("uuid",), {"page": (LedgerPage, "uuid"), "household": (Household, "uuid")}
    ),
    "forum": Spec(Forum, ("uuid",)),
    "forum_attendance": Spec(
        ForumAttendance, ("forum", "member"), {"forum": (Forum, "uuid"), "member": (Member, "uuid")}
    ),
    "forum_official": Spec(ForumOfficial, ("forum", "agency"), {"forum": (Forum, "uuid")}),
    "finding": Spec(Finding, ("uuid",), {"forum": (Forum, "uuid")}),
    "plan_item": Spec(PlanItem, ("uuid",), {"forum": (Forum, "uuid")}),
    "plan_status_change": Spec(
        PlanStatusChange, ("plan_item", "status", "changed_on"), {"plan_item": (PlanItem, "uuid")}
    ),
    "audit": Spec(Audit, ("row_uuid", "table", "action", "before", "after", "who", "at")),
    "period_state": Spec(PeriodState, ("village_code", "month"), exclude=()),
}


#: Tables whose deletions travel (the delete triggers of migration 12), in SPECS order: a parent
#: before its children, so a deleted forum takes its attendance with it here as at the source.
TOMBSTONE_TABLES = (
    "member",
    "ledger_line",
    "forum",
    "forum_attendance",
    "forum_official",
    "finding",
    "plan_item",
)
_TABLE_OF = {spec.model: name for name, spec in SPECS.items()}


def upgrade_fill(version: int) -> dict[str, dict]:
    """Columns a package of schema ``version`` lacks, per table, and the value each gets."""
    if version < TOMBSTONES_SINCE:
        return {"member": {"updated_at": ""}}
    return {}


def _split_key(name: str, row_key: str) -> tuple:
    return tuple(row_key.split(" ", len(SPECS[name].key) - 1))


def _join_key(key) -> str:
    return " ".join(key)


def _key_query(spec: Spec, *extra):
    """A query of ``spec``'s rows selecting their key in package form (UUIDs/codes), then ``extra``."""
    model = spec.model
    cols, joins = [], []
    for k in spec.key:
        if k in spec.refs:
            parent, pk = spec.refs[k]
            alias = parent.alias(f"k_{k}")
            joins.append((alias, getattr(model, k)))
            cols.append(getattr(alias, pk))
        else:
            cols.append(getattr(model, k))
    query = model.select(*cols, *extra)
    for alias, f in joins:
        query = query.join_from(model, alias, on=(f == alias.id))
    return query, cols[0]


def _local_rows(name: str, keys: list[tuple]) -> dict:
    """key -> (id, updated_at or None) of our rows of table ``name`` with these package keys."""
    spec = SPECS[name]
    model = spec.model
    stamp = model.updated_at if "updated_at" in model._meta.fields else None
    query, first = _key_query(spec, model.id, *([stamp] if stamp is not None else []))
    wanted = set(keys)
    out = {}
    firsts = list({k[0] for k in keys})
    n = len(spec.key)
    for i in range(0, len(firsts), 500):
        for row in query.where(first.in_(firsts[i : i + 500])).tuples():
            key = tuple(row[:n])
            if key in wanted:
                out[key] = (row[n], row[n + 1] if stamp is not None else None)
    return out


def _local_tombstones(name: str, keys) -> dict:
    """key -> deleted_at of our tombstones of table ``name`` with these package keys."""
    joined = list({_join_key(k) for k in keys})
    out = {}
    for i in range(0, len(joined), 500):
        q = Tombstone.select(Tombstone.row_key, Tombstone.deleted_at).where(
            (Tombstone.table_name == name) & Tombstone.row_key.in_(joined[i : i + 500])
        )
        for row_key, at in q.tuples():
            out[_split_key(name, row_key)] = at
    return out


def _fields(spec: Spec) -> list:
    return [f for f in spec.model._meta.sorted_fields if f.name not in spec.exclude]


def _plain(value):
    """A database value as it travels in JSON (dates ISO, booleans true/false)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- writing


@dataclass
class PackageInfo:
    path: Path
    area: str
    counts: dict
    months: tuple[str, str] | None


def _rows(name: str, spec: Spec) -> Iterator[dict]:
    """The table's rows in package form (foreign keys as UUIDs/codes), in a stable order."""
    model = spec.model
    fields = _fields(spec)
    columns, joins = [], []
    for f in fields:
        if f.name in spec.refs:
            parent, key = spec.refs[f.name]
            alias = parent.alias(f"p_{f.name}")
            joins.append((alias, f, key))
            columns.append(getattr(alias, key))
        else:
            columns.append(f)
    query = model.select(*columns)
    for alias, f, _key in joins:
        query = query.join_from(model, alias, join_type=JOIN.LEFT_OUTER, on=(f == alias.id))
    pk = model._meta.primary_key
    order = [getattr(model, n) for n in pk.field_names] if isinstance(pk, CompositeKey) else [pk]
    names = [f.name for f in fields]
    for row in query.order_by(*order).tuples().iterator():
        yield {n: _plain(v) for n, v in zip(names, row)}


def _tombstone_rows() -> Iterator[dict]:
    """Our tombstones in package form, without rows that exist again (an undone delete)."""
    for name in TOMBSTONE_TABLES:
        rows = [
            (_split_key(name, k), at)
            for k, at in Tombstone.select(Tombstone.row_key, Tombstone.deleted_at)
            .where(Tombstone.table_name == name)
            .order_by(Tombstone.row_key)
            .tuples()
        ]
        for i in range(0, len(rows), CHUNK):
            part = rows[i : i + CHUNK]
            alive = _local_rows(name, [k for k, _ in part])
            for key, at in part:
                if key not in alive:
                    yield {"table": name, "key": list(key), "deleted_at": at}


def write_package(
    dest: Path, area: str, schema_version: int, progress: Callable[[int, int], None] | None = None
) -> PackageInfo:
    """Write every table of the open database into the zip ``dest`` (the caller writes it to a
    temporary name and puts it in place)."""
    counts, sums = {}, {}
    total = sum(s.model.select().count() for s in SPECS.values()) + Tombstone.select().count()
    done = 0
    sources: list[tuple[str, Callable[[], Iterator[dict]]]] = [
        (name, lambda name=name, spec=spec: _rows(name, spec)) for name, spec in SPECS.items()
    ]
    sources.append((TOMBSTONE, _tombstone_rows))
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf, db.atomic():  # one snapshot
        for name, rows in sources:
            digest, n = hashlib.sha256(), 0
            with zf.open(f"tables/{name}.jsonl", "w") as out:
                buf = io.BytesIO()
                for row in rows():
                    buf.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
                    n += 1
                    if n % CHUNK == 0:
                        data = buf.getvalue()
                        digest.update(data)
                        out.write(data)
                        buf = io.BytesIO()
                        done += CHUNK
                        if progress:
                            progress(done, total)
                data = buf.getvalue()
                digest.update(data)
                out.write(data)
            done += n % CHUNK
            counts[name], sums[name] = n, digest.hexdigest()
        first_last = (
            LedgerPage.select(LedgerPage.month).order_by(LedgerPage.month).first(),
            LedgerPage.select(LedgerPage.month).order_by(LedgerPage.month.desc()).first(),
        )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "area": area,
            "schema_version": schema_version,
            "exported_at": now_iso(),
            "tables": {
                n: {"file": f"tables/{n}.jsonl", "rows": counts[n], "sha256": sums[n]} for n in counts
            },
        }
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    months = (first_last[0].month, first_last[1].month) if first_last[0] else None
    counts.pop(TOMBSTONE)  # rows of tables, as before; the deletions are in the manifest
    return PackageInfo(Path(dest), area, counts, months)


# ---------------------------------------------------------------- reading and checking


def _bad(path: Path, th: str, en: str) -> AbcError:
    return AbcError(
        f"แพ็กเกจ {path.name} ใช้ไม่ได้: {th} ไม่ได้นำเข้าอะไร",
        f"Package {path.name} cannot be used: {en}; nothing was imported",
    )


def _kind(f) -> tuple[type, bool]:
    """The JSON type a field travels as, and whether null is allowed."""
    if isinstance(f, ForeignKeyField):
        return str, f.null
    if isinstance(f, BooleanField):
        return bool, f.null
    if isinstance(f, IntegerField):
        return int, f.null
    return str, f.null


def read_manifest(path: Path, zf: zipfile.ZipFile, latest_version: int) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise _bad(path, "ไม่มี manifest.json", "no manifest.json") from None
    except (ValueError, zipfile.BadZipFile, OSError) as err:
        raise _bad(path, f"manifest.json เสีย ({err})", f"manifest.json is damaged ({err})") from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("tables"), dict)
    ):
        raise _bad(path, "ไม่ใช่แพ็กเกจของ abc-tui", "not an abc-tui package")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > latest_version:
        raise _bad(
            path,
            f"ทำจากโปรแกรมรุ่นใหม่กว่า (โครงสร้างรุ่น {version} เครื่องนี้รุ่น {latest_version}) ปรับปรุงโปรแกรมก่อน",
            f"made by a newer program (schema {version}, this one {latest_version}); update abc-tui first",
        )
    if version < OLDEST_VERSION:
        raise _bad(
            path,
            f"ทำจากโปรแกรมรุ่นเก่าเกินกว่าจะอ่านได้ (โครงสร้างรุ่น {version} เครื่องนี้อ่านได้รุ่น {OLDEST_VERSION} "
            f"ถึง {latest_version}) ให้สำนักงานต้นทางปรับปรุงโปรแกรม abc-tui แล้วส่งออกแพ็กเกจใหม่",
            f"made by a program too old to read (schema {version}; this one reads {OLDEST_VERSION} to "
            f"{latest_version}); ask the office to update abc-tui and export the package again",
        )
    names = [*SPECS, TOMBSTONE] if version >= TOMBSTONES_SINCE else list(SPECS)
    for name in names:
        entry = manifest["tables"].get(name)
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("rows"), int)
            or not isinstance(entry.get("sha256"), str)
        ):
            raise _bad(path, f"manifest ไม่มีตาราง {name}", f"the manifest lacks table {name}")
    manifest["_fill"] = upgrade_fill(version)
    manifest["_names"] = names
    return manifest


def _lines(path: Path, zf: zipfile.ZipFile, name: str, entry: dict) -> Iterator[bytes]:
    try:
        with zf.open(entry.get("file", f"tables/{name}.jsonl")) as f:
            yield from f
    except KeyError:
        raise _bad(path, f"ไม่มีไฟล์ของตาราง {name}", f"the file of table {name} is missing") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise _bad(
            path, f"ไฟล์ของตาราง {name} เสีย ({err})", f"the file of table {name} is damaged ({err})"
        ) from None


def _table_rows(
    path: Path, zf: zipfile.ZipFile, name: str, entry: dict, manifest: dict | None = None
) -> Iterator[dict]:
    """The rows of table ``name`` checked against their columns and types; a row of an older
    package gets the columns it lacks (:func:`upgrade_fill`)."""
    if name == TOMBSTONE:
        yield from _tombstone_file_rows(path, zf, entry)
        return
    spec = SPECS[name]
    kinds = {f.name: _kind(f) for f in _fields(spec)}
    dates = {f.name for f in _fields(spec) if isinstance(f, DateField)}
    fill = (manifest or {}).get("_fill", {}).get(name, {})
    columns = set(kinds) - set(fill)
    for no, line in enumerate(_lines(path, zf, name, entry), 1):
        try:
            row = json.loads(line)
        except ValueError:
            raise _bad(path, f"{name} แถว {no} อ่านไม่ได้", f"{name} row {no} is not valid JSON") from None
        if not isinstance(row, dict) or set(row) != columns:
            version = (manifest or {}).get("schema_version")
            raise _bad(
                path,
                f"{name} แถว {no} มีคอลัมน์ไม่ตรงกับโครงสร้างรุ่น {version}",
                f"{name} row {no} has the wrong columns for schema {version}",
            )
        row.update(fill)
        for col, (kind, null) in kinds.items():
            v = row[col]
            ok = (v is None and null) or (
                isinstance(v, kind) and (kind is not int or not isinstance(v, bool))
            )
            if ok and isinstance(v, str) and col in dates:
                try:
                    _dt.date.fromisoformat(v)
                except ValueError:
                    ok = False
            if not ok:
                raise _bad(
                    path,
                    f"{name} แถว {no} คอลัมน์ {col} ชนิดข้อมูลผิด ({v!r})",
                    f"{name} row {no} column {col} has the wrong type ({v!r})",
                )
        yield row


def _tombstone_file_rows(path: Path, zf: zipfile.ZipFile, entry: dict) -> Iterator[dict]:
    """Tombstone rows: ``{"table": one of TOMBSTONE_TABLES, "key": [its key's parts], "deleted_at": ISO}``."""
    for no, line in enumerate(_lines(path, zf, TOMBSTONE, entry), 1):
        try:
            row = json.loads(line)
        except ValueError:
            raise _bad(
                path, f"{TOMBSTONE} แถว {no} อ่านไม่ได้", f"{TOMBSTONE} row {no} is not valid JSON"
            ) from None
        ok = isinstance(row, dict) and set(row) == {"table", "key", "deleted_at"}
        ok = ok and row["table"] in TOMBSTONE_TABLES and isinstance(row["deleted_at"], str)
        ok = ok and isinstance(row["key"], list) and len(row["key"]) == len(SPECS[row["table"]].key)
        ok = ok and all(isinstance(k, str) and k for k in row["key"])
        # only the last part may hold a space (an agency's name): the key joins and splits the same
        ok = ok and all(" " not in k for k in row["key"][:-1])
        if ok:
            try:
                _dt.datetime.fromisoformat(row["deleted_at"])
            except ValueError:
                ok = False
        if not ok:
            raise _bad(path, f"{TOMBSTONE} แถว {no} ข้อมูลผิดรูปแบบ", f"{TOMBSTONE} row {no} is malformed")
        yield row


def verify(path: Path, zf: zipfile.ZipFile, manifest: dict) -> int:
    """Check every table file against the manifest (checksum, row count, types, duplicate keys)
    before anything is written; return the total row count."""
    total = 0
    for name in manifest["_names"]:
        entry = manifest["tables"][name]
        digest, n = hashlib.sha256(), 0
        for line in _lines(path, zf, name, entry):
            digest.update(line)
            n += 1
        if digest.hexdigest() != entry["sha256"] or n != entry["rows"]:
            raise _bad(
                path,
                f"ตาราง {name} ไม่ตรงกับ checksum (ไฟล์เสียหรือถูกแก้)",
                f"table {name} does not match its checksum (damaged or altered)",
            )
        seen: set = set()
        for no, row in enumerate(_table_rows(path, zf, name, entry, manifest), 1):
            if name == TOMBSTONE:
                key = (row["table"], *row["key"])
            else:
                key = tuple(row[k] for k in SPECS[name].key)
            if key in seen:
                raise _bad(
                    path,
                    f"{name} แถว {no} ซ้ำกับแถวก่อนหน้า ({'/'.join(map(str, key))})",
                    f"{name} row {no} repeats an earlier key ({'/'.join(map(str, key))})",
                )
            seen.add(key)
        total += n
    return total


# ---------------------------------------------------------------- merging


@dataclass
class TableReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    deleted: int = 0
    reasons: dict = field(default_factory=dict)  # reason (Thai, English) -> count
    examples: dict = field(default_factory=dict)  # reason -> first key

    def reject(self, reason: tuple[str, str], key) -> None:
        self.rejected += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1
        self.examples.setdefault(reason, "/".join(map(str, key)))

    def skip(self, reason: tuple[str, str] | None = None) -> None:
        self.skipped += 1
        if reason:
            self.reasons[reason] = self.reasons.get(reason, 0) + 1


@dataclass
class ImportReport:
    path: Path
    area: str
    exported_at: str
    tables: dict  # name -> TableReport

    @property
    def changed(self) -> int:
        return sum(t.added + t.updated + t.deleted for t in self.tables.values())


CONFLICT = (
    "ขัดแย้ง: แถวเดียวกัน เวลาแก้ไขเท่ากัน แต่ข้อมูลต่างกัน เก็บของเดิมไว้",
    "conflict: same key and time, different content; ours kept",
)
CONFLICT_NOTIME = (
    "ขัดแย้ง: ข้อมูลต่างจากที่มีอยู่ ตารางนี้ไม่มีเวลาแก้ไข เก็บของเดิมไว้",
    "conflict: differs from ours and the table has no edit time; ours kept",
)
OLDER = ("ของเราใหม่กว่า", "ours is newer")
NO_PARENT = (
    "ไม่พบแถวแม่ (รหัสอ้างอิงไม่มีทั้งในแพ็กเกจและฐานข้อมูล)",
    "its parent row is in neither the package nor ours",
)
TAKEN = ("รหัสซ้ำกับแถวอื่นที่มีอยู่แล้ว", "another row of ours already has its code/household-month")
USERS = ("บัญชีผู้ใช้เป็นของแต่ละสำนักงาน ไม่นำเข้า", "user accounts belong to one office; not merged")
DELETED_LATER = (
    "แถวนี้ถูกลบไปแล้วหลังจากข้อมูลในแพ็กเกจนี้ ไม่นำกลับมา",
    "deleted after this package's copy of it; not brought back",
)
PARENT_DELETED = ("แถวแม่ถูกลบไปแล้ว ไม่นำกลับมา", "its parent row was deleted; not brought back")
CHANGED_AFTER_DELETE = (
    "ขัดแย้ง: ต้นทางลบแถวนี้ แต่ที่นี่แก้ไขหลังเวลาที่ลบ เก็บของเดิมไว้",
    "conflict: deleted there, but changed here after that time; ours kept",
)
NEVER_HAD = ("ลบที่ต้นทาง ที่นี่ไม่มีแถวนี้อยู่แล้ว", "deleted there; we never had it (the deletion is kept)")


class _Ids:
    """UUID/code -> local id of parent rows, looked up a chunk at a time."""

    def __init__(self) -> None:
        self.cache: dict = {}

    def resolve(self, model, key: str, values) -> None:
        cache = self.cache.setdefault(model, {})
        wanted = [v for v in {*values} if v is not None and v not in cache]
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            for k, pk in (
                model.select(getattr(model, key), model.id).where(getattr(model, key).in_(part)).tuples()
            ):
                cache[k] = pk

    def get(self, model, value):
        return self.cache.get(model, {}).get(value)


def _norm(v):
    if isinstance(v, bool):
        return int(v)
    return _plain(v)


def _key_expr(model, spec: Spec, rows: list[dict]):
    """A WHERE clause matching the target rows with the keys of ``rows`` (local form)."""
    if len(spec.key) == 1:
        col = getattr(model, spec.key[0])
        return col.in_([r[spec.key[0]] for r in rows])
    first = spec.key[0]
    return getattr(model, first).in_(list({r[first] for r in rows}))


def merge(
    path: Path,
    zf: zipfile.ZipFile,
    manifest: dict,
    total: int,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Merge a verified package into the open database (the caller holds the transaction)."""
    ids = _Ids()
    report = ImportReport(path, str(manifest.get("area", "")), str(manifest.get("exported_at", "")), {})
    done = 0
    exported_at = str(manifest.get("exported_at", ""))
    report.tables = {name: TableReport() for name in SPECS}
    # Deletions first, parents before children, as the source made them: what a deletion changed
    # in other rows there (a plan item's forum set to none) then happens here too before the rows
    # are compared.
    if TOMBSTONE in manifest["_names"]:
        rows = list(_table_rows(path, zf, TOMBSTONE, manifest["tables"][TOMBSTONE], manifest))
        for name in TOMBSTONE_TABLES:
            mine = [r for r in rows if r["table"] == name]
            for i in range(0, len(mine), CHUNK):
                _apply_tombstones(name, mine[i : i + CHUNK], report.tables[name])
        done += len(rows)
        if progress and rows:
            progress(done, total)
    for name, spec in SPECS.items():
        tr = report.tables[name]
        chunk: list[dict] = []
        for row in _table_rows(path, zf, name, manifest["tables"][name], manifest):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                _merge_chunk(name, spec, chunk, ids, tr, exported_at)
                done += len(chunk)
                chunk = []
                if progress:
                    progress(done, total)
        if chunk:
            _merge_chunk(name, spec, chunk, ids, tr, exported_at)
            done += len(chunk)
            if progress:
                progress(done, total)
    return report


def _save_tombstones(name: str, items: list[tuple[tuple, str]]) -> None:
    """Keep (key, deleted_at) as our tombstones, with the source's time (it replaces the time our
    own delete trigger has just written, so the deletion travels on upward as it was made)."""
    rows = [{"table_name": name, "row_key": _join_key(key), "deleted_at": at} for key, at in items]
    for i in range(0, len(rows), 500):
        Tombstone.insert_many(rows[i : i + 500]).on_conflict(
            conflict_target=[Tombstone.table_name, Tombstone.row_key], preserve=[Tombstone.deleted_at]
        ).execute()


def _apply_tombstones(name: str, rows: list[dict], tr: TableReport) -> None:
    """Delete our copies of rows the package says were deleted (see the module docstring)."""
    model = SPECS[name].model
    items = [(tuple(r["key"]), r["deleted_at"]) for r in rows]
    known = _local_tombstones(name, [k for k, _ in items])
    here = _local_rows(name, [k for k, _ in items])
    delete_ids, keep = [], []
    for key, at in items:
        if key in known and known[key] >= at:
            tr.skip()  # applied before (the row may exist again since: re-created after)
        elif key in here:
            _rid, stamp = here[key]
            if stamp is not None and stamp > at:  # same second: the version the source deleted
                tr.reject(CHANGED_AFTER_DELETE, key)
            else:
                delete_ids.append(here[key][0])
                keep.append((key, at))
        else:
            tr.skip(NEVER_HAD)
            keep.append((key, at))
    if delete_ids and name == "ledger_line":
        months = model.select(model.village_code, model.date).where(model.id.in_(delete_ids)).tuples()
        periods.assert_months_open([(v, str(d)[:7]) for v, d in months])
    for i in range(0, len(delete_ids), 500):
        model.delete().where(model.id.in_(delete_ids[i : i + 500])).execute()
    tr.deleted += len(delete_ids)
    _save_tombstones(name, keep)


def _merge_chunk(
    name: str, spec: Spec, rows: list[dict], ids: _Ids, tr: TableReport, exported_at: str = ""
) -> None:
    model = spec.model
    if not spec.merge:
        for _ in rows:
            tr.skip(USERS)
        return
    if name == "area":  # parents first: a province before its districts
        rows = sorted(rows, key=lambda r: len(r["code"]))
    for col, (parent, key) in spec.refs.items():
        ids.resolve(parent, key, [r[col] for r in rows])
    fields = _fields(spec)
    local: list[tuple[dict, tuple]] = []
    orphans: list[tuple[tuple, list]] = []
    for r in rows:
        pkg_key = tuple(r[k] for k in spec.key)
        out = dict(r)
        missing = []
        for col, (parent, _key) in spec.refs.items():
            if r[col] is not None:
                out[col] = ids.get(parent, r[col])
                if out[col] is None:
                    missing.append((parent, r[col]))
        if missing:
            orphans.append((pkg_key, missing))
            continue
        local.append((out, pkg_key))
    _orphans(orphans, tr)
    if not local:
        return
    # The target's rows with the same keys (one query a chunk).
    existing: dict = {}
    names = [f.name for f in fields]
    has_id = "id" in model._meta.fields and "id" not in names
    query = model.select(model.id, *fields) if has_id else model.select(*fields)
    for row in query.where(_key_expr(model, spec, [o for o, _ in local])).tuples():
        rid, values = (row[0], row[1:]) if has_id else (None, row)
        d = dict(zip(names, (_norm(v) for v in values)))
        existing[tuple(d[k] for k in spec.key)] = (rid, d)
    inserts, updates, touched = [], [], []
    for out, pkg_key in local:
        key = tuple(out[k] for k in spec.key)
        new = {n: _norm(out[n]) for n in names}
        have = existing.get(key)
        if have is None:
            inserts.append((new, pkg_key))
            continue
        rid, old = have
        if old == new:
            tr.skip()
        elif "updated_at" not in names:
            tr.reject(CONFLICT_NOTIME, pkg_key)
        elif new["updated_at"] > old["updated_at"]:
            updates.append((rid, new, old))
        elif new["updated_at"] < old["updated_at"]:
            tr.skip(OLDER)
        else:
            tr.reject(CONFLICT, pkg_key)
    inserts = _drop_taken(name, model, inserts, tr)
    if inserts and name in TOMBSTONE_TABLES:
        inserts = _drop_deleted(name, spec, inserts, tr, exported_at)
    # A locked (submitted/approved) village-month of ours refuses the whole package.
    for new, _ in inserts:
        touched.extend(_months(name, new))
    for _rid, new, old in updates:
        touched.extend(_months(name, new) + _months(name, old))
    if touched:
        periods.assert_months_open(touched)
    if inserts:
        _insert(model, fields, [n for n, _ in inserts])
        tr.added += len(inserts)
    for rid, new, _old in updates:
        changes = {n: v for n, v in new.items() if n not in spec.key}
        if rid is not None:
            model.update(**changes).where(model.id == rid).execute()
        else:
            where = None
            for k in spec.key:
                cond = getattr(model, k) == new[k]
                where = cond if where is None else where & cond
            model.update(**changes).where(where).execute()
        tr.updated += 1


def _orphans(orphans: list[tuple[tuple, list]], tr: TableReport) -> None:
    """Rows whose parent is in neither the package nor ours: skipped when the parent was deleted
    here (an older package of a deleted forum or member), else rejected."""
    if not orphans:
        return
    wanted: dict = {}
    for _key, missing in orphans:
        for parent, value in missing:
            wanted.setdefault(_TABLE_OF[parent], set()).add((value,))
    gone = {
        (table, key[0])
        for table, keys in wanted.items()
        if table in TOMBSTONE_TABLES
        for key in _local_tombstones(table, keys)
    }
    for key, missing in orphans:
        if all((_TABLE_OF[parent], value) in gone for parent, value in missing):
            tr.skip(PARENT_DELETED)
        else:
            tr.reject(NO_PARENT, key)


def _drop_deleted(name: str, spec: Spec, inserts: list, tr: TableReport, exported_at: str) -> list:
    """New rows whose key has a tombstone here: added only when as new as the deletion or newer
    (their ``updated_at``, else the package's export time); else skipped (deleted later)."""
    pkg_keys = [key for _, key in inserts]
    dead = _local_tombstones(name, pkg_keys)
    if not dead:
        return inserts
    keep = []
    for new, key in inserts:
        at = dead.get(key)
        alive = new.get("updated_at", exported_at)
        if at is not None and alive < at:
            tr.skip(DELETED_LATER)
        else:
            keep.append((new, key))
    return keep


def _insert(model, fields: list, rows: list[dict]) -> None:
    """Insert ``rows`` with one prepared statement (DB-API ``executemany``): peewee writes the SQL
    for this database (its placeholders, its quoting), so it stays portable; building one huge
    multi-row INSERT instead costs more than the writing itself."""
    sql, _params = model.insert_many([[None] * len(fields)], fields=fields).sql()
    params = [[f.db_value(r[f.name]) for f in fields] for r in rows]
    db.cursor().executemany(sql, params)


def _drop_taken(name: str, model, inserts: list, tr: TableReport) -> list:
    """New rows whose other unique columns (a household's code, a page's household-month) are
    already ours under another UUID: rejected, not a database error that aborts the package."""
    if name == "household":
        codes = {
            c
            for (c,) in model.select(model.code)
            .where(model.code.in_([n["code"] for n, _ in inserts]))
            .tuples()
        }
        taken = lambda n: n["code"] in codes  # noqa: E731
    elif name == "ledger_page":
        hh = [n["household"] for n, _ in inserts]
        pairs = set(model.select(model.household, model.month).where(model.household.in_(hh)).tuples())
        taken = lambda n: (n["household"], n["month"]) in pairs  # noqa: E731
    else:
        return inserts
    keep = []
    for n, key in inserts:
        if taken(n):
            tr.reject(TAKEN, key)
        else:
            keep.append((n, key))
    return keep


_VILLAGE_OF_HOUSEHOLD: dict = {}


def _months(name: str, row: dict) -> list[tuple[str, str]]:
    """The (village, month) a ledger row writes into."""
    if name == "ledger_line":
        return [(row["village_code"], str(row["date"])[:7])]
    if name == "ledger_page":
        hid = row["household"]
        if hid not in _VILLAGE_OF_HOUSEHOLD:
            h = Household.select(Household.village).where(Household.id == hid).tuples().first()
            _VILLAGE_OF_HOUSEHOLD[hid] = h[0] if h else ""
        return [(_VILLAGE_OF_HOUSEHOLD[hid], row["month"])]
    return []


def open_package(path: Path) -> zipfile.ZipFile:
    path = Path(path)
    if not path.is_file():
        raise AbcError(f"ไม่พบไฟล์: {path}", f"No such file: {path}")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise _bad(path, f"ไม่ใช่ไฟล์ zip หรือไฟล์ขาด ({err})", f"not a zip file, or cut short ({err})") from None


def check_package(path: Path, latest_version: int) -> int:
    """Check ``path`` whole without a database (manifest, checksums, types, duplicate keys); its row count."""
    path = Path(path)
    with open_package(path) as zf:
        return verify(path, zf, read_manifest(path, zf, latest_version))


def import_package(
    path: Path,
    latest_version: int,
    progress: Callable[[int, int], None] | None = None,
    *,
    checked: int | None = None,
) -> ImportReport:
    """Check ``path`` whole (unless ``checked``: its row count from :func:`check_package`), then
    merge it in one transaction (all or nothing)."""
    path = Path(path)
    _VILLAGE_OF_HOUSEHOLD.clear()
    with open_package(path) as zf:
        manifest = read_manifest(path, zf, latest_version)
        total = checked if checked is not None else verify(path, zf, manifest)
        with db.atomic():
            report = merge(path, zf, manifest, total, progress)
        _VILLAGE_OF_HOUSEHOLD.clear()
        return report
