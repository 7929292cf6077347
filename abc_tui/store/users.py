"""Accounts: users, roles, passwords, the login rule and the one permission table.

**Roles.** ``clerk`` types ledgers and the household registry, ``facilitator`` logs forums and the
community plan, ``officer`` exports/imports, backs up and closes periods, ``admin`` manages users,
areas and settings and may do everything. Everyone who may open the program may *view* the
reports and the audit trail; screens that change data open only for the roles in :data:`PERMISSIONS`
(``can(role, action)`` is the one check the UI and the CLI use).

**Login rule.** Login is on when an *active admin has a password* and the office has not switched
it off (setting ``login`` = ``off``). A new office has no passwords, so it starts with login off:
whoever runs the program is recorded by name (``--user`` or the computer's login name) and may do
everything. Once the admin account has a password, the program asks for user name and password at
start and every change is stamped with the logged-in user. Clerk passwords alone never turn login on,
so an office cannot lock itself out of user management.

**Passwords** are hashed with :func:`hashlib.scrypt` (random 16-byte salt per hash) and stored as
``scrypt$n$r$p$salt$hash`` (base64), so the cost can be raised later: a stored hash with lower
parameters is re-hashed at the next successful login. Comparison is :func:`hmac.compare_digest`.
The database file itself is the trust boundary: accounts keep colleagues in their lane inside the
program; whoever can write the file can do anything (hence the audited ``--recover`` reset).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import peewee

from abc_tui.domain.areas import parse_name
from abc_tui.domain.errors import AbcError
from abc_tui.store import audit, engine
from abc_tui.store.database import readonly_uri, schema_version
from abc_tui.store.models import Setting, User, db, now_iso

ROLES = ("clerk", "facilitator", "officer", "admin")
ROLE_NAMES = {
    "clerk": ("เจ้าหน้าที่บันทึกข้อมูล", "clerk"),
    "facilitator": ("วิทยากรกระบวนการ", "facilitator"),
    "officer": ("เจ้าหน้าที่รายงาน", "reporting officer"),
    "admin": ("ผู้ดูแลระบบ", "administrator"),
}

#: action -> roles that may do it besides ``admin`` (who may do everything).
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),  # reports on screen, data cards, the audit trail
    "audit.view": frozenset(ROLES),
    "ledger.edit": frozenset({"clerk"}),
    "households.edit": frozenset({"clerk"}),
    "forums.edit": frozenset({"facilitator"}),
    "plan.edit": frozenset({"facilitator"}),
    "export": frozenset({"officer"}),  # reports to files, statements
    "import": frozenset({"officer"}),
    "backup": frozenset({"officer"}),
    "period.close": frozenset({"officer"}),
    "period.approve": frozenset(),  # the office head (an admin) or the district
    "restore": frozenset(),
    "areas.manage": frozenset(),  # office area, villages, settings
    "users.manage": frozenset(),
}

ACTION_NAMES = {
    "view": ("ดูข้อมูล", "view data"),
    "audit.view": ("ดูประวัติการแก้ไข", "view the audit trail"),
    "ledger.edit": ("บันทึกบัญชีครัวเรือน", "enter ledgers"),
    "households.edit": ("แก้ทะเบียนครัวเรือน", "edit the household registry"),
    "forums.edit": ("บันทึกเวทีเรียนรู้", "log forums"),
    "plan.edit": ("แก้แผนชุมชน", "edit the community plan"),
    "export": ("ส่งออกข้อมูล", "export data"),
    "import": ("นำเข้าข้อมูล", "import data"),
    "backup": ("สำรองข้อมูล", "back up"),
    "period.close": ("ปิดงวด", "close periods"),
    "period.approve": ("อนุมัติงวด", "approve periods"),
    "restore": ("กู้คืนข้อมูล", "restore a backup"),
    "areas.manage": ("ตั้งค่าพื้นที่และหมู่บ้าน", "set up areas and villages"),
    "users.manage": ("จัดการผู้ใช้", "manage users"),
}

#: scrypt cost: n=2**15, r=8, p=1 takes ~60-85 ms and 32 MB here (``bench`` in the README).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSWORD = 6
LOGIN_SETTING = "login"


# ---------------------------------------------------------------- permissions


def can(role: str, action: str) -> bool:
    """May a user with ``role`` do ``action``? Admins may do everything; unknown actions: admins only."""
    return role == "admin" or role in PERMISSIONS.get(action, frozenset())


def who_may(action: str) -> list[str]:
    """The roles that may do ``action``, in :data:`ROLES` order (always ends with admin)."""
    return [r for r in ROLES if can(r, action)]


def role_name(role: str, lang: str = "th") -> str:
    th, en = ROLE_NAMES.get(role, (role, role))
    return en if lang == "en" else th


def refusal(action: str) -> AbcError:
    """The message for a refused action: what it is and who may do it."""
    th_act, en_act = ACTION_NAMES.get(action, (action, action))
    roles = who_may(action)
    return AbcError(
        f"ไม่มีสิทธิ์{th_act}: ทำได้เฉพาะ{' / '.join(role_name(r, 'th') for r in roles)}",
        f"Not allowed to {en_act}: only {' / '.join(role_name(r, 'en') for r in roles)} may",
    )


def require(role: str, action: str) -> None:
    """Raise :func:`refusal` unless ``role`` may do ``action``."""
    if not can(role, action):
        raise refusal(action)


def parse_role(text: str) -> str:
    role = (text or "").strip().lower()
    for key, (th, en) in ROLE_NAMES.items():
        if role in (key, en.lower(), th):
            return key
    raise AbcError(
        f"ไม่รู้จักบทบาท '{text}' (ใช้ได้: {', '.join(ROLES)})",
        f"Unknown role '{text}' (one of: {', '.join(ROLES)})",
    )


# ---------------------------------------------------------------- passwords


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2 * 128 * r * n + 1024 * 1024, dklen=32
    )


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$hash`` for ``password`` with a fresh random salt."""
    salt = os.urandom(16)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, n, r, p))}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return None
        return int(n), int(r), int(p), base64.b64decode(salt), base64.b64decode(digest)
    except (ValueError, TypeError):
        return None


