"""The numbered migrations of :mod:`abc_tui.store.migrations`, for PostgreSQL.

Same numbers, same tables, columns, indexes and meaning as the SQLite ones. Written in
PostgreSQL's own terms: ``SERIAL`` ids, ``BOOLEAN`` and ``DATE`` columns (what peewee's fields
are on that engine), the schema version in the one-row table ``schema_version`` (there is no
``PRAGMA user_version``), the report summaries kept exact by PL/pgSQL triggers, and the period
locks of migration 8 raising ``abc: period locked`` with SQLSTATE 23000 so that the driver's
error is an ``IntegrityError`` as on SQLite (the services check first and give the clear
message). Frozen like the SQLite ones: never edit a released migration, append a new one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from peewee import Database

from abc_tui.domain.categories import standard_chart
from abc_tui.store.migrations import MIGRATIONS

#: The table holding the schema version on PostgreSQL (one row).
PG_VERSION_TABLE = "schema_version"

M1_DDL = (
    f'CREATE TABLE IF NOT EXISTS "{PG_VERSION_TABLE}" ("version" INTEGER NOT NULL)',
    'CREATE TABLE "area" ("code" VARCHAR(8) NOT NULL PRIMARY KEY, "level" VARCHAR(10) NOT NULL, "name" TEXT NOT NULL, "parent_code" VARCHAR(8), "sufficiency_village" BOOLEAN NOT NULL, "model_village" BOOLEAN NOT NULL, FOREIGN KEY ("parent_code") REFERENCES "area" ("code"))',
    'CREATE INDEX "area_parent_code" ON "area" ("parent_code")',
    'CREATE TABLE "audit" ("id" SERIAL NOT NULL PRIMARY KEY, "table_name" VARCHAR(255) NOT NULL, "row_uuid" VARCHAR(255) NOT NULL, "action" VARCHAR(255) NOT NULL, "before" TEXT, "after" TEXT, "who" VARCHAR(255) NOT NULL, "at" VARCHAR(255) NOT NULL)',
    'CREATE INDEX "audit_table_name_row_uuid" ON "audit" ("table_name", "row_uuid")',
    'CREATE TABLE "category" ("code" VARCHAR(2) NOT NULL PRIMARY KEY, "kind" VARCHAR(16) NOT NULL, "name_th" TEXT NOT NULL, "name_en" TEXT NOT NULL, "standard" BOOLEAN NOT NULL, "active" BOOLEAN NOT NULL)',
    'CREATE TABLE "household" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "code" VARCHAR(255) NOT NULL, "village_code" VARCHAR(8) NOT NULL, "house_no" VARCHAR(255) NOT NULL, "head_name" TEXT NOT NULL, "members_count" INTEGER NOT NULL, "occupation" VARCHAR(24) NOT NULL, "debt_at_joining_satang" INTEGER NOT NULL, "joined_on" DATE NOT NULL, "active" BOOLEAN NOT NULL, "model_household" BOOLEAN NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("village_code") REFERENCES "area" ("code"))',
    'CREATE UNIQUE INDEX "household_uuid" ON "household" ("uuid")',
    'CREATE UNIQUE INDEX "household_code" ON "household" ("code")',
    'CREATE INDEX "household_village_code" ON "household" ("village_code")',
    'CREATE INDEX "household_village_code_house_no" ON "household" ("village_code", "house_no")',
    'CREATE TABLE "ledger_page" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "control_income_satang" INTEGER, "control_expense_satang" INTEGER, "status" VARCHAR(255) NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id"))',
    'CREATE UNIQUE INDEX "ledger_page_uuid" ON "ledger_page" ("uuid")',
    'CREATE INDEX "ledger_page_household_id" ON "ledger_page" ("household_id")',
    'CREATE UNIQUE INDEX "ledger_page_household_id_month" ON "ledger_page" ("household_id", "month")',
    'CREATE TABLE "ledger_line" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "page_id" INTEGER NOT NULL, "household_id" INTEGER NOT NULL, "village_code" VARCHAR(8) NOT NULL, "date" DATE NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "amount_satang" INTEGER NOT NULL, "entered_by" VARCHAR(255) NOT NULL, "entered_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("page_id") REFERENCES "ledger_page" ("id"), FOREIGN KEY ("household_id") REFERENCES "household" ("id"), FOREIGN KEY ("category_code") REFERENCES "category" ("code"))',
    'CREATE UNIQUE INDEX "ledger_line_uuid" ON "ledger_line" ("uuid")',
    'CREATE INDEX "ledger_line_page_id" ON "ledger_line" ("page_id")',
    'CREATE INDEX "ledger_line_household_id_date" ON "ledger_line" ("household_id", "date")',
    'CREATE INDEX "ledger_line_village_code_date" ON "ledger_line" ("village_code", "date")',
    'CREATE INDEX "ledger_line_category_code_item" ON "ledger_line" ("category_code", "item")',
    'CREATE TABLE "member" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "household_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "sex" VARCHAR(1) NOT NULL, "birth_year" INTEGER, "is_head" BOOLEAN NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "member_uuid" ON "member" ("uuid")',
    'CREATE INDEX "member_household_id" ON "member" ("household_id")',
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "user" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "active" BOOLEAN NOT NULL)',
    'CREATE UNIQUE INDEX "user_name" ON "user" ("name")',
)

M2_DDL = (
    'CREATE TABLE "forum" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "level" VARCHAR(10) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "date" DATE NOT NULL, "topic" TEXT NOT NULL, "facilitators" TEXT NOT NULL, "notes" TEXT NOT NULL, "walkin_women" INTEGER NOT NULL, "walkin_men" INTEGER NOT NULL, "walkin_youth" INTEGER NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("area_code") REFERENCES "area" ("code"))',
    'CREATE UNIQUE INDEX "forum_uuid" ON "forum" ("uuid")',
    'CREATE INDEX "forum_area_code" ON "forum" ("area_code")',
    'CREATE INDEX "forum_area_code_date" ON "forum" ("area_code", "date")',
    'CREATE TABLE "finding" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "forum_id" INTEGER NOT NULL, "problem" TEXT NOT NULL, "cause" TEXT NOT NULL, "evidence" TEXT NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "finding_uuid" ON "finding" ("uuid")',
    'CREATE INDEX "finding_forum_id" ON "finding" ("forum_id")',
    'CREATE TABLE "forum_attendance" ("id" SERIAL NOT NULL PRIMARY KEY, "forum_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "forum_attendance_forum_id" ON "forum_attendance" ("forum_id")',
    'CREATE INDEX "forum_attendance_member_id" ON "forum_attendance" ("member_id")',
    'CREATE UNIQUE INDEX "forum_attendance_forum_id_member_id" ON "forum_attendance" ("forum_id", "member_id")',
    'CREATE TABLE "forum_official" ("id" SERIAL NOT NULL PRIMARY KEY, "forum_id" INTEGER NOT NULL, "agency" TEXT NOT NULL, "count" INTEGER NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "forum_official_forum_id" ON "forum_official" ("forum_id")',
    'CREATE TABLE "plan_item" ("id" SERIAL NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "forum_id" INTEGER, "title" TEXT NOT NULL, "problem" TEXT NOT NULL, "actor" VARCHAR(10) NOT NULL, "agency" TEXT NOT NULL, "fiscal_year_be" INTEGER NOT NULL, "budget_requested_satang" INTEGER NOT NULL, "budget_approved_satang" INTEGER, "status" VARCHAR(255) NOT NULL, "uses_data" BOOLEAN NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("area_code") REFERENCES "area" ("code"), FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "plan_item_uuid" ON "plan_item" ("uuid")',
    'CREATE INDEX "plan_item_area_code" ON "plan_item" ("area_code")',
    'CREATE INDEX "plan_item_forum_id" ON "plan_item" ("forum_id")',
    'CREATE INDEX "plan_item_area_code_fiscal_year_be" ON "plan_item" ("area_code", "fiscal_year_be")',
    'CREATE TABLE "plan_status_change" ("id" SERIAL NOT NULL PRIMARY KEY, "plan_item_id" INTEGER NOT NULL, "status" VARCHAR(255) NOT NULL, "changed_on" DATE NOT NULL, "who" VARCHAR(255) NOT NULL, FOREIGN KEY ("plan_item_id") REFERENCES "plan_item" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "plan_status_change_plan_item_id" ON "plan_status_change" ("plan_item_id")',
)


def _m1_foundation(db: Database) -> None:
    for sql in M1_DDL:
        db.execute_sql(sql)
    chart = standard_chart()
    db.execute_sql(
        'INSERT INTO "category" (code, kind, name_th, name_en, standard, active) VALUES '
        + ", ".join(["(%s, %s, %s, %s, TRUE, TRUE)"] * len(chart)),
        [v for c in chart for v in (c.code, c.kind, c.name_th, c.name_en)],
    )


def _m2_forums(db: Database) -> None:
    for sql in M2_DDL:
        db.execute_sql(sql)


# ---------------------------------------------------------------- 5: report summaries
KINDS = (
    "income",
    "production",
    "consumption",
    "avoidable",
    "interest",
    "debt_borrowed",
    "debt_repaid",
    "saving_in",
    "saving_out",
)
SUM_COLUMNS = (
    "income",
    "production",
    "consumption",
    "avoidable",
    "interest",
    "borrowed",
    "repaid",
    "saved",
    "withdrawn",
)

#: The item text as the reports group it (REPORTS.md), exactly the SQLite migration's expression:
#: tabs, line breaks and odd spaces become spaces, zero-width marks go, runs of spaces fold (up to 128).
NORM_ITEM = (
    "trim("
    + "replace(" * 7
    + "replace(" * 7
    + "t"
    + "".join(f", chr({c}), ' ')" for c in (9, 10, 13, 160, 12288))
    + "".join(f", chr({c}), '')" for c in (8203, 65279))
    + ", '  ', ' ')" * 7
    + ")"
)

_MONTH_COLS = '"village_code", "household_id", "month", "lines", ' + ", ".join(f'"{c}"' for c in SUM_COLUMNS)

_ITEM_COLS = '"village_code", "category_code", "item", "household_id", "month", "lines", "amount"'
#: The summaries as the lines give them (the backfill, and ``check``'s comparison).
MONTH_FROM_LINES = (
    "SELECT l.village_code, l.household_id, to_char(l.date, 'YYYY-MM'), CAST(count(*) AS INTEGER), "
    + ", ".join(
        f"CAST(sum(CASE c.kind WHEN '{kind}' THEN l.amount_satang ELSE 0 END) AS INTEGER)" for kind in KINDS
    )
    + ' FROM "ledger_line" l LEFT JOIN "category" c ON c.code = l.category_code GROUP BY 1, 2, 3'
)
ITEM_FROM_LINES = (
    "SELECT village_code, category_code, abc_norm_item(item), household_id, to_char(date, 'YYYY-MM'), "
    'CAST(count(*) AS INTEGER), CAST(sum(amount_satang) AS INTEGER) FROM "ledger_line" GROUP BY 1, 2, 3, 4, 5'
)

M5_DDL = (
    'CREATE TABLE IF NOT EXISTS "report_month" ("village_code" VARCHAR(8) NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "income" INTEGER NOT NULL, "production" INTEGER NOT NULL, "consumption" INTEGER NOT NULL, "avoidable" INTEGER NOT NULL, "interest" INTEGER NOT NULL, "borrowed" INTEGER NOT NULL, "repaid" INTEGER NOT NULL, "saved" INTEGER NOT NULL, "withdrawn" INTEGER NOT NULL, PRIMARY KEY ("village_code", "household_id", "month"))',
    'CREATE TABLE IF NOT EXISTS "report_item" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "amount" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "household_id", "month"))',
    f"""CREATE OR REPLACE FUNCTION abc_norm_item(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$ SELECT {NORM_ITEM} $$""",
    f"""CREATE OR REPLACE FUNCTION abc_report_add(v TEXT, hid INTEGER, d DATE, cat TEXT, itm TEXT, amount INTEGER, sign INTEGER)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    k TEXT;
    m TEXT := to_char(d, 'YYYY-MM');
BEGIN
    SELECT c.kind INTO k FROM "category" c WHERE c.code = cat;
    INSERT INTO "report_month" AS r ({_MONTH_COLS})
    VALUES (v, hid, m, sign, {", ".join(f"CASE WHEN k = '{kind}' THEN sign * amount ELSE 0 END" for kind in KINDS)})
    ON CONFLICT ("village_code", "household_id", "month") DO UPDATE SET "lines" = r."lines" + excluded."lines",
        {", ".join(f'"{c}" = r."{c}" + excluded."{c}"' for c in SUM_COLUMNS)};
    INSERT INTO "report_item" AS r ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    VALUES (v, cat, abc_norm_item(itm), hid, m, sign, sign * amount)
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "month")
    DO UPDATE SET "lines" = r."lines" + excluded."lines", "amount" = r."amount" + excluded."amount";
    IF sign < 0 THEN
        DELETE FROM "report_month" WHERE "village_code" = v AND "household_id" = hid AND "month" = m AND "lines" = 0;
        DELETE FROM "report_item" WHERE "village_code" = v AND "category_code" = cat AND "household_id" = hid
            AND "month" = m AND "lines" = 0;
    END IF;
