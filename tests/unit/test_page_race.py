"""Two clerks open the same new household-month page (issue 8, item 3).

Both screens looked the page up when there was none; whoever saves second must land on the page
the first one created (UNIQUE household+month), never an IntegrityError, never a lost line.
"""

from __future__ import annotations

import threading

import pytest

from abc_tui.domain.errors import AbcError
from abc_tui.domain.thai import Month
from abc_tui.store.ledger import LedgerDesk
from abc_tui.store.models import Audit, LedgerLine, LedgerPage, db

MONTH = Month(2024, 1)


def test_the_second_opener_saves_onto_the_first_ones_page(office):
    h = office.households[0]
    a = LedgerDesk(who="ก").open(h, MONTH)
    b = LedgerDesk(who="ข").open(h, MONTH)
    assert a.is_new and b.is_new
    a.save_line("3", "31", "ข้าวสาร", "120")
    saved = b.save_line("4", "31", "ไข่ไก่", "45")  # IntegrityError before the fix
    assert b.page_id == a.page_id and b.page_uuid == a.page_uuid
    assert [ln.item for ln in b.lines] == ["ข้าวสาร", "ไข่ไก่"]  # b now shows a's line too
    assert b.totals().expense == 16_500
    assert LedgerPage.select().count() == 1
    assert [(ln.item, ln.entered_by) for ln in LedgerLine.select().order_by(LedgerLine.id)] == [
        ("ข้าวสาร", "ก"),
        ("ไข่ไก่", "ข"),
    ]
    assert saved.line.id == LedgerLine.select().order_by(LedgerLine.id.desc()).get().id


def test_control_totals_typed_on_the_second_screen_go_onto_the_same_page(office):
    h = office.households[0]
    a = LedgerDesk(who="ก").open(h, MONTH)
    b = LedgerDesk(who="ข").open(h, MONTH)
    a.save_line("3", "31", "ข้าวสาร", "120")
    b.set_controls("", "120")
    page = LedgerPage.get()
    assert page.control_expense_satang == 12_000 and (b.control_income, b.control_expense) == (None, 12_000)
    assert b.matches()
    # the change to a page someone else made is audited like any other change of its totals
    assert Audit.select().where((Audit.table == "ledger_page") & (Audit.action == "update")).count() == 1


def test_a_page_closed_meanwhile_refuses_the_line_and_keeps_nothing(office):
    h = office.households[0]
    a = LedgerDesk(who="ก").open(h, MONTH)
    b = LedgerDesk(who="ข").open(h, MONTH)
    a.save_line("3", "31", "ข้าวสาร", "120")
    LedgerPage.update(status="closed").execute()
    with pytest.raises(AbcError):
        b.save_line("4", "31", "ไข่ไก่", "45")
    assert LedgerLine.select().count() == 1 and b.is_new and b.lines == []  # b as it was


def test_two_threads_open_and_save_the_same_new_page_at_once(office):
    """Each thread has its own SQLite connection (peewee: one per thread) on the real file."""
    h = office.households[0]
    n = 4
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []
    pages: list[int] = []

    def clerk(i: int) -> None:
        try:
            session = LedgerDesk(who=f"clerk{i}").open(h.id, MONTH)
            assert session.is_new
            barrier.wait()
            session.save_line(str(i + 1), "31", f"รายการ {i}", "10")
            pages.append(session.page_id)
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert LedgerPage.select().count() == 1 and len(set(pages)) == 1
    assert sorted(ln.item for ln in LedgerLine.select()) == [f"รายการ {i}" for i in range(n)]


def _look_up_misses_once(monkeypatch, model, call: int = 1):
    """The duplicate check ran before another PC saved: ``get_or_none`` call number ``call`` finds nothing."""
    real = model.get_or_none
    calls = []

    def stale(*args, **kw):
        calls.append(1)
        return None if len(calls) == call else real(*args, **kw)

    monkeypatch.setattr(model, "get_or_none", stale)


def test_a_village_added_meanwhile_by_another_pc_is_a_message(office, monkeypatch):
    from abc_tui.store import areas
    from abc_tui.store.models import Area

    _look_up_misses_once(monkeypatch, Area)
    with pytest.raises(AbcError) as err:  # IntegrityError before the fix
        areas.add_village(office.tambon, "1", "บ้านซ้ำ")
    assert "already exists" in err.value.en


def test_a_house_number_taken_meanwhile_by_another_clerk_is_a_message(office, monkeypatch):
    from abc_tui.store import households as hh
    from abc_tui.store.models import Household

    h = office.households[0]
    taken = office.households[1].house_no
    form = hh.HouseholdForm(house_no=taken, head_name=h.head_name, joined_on="1/10/2566")
    _look_up_misses_once(monkeypatch, Household, call=2)  # 1: the household itself, 2: is the code taken?
    with pytest.raises(AbcError) as err:  # IntegrityError before the fix
        hh.update_household(h.id, form)
    assert "already exists" in err.value.en
    assert Household.get_by_id(h.id).house_no == h.house_no
