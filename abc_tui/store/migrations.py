"""Numbered schema migrations.

Each migration is frozen: its DDL is written out here as it was on the day it
was added, so later changes to :mod:`abc_tui.store.models` never change what an
old migration does. The schema version lives in ``PRAGMA user_version``.
To change the schema: edit the model, then append a migration (``ALTER TABLE``,
``CREATE TABLE``, or a ``playhouse.migrate`` call) with the next number.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from peewee import Database

from abc_tui.domain.categories import standard_chart

M1_DDL = (
    'CREATE TABLE "area" ("code" VARCHAR(8) NOT NULL PRIMARY KEY, "level" VARCHAR(10) NOT NULL, "name" TEXT NOT NULL, "parent_code" VARCHAR(8), "sufficiency_village" INTEGER NOT NULL, "model_village" INTEGER NOT NULL, FOREIGN KEY ("parent_code") REFERENCES "area" ("code"))',
    'CREATE INDEX "area_parent_code" ON "area" ("parent_code")',
    'CREATE TABLE "audit" ("id" INTEGER NOT NULL PRIMARY KEY, "table_name" VARCHAR(255) NOT NULL, "row_uuid" VARCHAR(255) NOT NULL, "action" VARCHAR(255) NOT NULL, "before" TEXT, "after" TEXT, "who" VARCHAR(255) NOT NULL, "at" VARCHAR(255) NOT NULL)',
    'CREATE INDEX "audit_table_name_row_uuid" ON "audit" ("table_name", "row_uuid")',
    'CREATE TABLE "category" ("code" VARCHAR(2) NOT NULL PRIMARY KEY, "kind" VARCHAR(16) NOT NULL, "name_th" TEXT NOT NULL, "name_en" TEXT NOT NULL, "standard" INTEGER NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE TABLE "household" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "code" VARCHAR(255) NOT NULL, "village_code" VARCHAR(8) NOT NULL, "house_no" VARCHAR(255) NOT NULL, "head_name" TEXT NOT NULL, "members_count" INTEGER NOT NULL, "occupation" VARCHAR(24) NOT NULL, "debt_at_joining_satang" INTEGER NOT NULL, "joined_on" DATE NOT NULL, "active" INTEGER NOT NULL, "model_household" INTEGER NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("village_code") REFERENCES "area" ("code"))',
    'CREATE UNIQUE INDEX "household_uuid" ON "household" ("uuid")',
    'CREATE UNIQUE INDEX "household_code" ON "household" ("code")',
    'CREATE INDEX "household_village_code" ON "household" ("village_code")',
    'CREATE INDEX "household_village_code_house_no" ON "household" ("village_code", "house_no")',
    'CREATE TABLE "ledger_page" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "control_income_satang" INTEGER, "control_expense_satang" INTEGER, "status" VARCHAR(255) NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id"))',
    'CREATE UNIQUE INDEX "ledger_page_uuid" ON "ledger_page" ("uuid")',
    'CREATE INDEX "ledger_page_household_id" ON "ledger_page" ("household_id")',
    'CREATE UNIQUE INDEX "ledger_page_household_id_month" ON "ledger_page" ("household_id", "month")',
    'CREATE TABLE "ledger_line" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "page_id" INTEGER NOT NULL, "household_id" INTEGER NOT NULL, "village_code" VARCHAR(8) NOT NULL, "date" DATE NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "amount_satang" INTEGER NOT NULL, "entered_by" VARCHAR(255) NOT NULL, "entered_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("page_id") REFERENCES "ledger_page" ("id"), FOREIGN KEY ("household_id") REFERENCES "household" ("id"), FOREIGN KEY ("category_code") REFERENCES "category" ("code"))',
    'CREATE UNIQUE INDEX "ledger_line_uuid" ON "ledger_line" ("uuid")',
    'CREATE INDEX "ledger_line_page_id" ON "ledger_line" ("page_id")',
    'CREATE INDEX "ledger_line_household_id_date" ON "ledger_line" ("household_id", "date")',
    'CREATE INDEX "ledger_line_village_code_date" ON "ledger_line" ("village_code", "date")',
    'CREATE INDEX "ledger_line_category_code_item" ON "ledger_line" ("category_code", "item")',
    'CREATE TABLE "member" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "household_id" INTEGER NOT NULL, "name" TEXT NOT NULL, "sex" VARCHAR(1) NOT NULL, "birth_year" INTEGER, "is_head" INTEGER NOT NULL, FOREIGN KEY ("household_id") REFERENCES "household" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "member_uuid" ON "member" ("uuid")',
    'CREATE INDEX "member_household_id" ON "member" ("household_id")',
    'CREATE TABLE "setting" ("key" VARCHAR(255) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "user" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "active" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "user_name" ON "user" ("name")',
)

M2_DDL = (
    'CREATE TABLE "forum" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "level" VARCHAR(10) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "date" DATE NOT NULL, "topic" TEXT NOT NULL, "facilitators" TEXT NOT NULL, "notes" TEXT NOT NULL, "walkin_women" INTEGER NOT NULL, "walkin_men" INTEGER NOT NULL, "walkin_youth" INTEGER NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("area_code") REFERENCES "area" ("code"))',
    'CREATE UNIQUE INDEX "forum_uuid" ON "forum" ("uuid")',
    'CREATE INDEX "forum_area_code" ON "forum" ("area_code")',
    'CREATE INDEX "forum_area_code_date" ON "forum" ("area_code", "date")',
    'CREATE TABLE "finding" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "forum_id" INTEGER NOT NULL, "problem" TEXT NOT NULL, "cause" TEXT NOT NULL, "evidence" TEXT NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "finding_uuid" ON "finding" ("uuid")',
    'CREATE INDEX "finding_forum_id" ON "finding" ("forum_id")',
    'CREATE TABLE "forum_attendance" ("id" INTEGER NOT NULL PRIMARY KEY, "forum_id" INTEGER NOT NULL, "member_id" INTEGER NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE, FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "forum_attendance_forum_id" ON "forum_attendance" ("forum_id")',
    'CREATE INDEX "forum_attendance_member_id" ON "forum_attendance" ("member_id")',
    'CREATE UNIQUE INDEX "forum_attendance_forum_id_member_id" ON "forum_attendance" ("forum_id", "member_id")',
    'CREATE TABLE "forum_official" ("id" INTEGER NOT NULL PRIMARY KEY, "forum_id" INTEGER NOT NULL, "agency" TEXT NOT NULL, "count" INTEGER NOT NULL, FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "forum_official_forum_id" ON "forum_official" ("forum_id")',
    'CREATE TABLE "plan_item" ("id" INTEGER NOT NULL PRIMARY KEY, "uuid" VARCHAR(255) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "forum_id" INTEGER, "title" TEXT NOT NULL, "problem" TEXT NOT NULL, "actor" VARCHAR(10) NOT NULL, "agency" TEXT NOT NULL, "fiscal_year_be" INTEGER NOT NULL, "budget_requested_satang" INTEGER NOT NULL, "budget_approved_satang" INTEGER, "status" VARCHAR(255) NOT NULL, "uses_data" INTEGER NOT NULL, "created_at" VARCHAR(255) NOT NULL, "updated_at" VARCHAR(255) NOT NULL, FOREIGN KEY ("area_code") REFERENCES "area" ("code"), FOREIGN KEY ("forum_id") REFERENCES "forum" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "plan_item_uuid" ON "plan_item" ("uuid")',
    'CREATE INDEX "plan_item_area_code" ON "plan_item" ("area_code")',
    'CREATE INDEX "plan_item_forum_id" ON "plan_item" ("forum_id")',
    'CREATE INDEX "plan_item_area_code_fiscal_year_be" ON "plan_item" ("area_code", "fiscal_year_be")',
    'CREATE TABLE "plan_status_change" ("id" INTEGER NOT NULL PRIMARY KEY, "plan_item_id" INTEGER NOT NULL, "status" VARCHAR(255) NOT NULL, "changed_on" DATE NOT NULL, "who" VARCHAR(255) NOT NULL, FOREIGN KEY ("plan_item_id") REFERENCES "plan_item" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "plan_status_change_plan_item_id" ON "plan_status_change" ("plan_item_id")',
)


def _m1_foundation(db: Database) -> None:
    """Areas, households, members, category chart, ledger pages and lines, users, audit."""
    for sql in M1_DDL:
        db.execute_sql(sql)
    db.execute_sql(
        'INSERT INTO "category" (code, kind, name_th, name_en, standard, active) VALUES '
        + ", ".join(["(?, ?, ?, ?, 1, 1)"] * len(standard_chart())),
        [v for c in standard_chart() for v in (c.code, c.kind, c.name_th, c.name_en)],
    )


def _m2_forums(db: Database) -> None:
    """Learning forums, attendance, officials, findings, community-plan items and their status history."""
    for sql in M2_DDL:
        db.execute_sql(sql)


# ---------------------------------------------------------------- 5: report summaries
#: Monthly summaries the reports read instead of every ledger line (a tambon-year is ~800k lines;
#: aggregating them takes ~0.8 s, the summaries ~0.03 s). Derived data, kept exact by triggers on
#: every insert, update and delete of a line (and rebuilt when a category changes kind):
#:
#: * ``report_month``: one row per village × household × month: line count and the sum of each kind.
#: * ``report_item``: one row per village × category × normalised item × household × month
#:   (the spending profile and statements' top items). Item text is normalised as REPORTS.md asks:
#:   tabs, line breaks and odd spaces become spaces, zero-width marks go, runs of spaces fold to one
#:   (runs up to 128), trimmed.
#:
#: The statements are idempotent (IF NOT EXISTS; the backfill empties the tables first), so running
#: this migration again only rebuilds the summaries. Never export or import these tables: a package
#: carries the ledger lines, and the triggers rebuild the summaries from them.
M5_DDL = (
    'CREATE TABLE IF NOT EXISTS "report_month" ("village_code" VARCHAR(8) NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "income" INTEGER NOT NULL, "production" INTEGER NOT NULL, "consumption" INTEGER NOT NULL, "avoidable" INTEGER NOT NULL, "interest" INTEGER NOT NULL, "borrowed" INTEGER NOT NULL, "repaid" INTEGER NOT NULL, "saved" INTEGER NOT NULL, "withdrawn" INTEGER NOT NULL, PRIMARY KEY ("village_code", "household_id", "month")) WITHOUT ROWID',
    'CREATE TABLE IF NOT EXISTS "report_item" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "household_id" INTEGER NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "amount" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "household_id", "month")) WITHOUT ROWID',
    """CREATE TRIGGER IF NOT EXISTS "report_ledger_line_ai" AFTER INSERT ON "ledger_line"
