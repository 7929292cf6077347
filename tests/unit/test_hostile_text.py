"""Hostile text in names and items (issue 8): invisible junk is stripped, a lone vowel or tone
mark is refused, every stored text field uses the same rule, and what is stored comes out of
the CSV and XLSX exports identically."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import openpyxl
import pytest
import tablib
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from abc_tui.domain.errors import AbcError
from abc_tui.domain.ledger import LineError, normalize_item
from abc_tui.domain.text import clean_field
from abc_tui.domain.thai import Month
from abc_tui.reports import export
from abc_tui.reports.period import Period
from abc_tui.reports.spec import SPECS
from abc_tui.reports.summary import item_key
from abc_tui.store import areas, forums, plan, users
from abc_tui.store import households as hh
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.models import Area, Finding, Forum, ForumOfficial, Household, LedgerLine, Member, PlanItem

#: Invisible characters a paste from the web, a spreadsheet or a hostile user brings in.
JUNK = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\ud800",  # an unpaired surrogate (a broken decoding)
]
HOSTILE_NAME = "\u202eนาย\x00สม\u200bชาย\u2066 [/] \u200fใจดี\u2069\x1b[31m"
CLEAN_NAME = "นายสมชาย [/] ใจดี[31m"


def _has_junk(s: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in s)


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize("junk", JUNK)
def test_invisible_junk_is_stripped(junk):
    assert clean_field(f"{junk}น้ำ{junk}มัน{junk}") == "น้ำมัน"


def test_white_space_is_folded_and_visible_text_kept():
    assert clean_field(" ไข่\t\tไก่\r\n\x85\u00a0\u3000\u2028 ๑๐ ฟอง ") == "ไข่ ไก่ ๑๐ ฟอง"
    for visible in ("[bold red]ชื่อ[/bold red]", "=SUM(A1)", "ป่า ไม้", "น้ำ", "ก่ำ", "ๆ", "café", "ﷺ"):
        assert clean_field(visible) == visible


@pytest.mark.parametrize("text", ["่นาย", "นาย ้สมชาย", "ำ", " ั", "นาย\u200b ่ใจดี", "\u0301x"])
def test_a_lone_vowel_or_tone_mark_is_refused_with_a_bilingual_message(text):
    with pytest.raises(AbcError) as err:
        clean_field(text, field_th="ชื่อ", field_en="name")
    assert "วรรณยุกต์" in err.value.th and "tone mark" in err.value.en and "name" in err.value.en


def test_a_mark_after_stripped_junk_joins_its_consonant():
    assert clean_field("น\u200b้ำ") == "น้ำ"


def test_the_ledger_item_is_its_own_report_summary_key():
    for raw, stored in (
        (" ไข่\u00a0 ไก่\u200b ", "ไข่ ไก่"),
        ("\ufeffไข่ไก่", "ไข่ไก่"),
        ("ไข่\tไก่\n", "ไข่ ไก่"),
        ("ไข่\u202eไก่\x00", "ไข่ไก่"),
        ("ไข่\u2003ไก่", "ไข่ ไก่"),
    ):
        assert normalize_item(raw) == stored == item_key(stored)
    with pytest.raises(LineError) as err:
        normalize_item(" ้ไข่")
    assert err.value.field == "item"


TEXTS = st.text(
    st.one_of(
        st.sampled_from(JUNK + list(" \t\n\u00a0\u3000") + list("นายสมชกไขำ่้ัิีึืุู็์") + ["[", "/", "]", "="]),
        st.characters(blacklist_categories=()),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_property_cleaning_is_idempotent_and_leaves_no_junk(text):
    try:
        s = clean_field(text)
    except AbcError:
        return
    assert clean_field(s) == s and not _has_junk(s) and s == s.strip() and "  " not in s
    assert item_key(s) == s  # a stored item groups in the report summaries as itself
    s.encode("utf-8")  # writable to any file


# ---------------------------------------------------------------- every stored field


@pytest.fixture
def forum(office):
    return forums.create_forum(forums.ForumForm("village", office.villages[0], "10/1/2567", "เวที", "", ""))


def _stores(office, forum):
    """(what is stored, how to read it back) for every free-text field a user can type."""
    v1 = office.villages[0]
    h = office.households[0]
    page = LedgerDesk(who="สมหญิง").open(h, Month(2024, 1))
    return {
        "head name": (
            lambda t: hh.add_household(
                v1, hh.HouseholdForm(house_no="99", head_name=t, joined_on="1/10/2566")
            ),
            lambda: Household.get(Household.house_no == "99").head_name,
        ),
        "member name": (
            lambda t: hh.add_member(h.id, t),
            lambda: Member.select().order_by(Member.id.desc()).get().name,
        ),
        "ledger item": (lambda t: page.save_line("3", "31", t, "10"), lambda: LedgerLine.get().item),
        "forum topic": (
            lambda t: forums.create_forum(forums.ForumForm("village", v1, "11/1/2567", t, "", "")),
            lambda: Forum.select().order_by(Forum.id.desc()).get().topic,
        ),
        "facilitators": (
            lambda t: forums.update_forum(
                forum.id, forums.ForumForm("village", v1, "10/1/2567", "เวที", t, "")
            ),
            lambda: Forum.get_by_id(forum.id).facilitators,
        ),
        "notes": (
            lambda t: forums.update_forum(
                forum.id, forums.ForumForm("village", v1, "10/1/2567", "เวที", "", t)
            ),
            lambda: Forum.get_by_id(forum.id).notes,
        ),
        "finding": (lambda t: forums.add_finding(forum.id, t, t, t), lambda: Finding.get().cause),
        "official agency": (
            lambda t: forums.set_official(forum.id, t, "2"),
            lambda: ForumOfficial.get().agency,
        ),
        "plan title": (
            lambda t: plan.propose(
                forum.id, plan.PlanForm(title=t, problem=t, actor="agency", agency=t, fiscal_year="2567")
            ),
            lambda: PlanItem.get().agency,
        ),
        "village name": (
            lambda t: areas.add_village(office.tambon, "9", t),
            lambda: Area.get(Area.code == office.tambon + "09").name,
        ),
    }


def test_a_user_name_with_junk_is_refused_not_stripped(db_path):
    """A user name is typed at every login: invisible characters are refused, not silently dropped."""
    for bad in ("่" + CLEAN_NAME, HOSTILE_NAME):
        with pytest.raises(AbcError):
            users.register_user(bad)
    assert users.register_user("  นายสมชาย   ใจดี ") == "นายสมชาย ใจดี"


def test_every_stored_text_field_strips_junk_and_refuses_a_lone_mark(office, forum):
    stores = _stores(office, forum)
    for field, (save, read) in stores.items():
        with pytest.raises(AbcError):
            save("่" + CLEAN_NAME)
        save(HOSTILE_NAME)
        assert read() == CLEAN_NAME, field


# ---------------------------------------------------------------- CSV and XLSX agree

P = Period(Month(2024, 1), Month(2024, 1))


def _csv_rows(path: Path) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))
    data = tablib.Dataset().load(path.read_text("utf-8-sig"), format="csv")  # tablib reads it the same
    assert [list(r) for r in data] == rows[1:]
    return rows[1:]


def _xlsx_rows(path: Path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path, read_only=True).active
    return [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def _text_cells_agree(name: str, tmp_path: Path, tag: str = "") -> list[list[str]]:
    """Export report ``name`` (named) as CSV and XLSX; every text cell is the same in both."""
    csv_rows = _csv_rows(
        export.export_report(name, P, "540101", out=tmp_path / f"{name}{tag}.csv", named=True).path
    )
    xlsx_rows = _xlsx_rows(
        export.export_report(
            name, P, "540101", fmt="xlsx", out=tmp_path / f"{name}{tag}.xlsx", named=True
        ).path
    )
    assert len(csv_rows) == len(xlsx_rows)
    text = [i for i, c in enumerate(SPECS[name].visible(named=True)) if c.type == "text"]
    for c_row, x_row in zip(csv_rows, xlsx_rows, strict=True):
        assert [c_row[i] for i in text] == [x_row[i] or "" for i in text], name
    return csv_rows


HOSTILE_ITEMS = ["ไข่\x1bไก่", "=SUM(A1)\u2066", "น้ำ\u200e มัน", "[bold]หวย[/bold]\x00", "\ufeff+66 81\u202e"]


def test_csv_and_xlsx_carry_the_same_names_and_items(office, forum, tmp_path):
    h = office.households[0]
    hh.update_member(hh.members(h.id)[0].id, HOSTILE_NAME)
    page = LedgerDesk(who="สม\u200bหญิง").open(h, Month(2024, 1))
    for day, item in enumerate(HOSTILE_ITEMS, 1):
        page.save_line(str(day), "31", item, "10")
    forums.update_forum(
        forum.id, forums.ForumForm("village", office.villages[0], "10/1/2567", HOSTILE_NAME, HOSTILE_NAME, "")
    )
    plan.propose(
        forum.id, plan.PlanForm(title=HOSTILE_NAME, actor="agency", agency="\u202eอบต.", fiscal_year="2567")
    )
    rows = _text_cells_agree("ledger", tmp_path)
    assert sorted(r[7] for r in rows) == sorted(export.neutralise(normalize_item(i)) for i in HOSTILE_ITEMS)
    assert {r[-1] for r in rows} == {CLEAN_NAME}  # the head's name
    assert CLEAN_NAME in _text_cells_agree("household-month", tmp_path)[0]
    assert _text_cells_agree("forums", tmp_path)[0][5] == CLEAN_NAME
    assert _text_cells_agree("plan", tmp_path)[0][2:5:2] == [CLEAN_NAME, "อบต."]


#: Mostly what a clerk types (Thai syllables, spaces, markup and formula look-alikes) with junk in between.
TYPED = st.one_of(
    st.lists(
        st.sampled_from(["นาย", "สม", "ชาย", "น้ำ", "ใจดี", " ", "\t", "[/]", "=", "ก่ำ", "x", *JUNK]),
        max_size=8,
    ).map("".join),
    TEXTS,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TYPED, item=TYPED)
def test_property_accepted_text_is_stored_cleaned_and_exports_identically(office, tmp_path, name, item):
    h = office.households[1]
    head = hh.members(h.id)[0]
    try:
        want_name = clean_field(name, required=True)
        hh.update_member(head.id, name)
    except AbcError:
        with pytest.raises(AbcError):
            hh.update_member(head.id, name)
        return
    assert Member.get_by_id(head.id).name == Household.get_by_id(h.id).head_name == want_name
    try:
        want_item = normalize_item(item)
    except AbcError:
        return
    LedgerLine.delete().execute()
    page = LedgerDesk(who="x").open(h, Month(2024, 1))
    page.save_line("1", "31", item, "1")
    assert LedgerLine.get().item == want_item
    event("stored and exported")
    (row,) = _text_cells_agree("ledger", tmp_path, tag=str(abs(hash((name, item)))))
    assert row[7] == export.neutralise(want_item) and row[-1] == export.neutralise(want_name)