END $$""",
    """CREATE OR REPLACE FUNCTION abc_report_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM abc_report_add(OLD.village_code, OLD.household_id, OLD.date, OLD.category_code, OLD.item, OLD.amount_satang, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM abc_report_add(NEW.village_code, NEW.household_id, NEW.date, NEW.category_code, NEW.item, NEW.amount_satang, 1);
    END IF;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION abc_report_rebuild_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM abc_report_fill_month();
    RETURN NULL;
END $$""",
    f"""CREATE OR REPLACE FUNCTION abc_report_fill_month() RETURNS void LANGUAGE sql AS $$
    DELETE FROM "report_month";
    INSERT INTO "report_month" ({_MONTH_COLS})
    {MONTH_FROM_LINES};
$$""",
    f"""CREATE OR REPLACE FUNCTION abc_report_fill_item() RETURNS void LANGUAGE sql AS $$
    DELETE FROM "report_item";
    INSERT INTO "report_item" ({_ITEM_COLS})
    {ITEM_FROM_LINES};
$$""",
    'DROP TRIGGER IF EXISTS "report_ledger_line_ai" ON "ledger_line"',
    """CREATE TRIGGER "report_ledger_line_ai" AFTER INSERT OR DELETE ON "ledger_line"
FOR EACH ROW EXECUTE FUNCTION abc_report_line()""",
    'DROP TRIGGER IF EXISTS "report_ledger_line_au" ON "ledger_line"',
    """CREATE TRIGGER "report_ledger_line_au"
AFTER UPDATE OF "village_code", "household_id", "date", "category_code", "item", "amount_satang" ON "ledger_line"
FOR EACH ROW EXECUTE FUNCTION abc_report_line()""",
    'DROP TRIGGER IF EXISTS "report_category_kind_au" ON "category"',
    """CREATE TRIGGER "report_category_kind_au" AFTER UPDATE OF "kind" ON "category"
FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION abc_report_rebuild_month()""",
    "SELECT abc_report_fill_month()",
    "SELECT abc_report_fill_item()",
)


def _m5_report_summaries(db: Database) -> None:
    for sql in M5_DDL:
        db.execute_sql(sql)


def _m6_pseudonym_key(db: Database) -> None:
    db.execute_sql(
        'INSERT INTO "setting" ("key", "value") VALUES (%s, %s) ON CONFLICT DO NOTHING',
        ("pseudonym_key", secrets.token_hex(16)),
    )


# ---------------------------------------------------------------- 7: accounts
M7_DDL = (
    'ALTER TABLE "user" ADD COLUMN IF NOT EXISTS "password_hash" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN IF NOT EXISTS "created_at" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN IF NOT EXISTS "updated_at" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN IF NOT EXISTS "last_login_at" VARCHAR(255)',
    'CREATE INDEX IF NOT EXISTS "audit_who" ON "audit" ("who")',
    'CREATE INDEX IF NOT EXISTS "audit_at" ON "audit" ("at")',
    # The viewer's household filter reads a snapshot's "household" (audit JSON is written by the app).
    """CREATE OR REPLACE FUNCTION abc_json_text(doc TEXT, k TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN CAST(doc AS jsonb) ->> k;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$""",
    'CREATE INDEX IF NOT EXISTS "audit_before_household" ON "audit" (abc_json_text("before", \'household\'))',
    'CREATE INDEX IF NOT EXISTS "audit_after_household" ON "audit" (abc_json_text("after", \'household\'))',
)


def _m7_accounts(db: Database) -> None:
    for sql in M7_DDL:
        db.execute_sql(sql)


# ---------------------------------------------------------------- 8: periods and membership history
_LOCKED = "RAISE EXCEPTION 'abc: period locked' USING ERRCODE = '23000'"

M8_DDL = (
    'ALTER TABLE "household" ADD COLUMN IF NOT EXISTS "left_on" DATE',
    """ALTER TABLE "household" ADD COLUMN IF NOT EXISTS "left_reason" TEXT NOT NULL DEFAULT ''""",
    'CREATE TABLE IF NOT EXISTS "period_state" ("village_code" VARCHAR(8) NOT NULL, "month" VARCHAR(7) NOT NULL, "state" VARCHAR(10) NOT NULL, "submitted_by" VARCHAR(255) NOT NULL, "submitted_at" VARCHAR(255), "approved_by" VARCHAR(255) NOT NULL, "approved_at" VARCHAR(255), "snapshot" TEXT, "unbalanced" TEXT, "updated_at" VARCHAR(255) NOT NULL, PRIMARY KEY ("village_code", "month"))',
    'CREATE TABLE IF NOT EXISTS "sent_file" ("id" SERIAL NOT NULL PRIMARY KEY, "report" VARCHAR(32) NOT NULL, "period_from" VARCHAR(7) NOT NULL, "period_to" VARCHAR(7) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "file_name" TEXT NOT NULL, "sha256" VARCHAR(64) NOT NULL, "rows" INTEGER NOT NULL, "who" VARCHAR(255) NOT NULL, "at" VARCHAR(255) NOT NULL, "snapshot" TEXT)',
    'CREATE INDEX IF NOT EXISTS "sent_file_area_code_period_from" ON "sent_file" ("area_code", "period_from")',
    'CREATE TABLE IF NOT EXISTS "eval_round" ("id" SERIAL NOT NULL PRIMARY KEY, "area_code" VARCHAR(8) NOT NULL, "period_from" VARCHAR(7) NOT NULL, "period_to" VARCHAR(7) NOT NULL, "closed_by" VARCHAR(255) NOT NULL, "closed_at" VARCHAR(255) NOT NULL, "indicators" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "eval_round_area_code_period_from_period_to" ON "eval_round" ("area_code", "period_from", "period_to")',
    # The locks: one indexed look-up per written line, as on SQLite.
    f"""CREATE OR REPLACE FUNCTION abc_period_lock_line() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (SELECT 1 FROM "period_state" p WHERE p.village_code = NEW.village_code
            AND p.month = to_char(NEW.date, 'YYYY-MM') AND p.state <> 'open') THEN
        {_LOCKED};
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND EXISTS (SELECT 1 FROM "period_state" p WHERE p.village_code = OLD.village_code
            AND p.month = to_char(OLD.date, 'YYYY-MM') AND p.state <> 'open') THEN
        {_LOCKED};
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$""",
    f"""CREATE OR REPLACE FUNCTION abc_period_lock_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (SELECT 1 FROM "period_state" p JOIN "household" h ON h.village_code = p.village_code
            WHERE h.id = NEW.household_id AND p.month = NEW.month AND p.state <> 'open') THEN
        {_LOCKED};
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND EXISTS (SELECT 1 FROM "period_state" p JOIN "household" h ON h.village_code = p.village_code
            WHERE h.id = OLD.household_id AND p.month = OLD.month AND p.state <> 'open') THEN
        {_LOCKED};
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$""",
    'DROP TRIGGER IF EXISTS "period_lock_line" ON "ledger_line"',
    """CREATE TRIGGER "period_lock_line" BEFORE INSERT OR UPDATE OR DELETE ON "ledger_line"
FOR EACH ROW EXECUTE FUNCTION abc_period_lock_line()""",
    'DROP TRIGGER IF EXISTS "period_lock_page" ON "ledger_page"',
    """CREATE TRIGGER "period_lock_page" BEFORE INSERT OR UPDATE OR DELETE ON "ledger_page"
FOR EACH ROW EXECUTE FUNCTION abc_period_lock_page()""",
)

#: Membership history from today's data (see the SQLite migration's M8_FILL_LEFT): a household
#: already inactive left on the later of its last deactivation in the audit and its last line.
M8_FILL_LEFT = """UPDATE "household" SET "left_on" = coalesce(
    (SELECT max(d) FROM (
        SELECT max(CAST(substr(a."at", 1, 10) AS DATE)) AS d FROM "audit" a WHERE a."table_name" = 'household'
            AND a."row_uuid" = "household"."uuid" AND abc_json_text(a."after", 'active') IN ('0', 'false')
        UNION ALL SELECT max(l."date") FROM "ledger_line" l WHERE l."household_id" = "household"."id") AS x
        WHERE d IS NOT NULL),
    "joined_on")
WHERE "active" = FALSE AND "left_on" IS NULL"""


def _m8_periods(db: Database) -> None:
    for sql in M8_DDL:
        db.execute_sql(sql)
    db.execute_sql(M8_FILL_LEFT)


# ---------------------------------------------------------------- 10: item summaries (see the SQLite migration 10)
M10_DDL = (
    'CREATE TABLE IF NOT EXISTS "report_item_total" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "amount" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "month"))',
    'CREATE TABLE IF NOT EXISTS "report_item_year" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "household_id" INTEGER NOT NULL, "year" VARCHAR(4) NOT NULL, "months" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "household_id", "year"))',
    """CREATE OR REPLACE FUNCTION abc_item_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO "report_item_total" AS r ("village_code", "category_code", "item", "month", "lines", "amount")
        VALUES (OLD.village_code, OLD.category_code, OLD.item, OLD.month, -OLD.lines, -OLD.amount)
        ON CONFLICT ("village_code", "category_code", "item", "month")
        DO UPDATE SET "lines" = r."lines" + excluded."lines", "amount" = r."amount" + excluded."amount";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "report_item_total" AS r ("village_code", "category_code", "item", "month", "lines", "amount")
        VALUES (NEW.village_code, NEW.category_code, NEW.item, NEW.month, NEW.lines, NEW.amount)
        ON CONFLICT ("village_code", "category_code", "item", "month")
        DO UPDATE SET "lines" = r."lines" + excluded."lines", "amount" = r."amount" + excluded."amount";
        IF NEW.lines <> 0 THEN
            INSERT INTO "report_item_year" AS y ("village_code", "category_code", "item", "household_id", "year", "months")
            VALUES (NEW.village_code, NEW.category_code, NEW.item, NEW.household_id, substr(NEW.month, 1, 4),
                1 << (CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1))
            ON CONFLICT ("village_code", "category_code", "item", "household_id", "year")
            DO UPDATE SET "months" = y."months" | excluded."months";
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM "report_item_total" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
            AND "item" = OLD.item AND "month" = OLD.month AND "lines" = 0;
        IF NOT EXISTS (SELECT 1 FROM "report_item" r WHERE r."village_code" = OLD.village_code
                AND r."category_code" = OLD.category_code AND r."item" = OLD.item
                AND r."household_id" = OLD.household_id AND r."month" = OLD.month AND r."lines" <> 0) THEN
            UPDATE "report_item_year" SET "months" = "months" & ~(1 << (CAST(substr(OLD.month, 6, 2) AS INTEGER) - 1))
            WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code AND "item" = OLD.item
                AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4);
            DELETE FROM "report_item_year" WHERE "village_code" = OLD.village_code
                AND "category_code" = OLD.category_code AND "item" = OLD.item
                AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4) AND "months" = 0;
        END IF;
    END IF;
    RETURN NULL;
