"""Scan to open a page: the code printed on a form, typed by a USB scanner (keys + Enter) into
ledger entry, opens that household's page for that month at once, from any village."""

from __future__ import annotations

from abc_tui.domain.pagecode import page_code
from abc_tui.domain.thai import Month
from abc_tui.reports.pdf import jobs
from abc_tui.store import households as hh
from abc_tui.store.models import LedgerPage
from abc_tui.ui.app import create_app
from abc_tui.ui.strings import set_lang
from tests.pdfcheck import barcodes
from tests.ui.test_ledger import screen_text, settle
from tests.ui.test_ledger import type_text as type_keys

MAR = Month(2025, 3)


async def type_text(pilot, text: str) -> None:
    """Type as a scanner does (a burst), then wait until the app's type-ahead backlog has gone
    through too: a key that arrives while an earlier one is in flight waits there, in order."""
    await type_keys(pilot, text)
    app = pilot.app
    for _ in range(10_000):
        task = app._backlog_task
        if not app._key_backlog and (task is None or task.done()):
            break
        await settle(pilot)
    await settle(pilot)


async def test_scanning_a_printed_page_opens_it_from_another_village(office, tmp_path):
    set_lang("th")
    # village 2, while ledger entry starts on village 1; a long code: 26 characters
    target = hh.add_household(
        office.villages[1],
        hh.HouseholdForm(house_no="1234/56ก", head_name="นายยาว ที่สุด", joined_on="1/10/2566"),
    )
    out = tmp_path / "forms.pdf"
    jobs.forms(office.villages[1], [MAR], out=out)
    scanned = barcodes(out)[-1]  # what the scanner reads off the paper
    assert scanned == page_code(target.code, MAR) == "54010102-1234/56.01 032568"
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert app.focused.id == "lg-village"
        await type_text(pilot, scanned + "\n")  # the scanner: the code, then Enter
        assert screen.session is not None and screen.household.id == target.id
        assert screen.session.month == MAR and screen.village_code == office.villages[1]
        assert app.focused.id == "lg-cinc"
        assert target.code in screen_text(app, "lg-who")
        await type_text(pilot, "1200\n350\n")  # the paper's two totals
        assert app.focused.id == "lg-day"
        page = LedgerPage.get(LedgerPage.household == target.id)
        assert page.month == "2025-03" and page.control_income_satang == 120_000


async def test_scan_in_the_house_field_with_the_thai_layout_on(office):
    set_lang("th")
    target = office.households[2]  # 54010101-3/1
    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await type_text(pilot, "\n")  # Enter keeps the village; now in the house field
        assert app.focused.id == "lg-house"
        # With Kedmanee on, the scanner's keys type Thai characters for the digits, - and /.
        thai = page_code(target.code, Month(2025, 4)).translate(str.maketrans("1234567890-/", "ๅ/-ภถุึคตจขฝ"))
        await type_text(pilot, thai + "\n")
        assert app.screen.household.id == target.id and app.screen.session.month == Month(2025, 4)
        assert app.focused.id == "lg-cinc"


async def test_a_page_code_of_no_household_says_so(office):
    set_lang("en")
    app = create_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await type_text(pilot, "54010109-99 032568\n")
        assert app.screen.session is None
        assert "No household has the code on this page: 54010109-99" in screen_text(app, "lg-msg")
        # a plain house number still works as before
        await type_text(pilot, "1\n2\n")
        assert app.screen.household.id == office.households[1].id
    set_lang("th")
