"""peewee models: the office's whole database.

Names follow the paper forms and the programme (DESIGN.md "Domain model").
Money is integer satang in every ``*_satang`` field; dates are ISO Gregorian;
timestamps are ISO-8601 UTC strings. Rows that travel between offices carry a
UUID so packages merge idempotently.

The tables are created by the numbered migrations in
:mod:`abc_tui.store.migrations`, never by ``create_tables`` on these classes,
so that a change here always comes with a migration.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

#: The SQLite database of an office file (deferred: :func:`abc_tui.store.database.open_database`
#: initialises it with the file's path).
sqlite_db = SqliteDatabase(None)
#: The database every model uses: the office file (``sqlite_db``) or a PostgreSQL server
#: (:mod:`abc_tui.store.engine` says which). ``open_database`` points it at one or the other.
db = DatabaseProxy()
db.initialize(sqlite_db)


def new_uuid() -> str:
    return str(_uuid.uuid4())


def now_iso() -> str:
    """Current UTC time, ISO-8601 to the second (``2025-03-15T08:30:00+00:00``)."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Setting(BaseModel):
    """Office-wide settings: office name, tambon code, demo flag, UI language."""

    key = CharField(primary_key=True)
    value = TextField()


class Area(BaseModel):
    """province (2-digit code) → district (4) → tambon (6) → village (8)."""

    code = CharField(primary_key=True, max_length=8)
    level = CharField(max_length=10)  # province | district | tambon | village
    name = TextField()
    parent = ForeignKeyField("self", null=True, backref="children", column_name="parent_code")
    #: Indicator 5.2.1 flags (villages only).
    sufficiency_village = BooleanField(default=False)
    model_village = BooleanField(default=False)


class User(BaseModel):
    """A person who uses the program (clerk, facilitator, officer, admin)."""

    id = AutoField()
    name = CharField(unique=True)
    role = CharField(default="clerk")
    active = BooleanField(default=True)
    #: Migration 7: ``scrypt$n$r$p$salt$hash`` (see :mod:`abc_tui.store.users`); "" = no password.
    password_hash = TextField(default="")
    created_at = CharField(default=now_iso)
    updated_at = CharField(default=now_iso)
    last_login_at = CharField(null=True)


class Category(BaseModel):
    """The category chart: standard codes from the programme plus office codes."""

    code = CharField(primary_key=True, max_length=2)
    kind = CharField(max_length=16)
    name_th = TextField()
    name_en = TextField()
    standard = BooleanField(default=True)
    active = BooleanField(default=True)


class Household(BaseModel):
    """A participating household; code = village code + "-" + house number."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    code = CharField(unique=True)
    village = ForeignKeyField(Area, backref="households", column_name="village_code")
    house_no = CharField()
    head_name = TextField()
    members_count = IntegerField(default=1)
    occupation = CharField(max_length=24, default="other")
    debt_at_joining_satang = IntegerField(default=0)
    joined_on = DateField()
    active = BooleanField(default=True)
    #: Membership history (migration 8): the day it left the programme (None while a member) and why.
    left_on = DateField(null=True)
    left_reason = TextField(default="")
    model_household = BooleanField(default=False)
    updated_at = CharField(default=now_iso)

    class Meta:
        indexes = ((("village", "house_no"), False),)


class Member(BaseModel):
    """A person of a household (needed for forum attendance by name)."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    household = ForeignKeyField(Household, backref="members", on_delete="CASCADE")
    name = TextField()
    sex = CharField(max_length=1, default="")  # "f", "m" or ""
    birth_year = IntegerField(null=True)  # Gregorian
    is_head = BooleanField(default=False)
    #: Migration 12 ("" for members saved before it; a trigger sets it on every change).
    updated_at = CharField(default=now_iso)


class LedgerPage(BaseModel):
    """One household × one month as written on paper, with optional control totals."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    household = ForeignKeyField(Household, backref="pages")
    month = CharField(max_length=7)  # "YYYY-MM" (Gregorian)
    control_income_satang = IntegerField(null=True)
    control_expense_satang = IntegerField(null=True)
    status = CharField(default="open")  # open | balanced | closed
    created_at = CharField(default=now_iso)
    updated_at = CharField(default=now_iso)

    class Meta:
        indexes = ((("household", "month"), True),)


class LedgerLine(BaseModel):
    """One handwritten line: day, category, item, amount (integer satang)."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    page = ForeignKeyField(LedgerPage, backref="lines")
    # index=False: the (household, date) and (category, item) indexes below serve these columns.
    household = ForeignKeyField(Household, backref="lines", index=False)
    #: Denormalised from the household so village × month reports use one index.
    village_code = CharField(max_length=8)
    date = DateField()
    category = ForeignKeyField(Category, column_name="category_code", index=False)
    item = TextField(default="")
    amount_satang = IntegerField()
    entered_by = CharField(default="")
    entered_at = CharField(default=now_iso)
    updated_at = CharField(default=now_iso)

    class Meta:
        indexes = (
            (("household", "date"), False),
            (("village_code", "date"), False),
            (("category", "item"), False),
        )