END $$""",
    'DROP TRIGGER IF EXISTS "report_item_summaries" ON "report_item"',
    """CREATE TRIGGER "report_item_summaries" AFTER INSERT OR UPDATE OR DELETE ON "report_item"
FOR EACH ROW EXECUTE FUNCTION abc_item_summaries()""",
    'DELETE FROM "report_item_total"',
    """INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    SELECT "village_code", "category_code", "item", "month", sum("lines"), sum("amount") FROM "report_item"
    WHERE "lines" <> 0 GROUP BY 1, 2, 3, 4""",
    'DELETE FROM "report_item_year"',
    """INSERT INTO "report_item_year" ("village_code", "category_code", "item", "household_id", "year", "months")
    SELECT "village_code", "category_code", "item", "household_id", substr("month", 1, 4),
        sum(DISTINCT 1 << (CAST(substr("month", 6, 2) AS INTEGER) - 1)) FROM "report_item"
    WHERE "lines" <> 0 GROUP BY 1, 2, 3, 4, 5""",
)


def _m10_item_summaries(db: Database) -> None:
    for sql in M10_DDL:
        db.execute_sql(sql)


# ---------------------------------------------------------------- 12: deletions that travel
#: See the SQLite migration 12: the tombstone table, one AFTER DELETE trigger per table that the
#: program deletes from, and ``member.updated_at`` kept by a BEFORE UPDATE trigger.
PG_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"
PG_TOMBSTONE_KEYS = {
    "member": "OLD.uuid",
    "ledger_line": "OLD.uuid",
    "forum": "OLD.uuid",
    "finding": "OLD.uuid",
    "plan_item": "OLD.uuid",
    "forum_attendance": '(SELECT f."uuid" FROM "forum" f WHERE f."id" = OLD.forum_id) || \' \' || '
    '(SELECT m."uuid" FROM "member" m WHERE m."id" = OLD.member_id)',
    "forum_official": '(SELECT f."uuid" FROM "forum" f WHERE f."id" = OLD.forum_id) || \' \' || OLD.agency',
}
M12_DDL = (
    'ALTER TABLE "member" ADD COLUMN IF NOT EXISTS "updated_at" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'CREATE TABLE IF NOT EXISTS "tombstone" ("table_name" VARCHAR(32) NOT NULL, "row_key" TEXT NOT NULL, "deleted_at" VARCHAR(255) NOT NULL, PRIMARY KEY ("table_name", "row_key"))',
    *(
        sql
        for table, key in PG_TOMBSTONE_KEYS.items()
        for sql in (
            f"""CREATE OR REPLACE FUNCTION abc_tombstone_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE k TEXT := {key};