BEGIN
    INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT NEW.village_code, NEW.household_id, substr(NEW.date, 1, 7), 1,
        CASE c.kind WHEN 'income' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'production' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'consumption' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'avoidable' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'interest' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_borrowed' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_repaid' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_in' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_out' THEN NEW.amount_satang ELSE 0 END
    FROM (SELECT 1) LEFT JOIN "category" c ON c.code = NEW.category_code WHERE 1
    ON CONFLICT ("village_code", "household_id", "month") DO UPDATE SET "lines" = "lines" + excluded."lines",
        "income" = "income" + excluded."income",
        "production" = "production" + excluded."production",
        "consumption" = "consumption" + excluded."consumption",
        "avoidable" = "avoidable" + excluded."avoidable",
        "interest" = "interest" + excluded."interest",
        "borrowed" = "borrowed" + excluded."borrowed",
        "repaid" = "repaid" + excluded."repaid",
        "saved" = "saved" + excluded."saved",
        "withdrawn" = "withdrawn" + excluded."withdrawn";
    INSERT INTO "report_item" ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    VALUES (NEW.village_code, NEW.category_code, trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(NEW.item, char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '), char(12288), ' '), char(8203), ''), char(65279), ''), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')),
        NEW.household_id, substr(NEW.date, 1, 7), 1, NEW.amount_satang)
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
END""",
    """CREATE TRIGGER IF NOT EXISTS "report_ledger_line_ad" AFTER DELETE ON "ledger_line"