class Audit(BaseModel):
    """Every edit and delete of a record: before and after as JSON."""

    id = AutoField()
    table = CharField(column_name="table_name")
    row_uuid = CharField()
    action = CharField()  # insert | update | delete | status
    before = TextField(null=True)
    after = TextField(null=True)
    who = CharField(default="")
    at = CharField(default=now_iso)

    class Meta:
        # Migration 7 also indexes json_extract(before/after, '$.household') (expression indexes).
        indexes = ((("table", "row_uuid"), False), (("who",), False), (("at",), False))


class Forum(BaseModel):
    """A learning forum (เวทีเรียนรู้) session."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    level = CharField(max_length=10)  # village | tambon | district | province
    area = ForeignKeyField(Area, backref="forums", column_name="area_code")
    date = DateField()
    topic = TextField(default="")
    facilitators = TextField(default="")
    notes = TextField(default="")
    walkin_women = IntegerField(default=0)
    walkin_men = IntegerField(default=0)
    walkin_youth = IntegerField(default=0)
    created_at = CharField(default=now_iso)
    updated_at = CharField(default=now_iso)

    class Meta:
        indexes = ((("area", "date"), False),)


class ForumAttendance(BaseModel):
    """A registered member present at a forum (one row per person per forum)."""

    id = AutoField()
    forum = ForeignKeyField(Forum, backref="attendance", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="attended", on_delete="CASCADE")

    class Meta:
        indexes = ((("forum", "member"), True),)


class ForumOfficial(BaseModel):
    """Officials present at a forum, counted by agency."""

    id = AutoField()
    forum = ForeignKeyField(Forum, backref="officials", on_delete="CASCADE")
    agency = TextField()
    count = IntegerField(default=1)


class Finding(BaseModel):
    """A problem the forum found, its cause, and the data that showed it."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    forum = ForeignKeyField(Forum, backref="findings", on_delete="CASCADE")
    problem = TextField()
    cause = TextField(default="")
    evidence = TextField(default="")


class PlanItem(BaseModel):
    """A proposal written into the community plan (แผนชุมชน)."""

    id = AutoField()
    uuid = CharField(unique=True, default=new_uuid)
    area = ForeignKeyField(Area, backref="plan_items", column_name="area_code")
    forum = ForeignKeyField(Forum, backref="plan_items", null=True, on_delete="SET NULL")
    title = TextField()
    problem = TextField(default="")
    actor = CharField(max_length=10)  # household | group | lao | agency
    agency = TextField(default="")
    fiscal_year_be = IntegerField()
    budget_requested_satang = IntegerField(default=0)
    budget_approved_satang = IntegerField(null=True)
    status = CharField(default="proposed")  # proposed | in_plan | budgeted | done | dropped
    uses_data = BooleanField(default=True)
    created_at = CharField(default=now_iso)
    updated_at = CharField(default=now_iso)

    class Meta:
        indexes = ((("area", "fiscal_year_be"), False),)


class PlanStatusChange(BaseModel):
    """The date of each status a plan item went through."""

    id = AutoField()
    plan_item = ForeignKeyField(PlanItem, backref="status_changes", on_delete="CASCADE")
    status = CharField()
    changed_on = DateField()
    who = CharField(default="")


class ReportMonth(BaseModel):
    """Derived (migration 5): one village × household × month of ledger lines, summed by kind.

    Kept exact by triggers on ``ledger_line``; reports read it instead of every line. Never
    written by the program, never exported or imported.
    """

    village_code = CharField(max_length=8)
    household_id = IntegerField()
    month = CharField(max_length=7)
    lines = IntegerField()
    income = IntegerField()
    production = IntegerField()
    consumption = IntegerField()
    avoidable = IntegerField()
    interest = IntegerField()
    borrowed = IntegerField()
    repaid = IntegerField()
    saved = IntegerField()
    withdrawn = IntegerField()

    class Meta:
        primary_key = CompositeKey("village_code", "household_id", "month")
        without_rowid = True