BEGIN
    IF k IS NOT NULL THEN
        INSERT INTO "tombstone" ("table_name", "row_key", "deleted_at") VALUES ('{table}', k, {PG_NOW})
        ON CONFLICT ("table_name", "row_key") DO UPDATE SET "deleted_at" = excluded."deleted_at";
    END IF;
    RETURN NULL;
END $$""",
            f'DROP TRIGGER IF EXISTS "{table}_tombstone" ON "{table}"',
            f"""CREATE TRIGGER "{table}_tombstone" AFTER DELETE ON "{table}"
FOR EACH ROW EXECUTE FUNCTION abc_tombstone_{table}()""",
        )
    ),
    f"""CREATE OR REPLACE FUNCTION abc_member_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at = OLD.updated_at THEN
        NEW.updated_at := {PG_NOW};
    END IF;
    RETURN NEW;
END $$""",
    'DROP TRIGGER IF EXISTS "member_touch" ON "member"',
    """CREATE TRIGGER "member_touch" BEFORE UPDATE ON "member" FOR EACH ROW EXECUTE FUNCTION abc_member_touch()""",
)


def _m12_tombstones(db: Database) -> None:
    for sql in M12_DDL:
        db.execute_sql(sql)


#: version -> the PostgreSQL function of that migration (same numbers as the SQLite list).
PG_MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _m1_foundation,
    2: _m2_forums,
    5: _m5_report_summaries,
    6: _m6_pseudonym_key,
    7: _m7_accounts,
    8: _m8_periods,
    10: _m10_item_summaries,
    12: _m12_tombstones,
}


def migration_for(version: int, kind: str) -> Callable[[Database], None]:
    """The function applying migration ``version`` on the engine ``kind`` ("sqlite"/"postgres")."""
    if kind == "postgres":
        return PG_MIGRATIONS[version]
    return {v: fn for v, _name, fn in MIGRATIONS}[version]


assert set(PG_MIGRATIONS) == {v for v, _, _ in MIGRATIONS}, "a migration lacks its PostgreSQL version"


def fill_left_on(db: Database) -> None:
    """Run the membership-history fill of migration 8 on either engine (the demo builder uses it)."""
    from abc_tui.store import engine
    from abc_tui.store.migrations import M8_FILL_LEFT as SQLITE_FILL_LEFT

    db.execute_sql(M8_FILL_LEFT if engine.is_postgres(db) else SQLITE_FILL_LEFT)