BEGIN
    INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT OLD.village_code, OLD.household_id, substr(OLD.date, 1, 7), -1,
        CASE c.kind WHEN 'income' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'production' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'consumption' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'avoidable' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'interest' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_borrowed' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_repaid' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_in' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_out' THEN -OLD.amount_satang ELSE 0 END
    FROM (SELECT 1) LEFT JOIN "category" c ON c.code = OLD.category_code WHERE 1
    ON CONFLICT ("village_code", "household_id", "month") DO UPDATE SET "lines" = "lines" + excluded."lines",
        "income" = "income" + excluded."income",
        "production" = "production" + excluded."production",
        "consumption" = "consumption" + excluded."consumption",
        "avoidable" = "avoidable" + excluded."avoidable",
        "interest" = "interest" + excluded."interest",
        "borrowed" = "borrowed" + excluded."borrowed",
        "repaid" = "repaid" + excluded."repaid",
        "saved" = "saved" + excluded."saved",
        "withdrawn" = "withdrawn" + excluded."withdrawn";
    INSERT INTO "report_item" ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    VALUES (OLD.village_code, OLD.category_code, trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(OLD.item, char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '), char(12288), ' '), char(8203), ''), char(65279), ''), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')),
        OLD.household_id, substr(OLD.date, 1, 7), -1, -OLD.amount_satang)
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    DELETE FROM "report_month" WHERE "village_code" = OLD.village_code AND "household_id" = OLD.household_id
        AND "month" = substr(OLD.date, 1, 7) AND "lines" = 0;
    DELETE FROM "report_item" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "household_id" = OLD.household_id AND "month" = substr(OLD.date, 1, 7) AND "lines" = 0;
END""",
    """CREATE TRIGGER IF NOT EXISTS "report_ledger_line_au"