def verify_password(password: str, stored: str) -> bool:
    """Does ``password`` match ``stored``? Constant-time compare; a malformed or empty hash never matches."""
    parsed = _parse_hash(stored or "")
    if parsed is None:
        return False
    n, r, p, salt, digest = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), digest)


def needs_rehash(stored: str) -> bool:
    parsed = _parse_hash(stored or "")
    return parsed is None or parsed[:3] < (SCRYPT_N, SCRYPT_R, SCRYPT_P)


def check_password_rules(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AbcError(
            f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร",
            f"The password must be at least {MIN_PASSWORD} characters",
        )
    if len(password) > 256:
        raise AbcError("รหัสผ่านยาวเกินไป", "The password is too long")
    return password


#: Compared against when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(bytes(16))}${_b64(bytes(32))}"


# ---------------------------------------------------------------- users


@dataclass(frozen=True)
class UserInfo:
    """A user as the screens and the CLI list them (never the hash)."""

    id: int
    name: str
    role: str
    active: bool
    has_password: bool
    created_at: str
    last_login_at: str | None


def _info(u: User) -> UserInfo:
    return UserInfo(
        u.id, u.name, u.role, bool(u.active), bool(u.password_hash), u.created_at, u.last_login_at
    )


def _snapshot(u: User) -> dict:
    # The hash never goes into the audit table; only whether there is a password.
    return {"name": u.name, "role": u.role, "active": bool(u.active), "password": bool(u.password_hash)}


def clean_name(name: str) -> str:
    # A user name is an identifier typed at every login and shown in many places: no brackets
    # (markup) or invisible characters. Checked on the raw text, since parse_name strips the latter.
    if any(c in "[]\\" or not (c.isprintable() or c.isspace()) for c in name):
        raise AbcError(
            "ชื่อผู้ใช้ต้องไม่มีเครื่องหมาย [ ] \\ หรืออักขระควบคุม",
            "A user name may not contain [ ] \\ or control characters",
        )
    return parse_name(name, field_th="ชื่อผู้ใช้", field_en="user name")


def os_login_name() -> str:
    """The computer's login name (who is recorded while login is off), or "" when there is none."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in some Windows service contexts
        return ""


def register_user(name: str, role: str = "clerk") -> str:
    """Make sure ``name`` is a known user; return the cleaned name."""
    name = clean_name(name)
    with db.atomic():
        User.insert(name=name, role=role).on_conflict_ignore().execute()
    return name


def names() -> list[str]:
    return [u.name for u in User.select().where(User.active == True).order_by(User.name)]  # noqa: E712


def list_users() -> list[UserInfo]:
    """Every user, active ones first, by name."""
    return [_info(u) for u in User.select().order_by(User.active.desc(), User.name)]


def _find(name: str) -> User | None:
    return User.get_or_none(User.name == " ".join((name or "").split()))


def get_user(name: str) -> UserInfo | None:
    u = _find(name)
    return None if u is None else _info(u)


def _get(name: str) -> User:
    u = _find(name)
    if u is None:
        raise AbcError(f"ไม่พบผู้ใช้ '{name}'", f"No user named '{name}'")
    return u


def _update(u: User, who: str, extra: dict | None = None, **fields) -> None:
    """Change ``fields`` of ``u`` (stamped now) and audit it: before and after, plus ``extra``."""
    before = _snapshot(u)
    for field, value in fields.items():
        setattr(u, field, value)
    u.updated_at = now_iso()
    u.save()
    audit.record("user", u.name, "update", before, _snapshot(u) | (extra or {}), who)


def add_user(name: str, role: str, password: str = "", *, who: str = "") -> UserInfo:
    """A new user; ``password`` may be empty (that user cannot log in while login is on)."""
    name, role = clean_name(name), parse_role(role)
    stored = hash_password(check_password_rules(password)) if password else ""
    with db.atomic():
        existing = User.get_or_none(User.name == name)
        if existing is not None and (
            existing.password_hash or existing.role != "clerk" or not existing.active
        ):
            raise AbcError(f"มีผู้ใช้ชื่อ '{name}' อยู่แล้ว", f"A user named '{name}' already exists")
        if existing is not None:
            # A name recorded by --user before accounts existed becomes a real account.
            _update(existing, who, role=role, password_hash=stored)
            return _info(existing)
        u = User.create(name=name, role=role, password_hash=stored)
        audit.record("user", name, "insert", None, _snapshot(u), who)
    return _info(u)


def _admins_with_password(exclude: str | None = None) -> int:
    q = User.select().where((User.role == "admin") & (User.active == True) & (User.password_hash != ""))  # noqa: E712
    if exclude is not None:
        q = q.where(User.name != exclude)
    return q.count()


def _guard_last_admin(u: User) -> None:
    """Never leave an office whose login is on without an admin who can log in."""
    if (
        u.role == "admin"
        and u.active
        and u.password_hash
        and login_enabled()
        and not _admins_with_password(u.name)
    ):
        raise AbcError(
            "นี่คือผู้ดูแลระบบคนสุดท้ายที่เข้าระบบได้ เพิ่มผู้ดูแลระบบอีกคนก่อน",
            "This is the last administrator who can log in; add another administrator first",
        )


def set_role(name: str, role: str, *, who: str = "") -> UserInfo:
    role = parse_role(role)
    with db.atomic():
        u = _get(name)
        if u.role == role:
            return _info(u)
        _guard_last_admin(u)
        _update(u, who, role=role)
    return _info(u)


def set_password(name: str, password: str, *, who: str = "", note: str = "") -> UserInfo:
    """Set or reset ``name``'s password (the audit row says a password changed, never what)."""
    stored = hash_password(check_password_rules(password))
    with db.atomic():
        u = _get(name)
        _update(u, who, {"password_changed": True} | ({"note": note} if note else {}), password_hash=stored)
    return _info(u)


def set_active(name: str, active: bool, *, who: str = "") -> UserInfo:
    """Deactivate or reactivate (users are never deleted: audit rows name them)."""
    with db.atomic():
        u = _get(name)
        if bool(u.active) == active:
            return _info(u)
        if not active:
            _guard_last_admin(u)
        _update(u, who, active=active)
    return _info(u)


# ---------------------------------------------------------------- login


def login_switched_off() -> bool:
    row = Setting.get_or_none(Setting.key == LOGIN_SETTING)
    return row is not None and row.value == "off"


def login_enabled() -> bool:
    """Login is on when an active admin has a password and the office has not switched it off."""
    return not login_switched_off() and _admins_with_password() > 0


def set_login(on: bool, *, who: str = "") -> None:
    """Switch login on or off. On needs an active admin with a password (else nobody could manage)."""
    if on and not _admins_with_password():
        raise AbcError(
            "ตั้งรหัสผ่านให้ผู้ดูแลระบบก่อนเปิดการเข้าสู่ระบบ",
            "Give an administrator a password before switching login on",
        )
    before = "off" if login_switched_off() else "on"
    after = "on" if on else "off"
    with db.atomic():
        Setting.insert(key=LOGIN_SETTING, value=after).on_conflict(
            conflict_target=[Setting.key], preserve=[Setting.value]
        ).execute()
        if before != after:
            audit.record("setting", LOGIN_SETTING, "update", {"login": before}, {"login": after}, who)


def _wrong_login() -> AbcError:
    return AbcError("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong user name or password")


def _check(name: str, password: str) -> User:
    u = _find(name)
    ok = verify_password(password, u.password_hash if u is not None and u.password_hash else _DUMMY_HASH)
    if u is None or not u.password_hash or not ok:
        raise _wrong_login()
    if not u.active:
        raise AbcError("ผู้ใช้นี้ถูกระงับแล้ว ติดต่อผู้ดูแลระบบ", "This user has been deactivated; ask the administrator")
    return u


def authenticate(name: str, password: str) -> UserInfo:
    """Log ``name`` in: the user on success (last login stamped, hash upgraded if weaker), else AbcError."""
    u = _check(name, password)
    with db.atomic():
        u.last_login_at = now_iso()
        if needs_rehash(u.password_hash):
            u.password_hash = hash_password(password)
        u.save()
    return _info(u)


@contextmanager
def _read_only(path: Path | str) -> Iterator[peewee.Database]:
    if engine.is_server_url(path):  # a PostgreSQL database: its own read-only session
        ro = engine.new_server_database(str(path))
        try:
            ro.connect()
        except (peewee.DatabaseError, peewee.InterfaceError) as exc:
            raise engine.server_error(str(path), exc) from None
        ro.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    else:
        ro = peewee.SqliteDatabase(readonly_uri(path), uri=True)  # leaves no -wal/-shm behind
    try:
        ro.connect(reuse_if_open=True)
        with ro.bind_ctx([User, Setting]):
            yield ro
    finally:
        ro.close()


def file_login_enabled(path: Path) -> bool:
    """:func:`login_enabled` for a database file, read-only (the CLI checks before it changes anything).

    A file that is missing, older than accounts or unreadable has no login (the command itself
    then says what is wrong; a damaged file must stay restorable)."""
    server = engine.is_server_url(path)
    if not server and not Path(path).is_file():
        return False
    try:
        with _read_only(path if server else Path(path)) as ro:
            if schema_version(ro) < 7:
                return False
            return login_enabled()
    except (peewee.DatabaseError, OSError):
        return False
    except AbcError:
        if server:  # an unreachable server: the command's own open says so; never skip a login
            raise
        return False


def file_authenticate(path: Path, name: str, password: str) -> UserInfo:
    """:func:`authenticate` against a database file, read-only (no last-login stamp)."""
    with _read_only(path if engine.is_server_url(path) else Path(path)):
        return _info(_check(name, password))