class ReportItem(BaseModel):
    """Derived (migration 5): lines and satang per village × category × normalised item ×
    household × month (spending profile, statements). Kept by triggers like :class:`ReportMonth`."""

    village_code = CharField(max_length=8)
    category_code = CharField(max_length=2)
    item = TextField()
    household_id = IntegerField()
    month = CharField(max_length=7)
    lines = IntegerField()
    amount = IntegerField()

    class Meta:
        primary_key = CompositeKey("village_code", "category_code", "item", "household_id", "month")
        without_rowid = True


class ReportItemTotal(BaseModel):
    """Derived (migration 10): lines and satang per village × category × normalised item × month,
    no household (the spending profile's sums). Kept by triggers on ``report_item``."""

    village_code = CharField(max_length=8)
    category_code = CharField(max_length=2)
    item = TextField()
    month = CharField(max_length=7)
    lines = IntegerField()
    amount = IntegerField()

    class Meta:
        primary_key = CompositeKey("village_code", "category_code", "item", "month")
        without_rowid = True


class ReportItemYear(BaseModel):
    """Derived (migration 10): per village × category × normalised item × household × year, the
    months with lines as bits (bit 0 = January): households buying an item in any run of months."""

    village_code = CharField(max_length=8)
    category_code = CharField(max_length=2)
    item = TextField()
    household_id = IntegerField()
    year = CharField(max_length=4)
    months = IntegerField()

    class Meta:
        primary_key = CompositeKey("village_code", "category_code", "item", "household_id", "year")
        without_rowid = True


class PeriodState(BaseModel):
    """A village-month's reporting state (migration 8): open → submitted → approved.

    Submitted and approved months are locked (triggers on the ledger tables). ``snapshot`` holds the
    village-month figures as submitted (JSON), ``unbalanced`` the pages that were not balanced then.
    """

    village_code = CharField(max_length=8)
    month = CharField(max_length=7)
    state = CharField(max_length=10, default="open")
    submitted_by = CharField(default="")
    submitted_at = CharField(null=True)
    approved_by = CharField(default="")
    approved_at = CharField(null=True)
    snapshot = TextField(null=True)
    unbalanced = TextField(null=True)
    updated_at = CharField(default=now_iso)

    class Meta:
        primary_key = CompositeKey("village_code", "month")


class SentFile(BaseModel):
    """A file sent upward (migration 8): what, for which period and area, its SHA-256, who, when,
    and the village-month figures it carried (JSON) so a later export can say what changed."""

    id = AutoField()
    report = CharField(max_length=32)
    period_from = CharField(max_length=7)
    period_to = CharField(max_length=7)
    area_code = CharField(max_length=8)
    file_name = TextField()
    sha256 = CharField(max_length=64)
    rows = IntegerField()
    who = CharField(default="")
    at = CharField(default=now_iso)
    snapshot = TextField(null=True)

    class Meta:
        indexes = ((("area_code", "period_from"), False),)


class EvalRound(BaseModel):
    """A closed bi-monthly evaluation round (migration 8): the indicators as they were (JSON)."""

    id = AutoField()
    area_code = CharField(max_length=8)
    period_from = CharField(max_length=7)
    period_to = CharField(max_length=7)
    closed_by = CharField(default="")
    closed_at = CharField(default=now_iso)
    indicators = TextField()

    class Meta:
        indexes = ((("area_code", "period_from", "period_to"), True),)


class Tombstone(BaseModel):
    """A deleted row (migration 12): its table, its key as a package carries it (UUID, or forum UUID
    and member UUID / agency joined by one space) and when. Written by delete triggers; travels in
    the office package so a deletion reaches the district (:mod:`abc_tui.store.package`)."""

    table_name = CharField(max_length=32)
    row_key = TextField()
    deleted_at = CharField()

    class Meta:
        primary_key = CompositeKey("table_name", "row_key")


FOUNDATION_MODELS = [Setting, Area, User, Category, Household, Member, LedgerPage, LedgerLine, Audit]
FORUM_MODELS = [Forum, ForumAttendance, ForumOfficial, Finding, PlanItem, PlanStatusChange]
ALL_MODELS = FOUNDATION_MODELS + FORUM_MODELS
#: Derived summaries (migration 5): rebuilt from the lines, so not part of ALL_MODELS (packages, check).
DERIVED_MODELS = [ReportMonth, ReportItem, ReportItemTotal, ReportItemYear]
#: Reporting periods, the sent-file log and evaluation rounds (migration 8).
PERIOD_MODELS = [PeriodState, SentFile, EvalRound]
#: Deletions that travel in packages (migration 12).
SYNC_MODELS = [Tombstone]