AFTER UPDATE OF "village_code", "household_id", "date", "category_code", "item", "amount_satang" ON "ledger_line"
BEGIN
    INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT OLD.village_code, OLD.household_id, substr(OLD.date, 1, 7), -1,
        CASE c.kind WHEN 'income' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'production' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'consumption' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'avoidable' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'interest' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_borrowed' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_repaid' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_in' THEN -OLD.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_out' THEN -OLD.amount_satang ELSE 0 END
    FROM (SELECT 1) LEFT JOIN "category" c ON c.code = OLD.category_code WHERE 1
    ON CONFLICT ("village_code", "household_id", "month") DO UPDATE SET "lines" = "lines" + excluded."lines",
        "income" = "income" + excluded."income",
        "production" = "production" + excluded."production",
        "consumption" = "consumption" + excluded."consumption",
        "avoidable" = "avoidable" + excluded."avoidable",
        "interest" = "interest" + excluded."interest",
        "borrowed" = "borrowed" + excluded."borrowed",
        "repaid" = "repaid" + excluded."repaid",
        "saved" = "saved" + excluded."saved",
        "withdrawn" = "withdrawn" + excluded."withdrawn";
    INSERT INTO "report_item" ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    VALUES (OLD.village_code, OLD.category_code, trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(OLD.item, char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '), char(12288), ' '), char(8203), ''), char(65279), ''), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')),
        OLD.household_id, substr(OLD.date, 1, 7), -1, -OLD.amount_satang)
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    DELETE FROM "report_month" WHERE "village_code" = OLD.village_code AND "household_id" = OLD.household_id
        AND "month" = substr(OLD.date, 1, 7) AND "lines" = 0;
    DELETE FROM "report_item" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "household_id" = OLD.household_id AND "month" = substr(OLD.date, 1, 7) AND "lines" = 0;
    INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT NEW.village_code, NEW.household_id, substr(NEW.date, 1, 7), 1,
        CASE c.kind WHEN 'income' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'production' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'consumption' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'avoidable' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'interest' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_borrowed' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'debt_repaid' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_in' THEN NEW.amount_satang ELSE 0 END,
        CASE c.kind WHEN 'saving_out' THEN NEW.amount_satang ELSE 0 END
    FROM (SELECT 1) LEFT JOIN "category" c ON c.code = NEW.category_code WHERE 1
    ON CONFLICT ("village_code", "household_id", "month") DO UPDATE SET "lines" = "lines" + excluded."lines",
        "income" = "income" + excluded."income",
        "production" = "production" + excluded."production",
        "consumption" = "consumption" + excluded."consumption",
        "avoidable" = "avoidable" + excluded."avoidable",
        "interest" = "interest" + excluded."interest",
        "borrowed" = "borrowed" + excluded."borrowed",
        "repaid" = "repaid" + excluded."repaid",
        "saved" = "saved" + excluded."saved",
        "withdrawn" = "withdrawn" + excluded."withdrawn";
    INSERT INTO "report_item" ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    VALUES (NEW.village_code, NEW.category_code, trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(NEW.item, char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '), char(12288), ' '), char(8203), ''), char(65279), ''), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')),
        NEW.household_id, substr(NEW.date, 1, 7), 1, NEW.amount_satang)
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
END""",
    """CREATE TRIGGER IF NOT EXISTS "report_category_kind_au" AFTER UPDATE OF "kind" ON "category"
WHEN OLD.kind IS NOT NEW.kind
BEGIN
    DELETE FROM "report_month";
    INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT l.village_code, l.household_id, substr(l.date, 1, 7), count(*),
        sum(CASE c.kind WHEN 'income' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'production' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'consumption' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'avoidable' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'interest' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'debt_borrowed' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'debt_repaid' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'saving_in' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'saving_out' THEN l.amount_satang ELSE 0 END)
    FROM "ledger_line" l LEFT JOIN "category" c ON c.code = l.category_code
    GROUP BY 1, 2, 3;
END""",
    'DELETE FROM "report_month"',
    """INSERT INTO "report_month" ("village_code", "household_id", "month", "lines", "income", "production", "consumption", "avoidable", "interest", "borrowed", "repaid", "saved", "withdrawn")
    SELECT l.village_code, l.household_id, substr(l.date, 1, 7), count(*),
        sum(CASE c.kind WHEN 'income' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'production' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'consumption' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'avoidable' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'interest' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'debt_borrowed' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'debt_repaid' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'saving_in' THEN l.amount_satang ELSE 0 END),
        sum(CASE c.kind WHEN 'saving_out' THEN l.amount_satang ELSE 0 END)
    FROM "ledger_line" l LEFT JOIN "category" c ON c.code = l.category_code
    GROUP BY 1, 2, 3""",
    'DELETE FROM "report_item"',
    """INSERT INTO "report_item" ("village_code", "category_code", "item", "household_id", "month", "lines", "amount")
    SELECT village_code, category_code, trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(item, char(9), ' '), char(10), ' '), char(13), ' '), char(160), ' '), char(12288), ' '), char(8203), ''), char(65279), ''), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')), household_id, substr(date, 1, 7), count(*), sum(amount_satang)
    FROM "ledger_line" GROUP BY 1, 2, 3, 4, 5""",
)


def _m5_report_summaries(db: Database) -> None:
    """Monthly summary tables for reports, their triggers, and the backfill from existing lines."""
    for sql in M5_DDL:
        db.execute_sql(sql)


def _m6_pseudonym_key(db: Database) -> None:
    """The office's secret for clerk pseudonyms in default exports, made once here so an export
    only reads it (a read-only file or another writer's lock never stops an export). A key an
    older version already wrote on first export is kept: earlier exports' pseudonyms stay valid."""
    db.execute_sql(
        'INSERT OR IGNORE INTO "setting" ("key", "value") VALUES (?, ?)',
        ("pseudonym_key", secrets.token_hex(16)),
    )


# ---------------------------------------------------------------- 7: accounts
#: Passwords and account dates for users (roles existed since migration 1). Existing users get no
#: password (""), so an office that never set one keeps working without a login. The audit viewer
#: filters by user and date, newest first: an index on each (SQLite appends the rowid, so
#: ``who = ? ORDER BY id DESC`` reads the index in order).
M7_DDL = (
    'ALTER TABLE "user" ADD COLUMN "password_hash" TEXT NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN "created_at" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN "updated_at" VARCHAR(255) NOT NULL DEFAULT \'\'',
    'ALTER TABLE "user" ADD COLUMN "last_login_at" VARCHAR(255)',
    'CREATE INDEX IF NOT EXISTS "audit_who" ON "audit" ("who")',
    'CREATE INDEX IF NOT EXISTS "audit_at" ON "audit" ("at")',
    # A ledger line's snapshot names its household: the viewer's household filter finds deleted lines.
    'CREATE INDEX IF NOT EXISTS "audit_before_household" ON "audit" (json_extract("before", \'$.household\'))',
    'CREATE INDEX IF NOT EXISTS "audit_after_household" ON "audit" (json_extract("after", \'$.household\'))',
)


def _m7_accounts(db: Database) -> None:
    """Password hash, created/updated/last-login times on users; audit indexes for the viewer.

    Idempotent like migration 5: a column already there is skipped (ADD COLUMN has no IF NOT EXISTS)."""
    have = {row[1] for row in db.execute_sql('PRAGMA table_info("user")').fetchall()}
    for sql in M7_DDL:
        column = sql.split('ADD COLUMN "')[1].split('"')[0] if "ADD COLUMN" in sql else None
        if column not in have:
            db.execute_sql(sql)


# ---------------------------------------------------------------- 8: periods and membership history
#: Membership history (REPORTS.md "Membership"): a household that left keeps its ``left_on`` date and
#: reason, so a month's members never change when a household leaves later. Period states per
#: village-month (open / submitted / approved, with the figures frozen at submission), the log of
#: files sent upward, and closed bi-monthly evaluation rounds. Triggers refuse any write to the
#: ledger lines or pages of a submitted or approved village-month, whatever program path tries it
#: (the services check first and give the clear message; the triggers are the net under them).
M8_DDL = (
    'ALTER TABLE "household" ADD COLUMN "left_on" DATE',
    """ALTER TABLE "household" ADD COLUMN "left_reason" TEXT NOT NULL DEFAULT ''""",
    'CREATE TABLE IF NOT EXISTS "period_state" ("village_code" VARCHAR(8) NOT NULL, "month" VARCHAR(7) NOT NULL, "state" VARCHAR(10) NOT NULL, "submitted_by" VARCHAR(255) NOT NULL, "submitted_at" VARCHAR(255), "approved_by" VARCHAR(255) NOT NULL, "approved_at" VARCHAR(255), "snapshot" TEXT, "unbalanced" TEXT, "updated_at" VARCHAR(255) NOT NULL, PRIMARY KEY ("village_code", "month"))',
    'CREATE TABLE IF NOT EXISTS "sent_file" ("id" INTEGER NOT NULL PRIMARY KEY, "report" VARCHAR(32) NOT NULL, "period_from" VARCHAR(7) NOT NULL, "period_to" VARCHAR(7) NOT NULL, "area_code" VARCHAR(8) NOT NULL, "file_name" TEXT NOT NULL, "sha256" VARCHAR(64) NOT NULL, "rows" INTEGER NOT NULL, "who" VARCHAR(255) NOT NULL, "at" VARCHAR(255) NOT NULL, "snapshot" TEXT)',
    'CREATE INDEX IF NOT EXISTS "sent_file_area_code_period_from" ON "sent_file" ("area_code", "period_from")',
    'CREATE TABLE IF NOT EXISTS "eval_round" ("id" INTEGER NOT NULL PRIMARY KEY, "area_code" VARCHAR(8) NOT NULL, "period_from" VARCHAR(7) NOT NULL, "period_to" VARCHAR(7) NOT NULL, "closed_by" VARCHAR(255) NOT NULL, "closed_at" VARCHAR(255) NOT NULL, "indicators" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "eval_round_area_code_period_from_period_to" ON "eval_round" ("area_code", "period_from", "period_to")',
    # The locks: one indexed look-up per written line.
    """CREATE TRIGGER IF NOT EXISTS "period_lock_line_ai" BEFORE INSERT ON "ledger_line"
WHEN EXISTS (SELECT 1 FROM "period_state" p WHERE p.village_code = NEW.village_code AND p.month = substr(NEW.date, 1, 7) AND p.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
    """CREATE TRIGGER IF NOT EXISTS "period_lock_line_au" BEFORE UPDATE ON "ledger_line"
WHEN EXISTS (SELECT 1 FROM "period_state" p WHERE p.state <> 'open' AND ((p.village_code = NEW.village_code AND p.month = substr(NEW.date, 1, 7)) OR (p.village_code = OLD.village_code AND p.month = substr(OLD.date, 1, 7))))
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
    """CREATE TRIGGER IF NOT EXISTS "period_lock_line_ad" BEFORE DELETE ON "ledger_line"
WHEN EXISTS (SELECT 1 FROM "period_state" p WHERE p.village_code = OLD.village_code AND p.month = substr(OLD.date, 1, 7) AND p.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
    """CREATE TRIGGER IF NOT EXISTS "period_lock_page_ai" BEFORE INSERT ON "ledger_page"
WHEN EXISTS (SELECT 1 FROM "period_state" p JOIN "household" h ON h.village_code = p.village_code WHERE h.id = NEW.household_id AND p.month = NEW.month AND p.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
    """CREATE TRIGGER IF NOT EXISTS "period_lock_page_au" BEFORE UPDATE ON "ledger_page"
WHEN EXISTS (SELECT 1 FROM "period_state" p JOIN "household" h ON h.village_code = p.village_code WHERE h.id IN (NEW.household_id, OLD.household_id) AND p.month IN (NEW.month, OLD.month) AND p.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
    """CREATE TRIGGER IF NOT EXISTS "period_lock_page_ad" BEFORE DELETE ON "ledger_page"
WHEN EXISTS (SELECT 1 FROM "period_state" p JOIN "household" h ON h.village_code = p.village_code WHERE h.id = OLD.household_id AND p.month = OLD.month AND p.state <> 'open')
BEGIN SELECT RAISE(ABORT, 'abc: period locked'); END""",
)

#: History from today's data: a household already inactive left on the later of the day it was
#: deactivated (its last audit row saying so) and its last ledger line (so every month it has lines
#: in stays a month it was a member); with neither, on the day it joined (so, as before, it counts
#: in no month but its first). Also used by the demo builder after it writes the lines.
M8_FILL_LEFT = """UPDATE "household" SET "left_on" = coalesce(
    (SELECT max(d) FROM (
        SELECT max(substr(a."at", 1, 10)) AS d FROM "audit" a WHERE a."table_name" = 'household'
            AND a."row_uuid" = "household"."uuid" AND json_valid(a."after") AND json_extract(a."after", '$.active') = 0
        UNION ALL SELECT max(l."date") FROM "ledger_line" l WHERE l."household_id" = "household"."id") WHERE d IS NOT NULL),
    "joined_on")
WHERE "active" = 0 AND "left_on" IS NULL"""


def _m8_periods(db: Database) -> None:
    """Membership history (left date and reason, filled from today's data), period states and
    their locks, the log of files sent upward, closed evaluation rounds."""
    # Idempotent like migration 5 (a file rolled back to an older version number runs it again).
    columns = {r[1] for r in db.execute_sql('PRAGMA table_info("household")')}
    for sql in M8_DDL:
        if sql.startswith('ALTER TABLE "household" ADD COLUMN') and sql.split('"')[3] in columns:
            continue
        db.execute_sql(sql)
    db.execute_sql(M8_FILL_LEFT)


# ---------------------------------------------------------------- 10: item summaries by month and by year
#: The spending profile (and the data card's top items) need, for any run of months, each item's
#: lines and amount and how many households bought it. ``report_item`` has them per household and
#: month (~1.3 M rows for a 5.5 M-line tambon-year): too many to add up in 0.3 s. Two smaller tables
#: answer instead, kept by triggers on ``report_item`` itself (so the ledger line's triggers stay
#: as they are, and every writer of report_item — the line triggers, a rebuild — keeps them exact):
#: ``report_item_total``: lines and amount per village × category × item × month (no household);
#: ``report_item_year``: per village × category × item × household × year, the months with lines as
#: bits (bit 0 = January), so "households with this item in the period" is a count of the rows
#: whose bits meet the period's months. Plain SQL (``<<``, ``|``, ``&``, ``~``), mirrored for PostgreSQL.
M10_DDL = (
    'CREATE TABLE IF NOT EXISTS "report_item_total" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "month" VARCHAR(7) NOT NULL, "lines" INTEGER NOT NULL, "amount" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "month")) WITHOUT ROWID',
    'CREATE TABLE IF NOT EXISTS "report_item_year" ("village_code" VARCHAR(8) NOT NULL, "category_code" VARCHAR(2) NOT NULL, "item" TEXT NOT NULL, "household_id" INTEGER NOT NULL, "year" VARCHAR(4) NOT NULL, "months" INTEGER NOT NULL, PRIMARY KEY ("village_code", "category_code", "item", "household_id", "year")) WITHOUT ROWID',
    """CREATE TRIGGER IF NOT EXISTS "report_item_ai" AFTER INSERT ON "report_item"
BEGIN
    INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    VALUES (NEW.village_code, NEW.category_code, NEW.item, NEW.month, NEW.lines, NEW.amount)
    ON CONFLICT ("village_code", "category_code", "item", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    INSERT INTO "report_item_year" ("village_code", "category_code", "item", "household_id", "year", "months")
    SELECT NEW.village_code, NEW.category_code, NEW.item, NEW.household_id, substr(NEW.month, 1, 4),
        1 << (CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1)
    WHERE NEW.lines != 0
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "year")
    DO UPDATE SET "months" = "months" | excluded."months";
END""",
    """CREATE TRIGGER IF NOT EXISTS "report_item_au" AFTER UPDATE ON "report_item"
BEGIN
    INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    VALUES (OLD.village_code, OLD.category_code, OLD.item, OLD.month, -OLD.lines, -OLD.amount)
    ON CONFLICT ("village_code", "category_code", "item", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    VALUES (NEW.village_code, NEW.category_code, NEW.item, NEW.month, NEW.lines, NEW.amount)
    ON CONFLICT ("village_code", "category_code", "item", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    DELETE FROM "report_item_total" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "item" = OLD.item AND "month" = OLD.month AND "lines" = 0;
    INSERT INTO "report_item_year" ("village_code", "category_code", "item", "household_id", "year", "months")
    SELECT NEW.village_code, NEW.category_code, NEW.item, NEW.household_id, substr(NEW.month, 1, 4),
        1 << (CAST(substr(NEW.month, 6, 2) AS INTEGER) - 1)
    WHERE NEW.lines != 0
    ON CONFLICT ("village_code", "category_code", "item", "household_id", "year")
    DO UPDATE SET "months" = "months" | excluded."months";
    UPDATE "report_item_year" SET "months" = "months" & ~(1 << (CAST(substr(OLD.month, 6, 2) AS INTEGER) - 1))
    WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code AND "item" = OLD.item
        AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4)
        AND NOT EXISTS (SELECT 1 FROM "report_item" r WHERE r."village_code" = OLD.village_code
            AND r."category_code" = OLD.category_code AND r."item" = OLD.item
            AND r."household_id" = OLD.household_id AND r."month" = OLD.month AND r."lines" != 0);
    DELETE FROM "report_item_year" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "item" = OLD.item AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4)
        AND "months" = 0;
END""",
    """CREATE TRIGGER IF NOT EXISTS "report_item_ad" AFTER DELETE ON "report_item"
BEGIN
    INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    VALUES (OLD.village_code, OLD.category_code, OLD.item, OLD.month, -OLD.lines, -OLD.amount)
    ON CONFLICT ("village_code", "category_code", "item", "month")
    DO UPDATE SET "lines" = "lines" + excluded."lines", "amount" = "amount" + excluded."amount";
    DELETE FROM "report_item_total" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "item" = OLD.item AND "month" = OLD.month AND "lines" = 0;
    UPDATE "report_item_year" SET "months" = "months" & ~(1 << (CAST(substr(OLD.month, 6, 2) AS INTEGER) - 1))
    WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code AND "item" = OLD.item
        AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4)
        AND NOT EXISTS (SELECT 1 FROM "report_item" r WHERE r."village_code" = OLD.village_code
            AND r."category_code" = OLD.category_code AND r."item" = OLD.item
            AND r."household_id" = OLD.household_id AND r."month" = OLD.month AND r."lines" != 0);
    DELETE FROM "report_item_year" WHERE "village_code" = OLD.village_code AND "category_code" = OLD.category_code
        AND "item" = OLD.item AND "household_id" = OLD.household_id AND "year" = substr(OLD.month, 1, 4)
        AND "months" = 0;
END""",
    'DELETE FROM "report_item_total"',
    """INSERT INTO "report_item_total" ("village_code", "category_code", "item", "month", "lines", "amount")
    SELECT "village_code", "category_code", "item", "month", sum("lines"), sum("amount") FROM "report_item"
    WHERE "lines" != 0 GROUP BY 1, 2, 3, 4""",
    'DELETE FROM "report_item_year"',
    """INSERT INTO "report_item_year" ("village_code", "category_code", "item", "household_id", "year", "months")
    SELECT "village_code", "category_code", "item", "household_id", substr("month", 1, 4),
        sum(DISTINCT 1 << (CAST(substr("month", 6, 2) AS INTEGER) - 1)) FROM "report_item"
    WHERE "lines" != 0 GROUP BY 1, 2, 3, 4, 5""",
)


def _m10_item_summaries(db: Database) -> None:
    """The spending profile's two small summaries, their triggers on report_item, the backfill.
    Idempotent like migration 5 (running it again rebuilds the two tables from report_item)."""
    for sql in M10_DDL:
        db.execute_sql(sql)


# ---------------------------------------------------------------- 12: deletions that travel
#: A deleted row leaves a tombstone (its table, its package key, when) so the deletion travels in
#: the office package and the district deletes its copy too (:mod:`abc_tui.store.package`). The
#: key is the row's UUID, or for attendance and officials the forum's UUID and the member's UUID /
#: the agency, joined by one space. Written by triggers, so every path that deletes (a screen, a
#: cascade from a forum or plan item, a package import) leaves one; a cascaded child whose parent
#: is already gone needs none (the parent's tombstone removes it at the target the same way).
#: Members get ``updated_at`` (kept by a trigger when a change does not set it) so a corrected
#: member (sex, birth year: the forum report's women/men/youth) travels as a newer row.
TOMBSTONE_NOW = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
#: table -> the SQL of its package key from OLD (NULL when the parent is already gone).
#: Households and ledger pages are never deleted (a household leaves; a page stays), nor areas,
#: categories, users, audit rows and period states; plan status changes go only with their plan item.
TOMBSTONE_KEYS = {
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
    'CREATE TABLE IF NOT EXISTS "tombstone" ("table_name" VARCHAR(32) NOT NULL, "row_key" TEXT NOT NULL, "deleted_at" VARCHAR(255) NOT NULL, PRIMARY KEY ("table_name", "row_key")) WITHOUT ROWID',
    *(
        f"""CREATE TRIGGER IF NOT EXISTS "{table}_tombstone" AFTER DELETE ON "{table}"
BEGIN
    INSERT INTO "tombstone" ("table_name", "row_key", "deleted_at")
    SELECT '{table}', k, {TOMBSTONE_NOW} FROM (SELECT {key} AS k) WHERE k IS NOT NULL
    ON CONFLICT ("table_name", "row_key") DO UPDATE SET "deleted_at" = excluded."deleted_at";
END"""
        for table, key in TOMBSTONE_KEYS.items()
    ),
    f"""CREATE TRIGGER IF NOT EXISTS "member_touch" AFTER UPDATE ON "member"
WHEN NEW.updated_at = OLD.updated_at AND NEW.updated_at <> {TOMBSTONE_NOW}
BEGIN
    UPDATE "member" SET "updated_at" = {TOMBSTONE_NOW} WHERE "id" = NEW.id;
END""",
)


def _m12_tombstones(db: Database) -> None:
    """The tombstone table and its delete triggers; ``member.updated_at`` and its trigger.
    Idempotent like migration 7 (a column already there is skipped)."""
    have = {row[1] for row in db.execute_sql('PRAGMA table_info("member")').fetchall()}
    if "updated_at" not in have:
        db.execute_sql('ALTER TABLE "member" ADD COLUMN "updated_at" VARCHAR(255) NOT NULL DEFAULT \'\'')
    for sql in M12_DDL:
        db.execute_sql(sql)


#: (version, description, function), in ascending version order (numbers may skip: 3 and 4 were
#: reserved for features that needed no schema change). Never edit a released one; a new one takes
#: a number above every released version.
MIGRATIONS: list[tuple[int, str, Callable[[Database], None]]] = [
    (1, "foundation", _m1_foundation),
    (2, "forums and community plan", _m2_forums),
    (5, "report summaries", _m5_report_summaries),
    (6, "pseudonym key", _m6_pseudonym_key),
    (7, "accounts", _m7_accounts),
    (8, "periods and membership history", _m8_periods),
    (10, "item summaries by month and by year", _m10_item_summaries),
    (12, "tombstones: deletions travel in packages; member edit time", _m12_tombstones),
]

LATEST_VERSION = max(version for version, _, _ in MIGRATIONS)
assert [v for v, _, _ in MIGRATIONS] == sorted({v for v, _, _ in MIGRATIONS}), "migrations out of order"
