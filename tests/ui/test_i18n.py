"""Thai/English on every screen: F12 relabels every open screen, and every screen fits 80×24.

For each screen: opened in Thai, covered by another screen, F12, uncovered — what it shows must be
the English a freshly opened English screen shows (no Thai label left: the Thai text on screen is
data also on the fresh English screen), and F12 again back to Thai (no English left).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

import pytest
from textual.screen import Screen
from textual.widgets import Static

from abc_tui.domain.thai import Month
from abc_tui.reports.period import bimonth
from abc_tui.store import forums as forum_store
from abc_tui.store.database import close_database, open_database
from abc_tui.store.demo import build_demo
from abc_tui.store.models import Household
from abc_tui.ui.app import HelpScreen, create_app
from abc_tui.ui.strings import has
from tests.ui.wait import settle

UNTIL = Month(2024, 3)
SIZE = (80, 24)


def _first_forum() -> int:
    return forum_store.list_forums(None, offset=0, limit=1)[0].id


def _household() -> int:
    return Household.select().order_by(Household.id).first().id


def screens() -> dict[str, Callable[[], Screen]]:
    """Screen name -> a factory (the database is open when it is called)."""
    from abc_tui.ui.screens.audit import AuditScreen
    from abc_tui.ui.screens.backup import BackupScreen
    from abc_tui.ui.screens.datacard import DataCardScreen
    from abc_tui.ui.screens.forum_attendance import AttendanceScreen
    from abc_tui.ui.screens.forum_detail import ForumScreen
    from abc_tui.ui.screens.forum_form import ForumFormScreen
    from abc_tui.ui.screens.forums import ForumsScreen
    from abc_tui.ui.screens.household_import import HouseholdImportScreen
    from abc_tui.ui.screens.households import HouseholdsScreen, MembersScreen
    from abc_tui.ui.screens.ledger import LedgerScreen
    from abc_tui.ui.screens.ledger_grid import CompletenessScreen
    from abc_tui.ui.screens.ledger_rekey import RekeyScreen
    from abc_tui.ui.screens.plan_board import PlanBoardScreen
    from abc_tui.ui.screens.reports import ReportsScreen
    from abc_tui.ui.screens.reports_indicators import IndicatorsScreen
    from abc_tui.ui.screens.sent import SentScreen
    from abc_tui.ui.screens.setup import SetupScreen
    from abc_tui.ui.screens.users import UsersScreen

    return {
        "main": lambda: None,  # type: ignore[dict-item,return-value]
        "ledger": LedgerScreen,
        "ledger_page": lambda: LedgerScreen(_household(), UNTIL),
        "ledger_grid": lambda: CompletenessScreen("54010101", UNTIL),
        "rekey": lambda: RekeyScreen("54010101", UNTIL),
        "households": HouseholdsScreen,
        "members": lambda: MembersScreen(_household()),
        "household_import": HouseholdImportScreen,
        "forums": ForumsScreen,
        "forum_form": ForumFormScreen,
        "forum_detail": lambda: ForumScreen(_first_forum()),
        "attendance": lambda: AttendanceScreen(_first_forum()),
        "plan_board": PlanBoardScreen,
        "data_card": DataCardScreen,
        "reports": ReportsScreen,
        "indicators": lambda: IndicatorsScreen(bimonth(2567, 1), "540101"),
        "sent": SentScreen,
        "setup": SetupScreen,
        "audit": AuditScreen,
        "users": UsersScreen,
        "backup": BackupScreen,
    }


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo(path, villages=2, households=10, months=3, until=UNTIL, seed=8)
    close_database()
    return path


@pytest.fixture
def demo_office(demo_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    open_database(path)
    yield path
    close_database()


def screen_text(app) -> str:
    app.clear_notifications()
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


THAI = re.compile(r"[\u0e00-\u0e7f]+")
LATIN = re.compile(r"[A-Za-z]{3,}")


def left_over(shown: str, fresh: str, pattern: re.Pattern) -> set[str]:
    """Words of ``pattern`` on ``shown`` that the freshly opened screen does not show.

    A word cut at a column's edge is data cut at another width: a word that starts one the fresh
    screen shows (or the other way round) is the same data."""
    seen = set(pattern.findall(fresh))
    return {
        w
        for w in set(pattern.findall(shown)) - seen
        if not any(len(w) >= 3 and len(f) >= 3 and (f.startswith(w) or w.startswith(f)) for f in seen)
    }


class Cover(Screen[None]):
    """Another screen opened on top (as the ledger opens the grid, a forum its attendance)."""

    def compose(self):
        yield Static("cover")


async def open_screen(app, pilot, name: str) -> Screen:
    factory = screens()[name]
    made = factory()
    if made is not None:
        await app.push_screen(made)
    await settle(pilot)
    await pilot.pause()
    return app.screen


async def fresh(name: str, lang: str) -> str:
    app = create_app(lang=lang, user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_screen(app, pilot, name)
        await pilot.pause()
        return screen_text(app)


async def press_f12(app, pilot) -> None:
    await pilot.press("f12")
    await settle(pilot)
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("name", list(screens()))
async def test_f12_relabels_screens_beneath(demo_office, name):
    english = await fresh(name, "en")
    thai = await fresh(name, "th")
    app = create_app(lang="th", user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = await open_screen(app, pilot, name)
        await app.push_screen(Cover())
        await pilot.pause()
        await press_f12(app, pilot)  # Thai -> English while the screen is beneath another
        app.pop_screen()
        await settle(pilot)
        await pilot.pause()
        assert app.screen is target
        shown = screen_text(app)
        left = left_over(shown, english, THAI)
        assert not left, f"{name}: Thai left after F12 beneath: {sorted(left)}\n{shown}"
        if name == "main":
            assert "[demo data]" in shown, shown  # the demo badge, in English
        await press_f12(app, pilot)  # English -> Thai on top
        shown = screen_text(app)
        left = left_over(shown, thai, LATIN)
        assert not left, f"{name}: English left after F12 back: {sorted(left)}\n{shown}"


# ------------------------------------------------------------------ the command palette


def palette_text(app) -> str:
    from textual.command import CommandInput, CommandList

    palette = app.screen
    shown = [str(palette.query_one(CommandInput).placeholder)]
    options = palette.query_one(CommandList)
    for i in range(options.option_count):
        option = options.get_option_at_index(i)
        hit = getattr(option, "hit", None)  # the command's name, not its help line
        prompt = hit.prompt if hit is not None else option.prompt
        shown.append(getattr(prompt, "plain", None) or str(prompt))
    return "\n".join(shown)


async def test_palette_speaks_thai_and_finds_by_either_language(demo_office):
    from textual.command import CommandList, CommandPalette

    from abc_tui.ui.screens.plan_board import PlanBoardScreen
    from tests.ui.keys import type_text

    app = create_app(lang="th", user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert "พิมพ์ค้นหาคำสั่ง" in palette_text(app)
        for built_in in ("Theme", "Quit", "Keys", "Screenshot"):
            await type_text(pilot, built_in.lower())
            await pilot.pause(0.3)
            shown = palette_text(app)
            assert built_in not in shown.split("\n")[1:], (
                f"{built_in} shown in English in Thai mode:\n{shown}"
            )
            for _ in built_in:
                await pilot.press("backspace")
        await type_text(pilot, "qqzzxxqq")  # nothing matches
        for _ in range(50):  # the palette says so after its own countdown (and the search's worker)
            await pilot.pause(0.1)
            if "ไม่พบคำสั่ง" in palette_text(app):
                break
        assert "ไม่พบคำสั่ง" in palette_text(app), palette_text(app)
        assert "No matches" not in palette_text(app)
        for _ in "qqzzxxqq":
            await pilot.press("backspace")
        await type_text(pilot, "plan board")  # an English word in Thai mode: found, shown in Thai
        await pilot.pause(0.3)
        assert "แผนชุมชน" in palette_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, PlanBoardScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "ตัวชี้วัด")  # a Thai word
        await pilot.pause(0.3)
        assert app.screen.query_one(CommandList).option_count >= 1
        assert "ตัวชี้วัดความสำเร็จ" in palette_text(app)


def test_every_palette_action_exists():
    from abc_tui.ui.app import MENU, PALETTE, screen_class
    from abc_tui.ui.strings import has

    for item in PALETTE:
        assert has(item.label), item.label
        cls = screen_class(next(e.target for e in MENU if e.id == item.entry))
        if item.action:
            name = item.action.partition("(")[0]
            assert hasattr(cls, f"action_{name}"), f"{cls.__name__} has no action {name}"
    wanted = {
        "plan",
        "card",
        "attendance",
        "indicators",
        "export",
        "statements",
        "sent",
        "import_packages",
        "import_list",
        "submit_period",
        "grid",
        "rekey",
    }
    assert wanted <= {p.action.partition("(")[0] for p in PALETTE}
    assert {e.id for e in MENU} <= {p.entry for p in PALETTE if not p.action}


async def test_select_menu_key_in_thai(demo_office):
    from textual.widgets import Select

    from abc_tui.ui.screens.households import HouseholdsScreen

    app = create_app(lang="th", user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(HouseholdsScreen())
        await settle(pilot)
        app.screen.query_one(Select).focus()
        await pilot.press("enter")  # the list opens: its Esc key is in the footer
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "Dismiss menu" not in shown
        assert "ปิดรายการ" in shown


# ------------------------------------------------------------------ 80×24 fit


def fit_problems(app) -> list[str]:
    """What does not fit the 80×24 terminal on the current screen, in words.

    * a text (``Static``/``Label``) wider than its box on a line it cannot wrap, or taller than its box
      (a cut line), or drawn partly outside the terminal;
    * a column head of a table wider than its column;
    * a footer key beyond the right edge.
    """
    from rich.cells import cell_len
    from textual.widgets import DataTable, Footer
    from textual.widgets._footer import FooterKey

    screen = app.screen
    width, height = app.size
    problems: list[str] = []
    visible = screen._compositor.visible_widgets
    for widget, (region, clip) in visible.items():
        name = f"{type(widget).__name__}#{widget.id or ''}"
        if isinstance(widget, FooterKey):
            if region.right > width:
                problems.append(f"footer key {widget.description!r} beyond column {width}")
            continue
        if isinstance(widget, Footer):
            continue
        if isinstance(widget, Static) and widget.display and region.width > 0:
            content = widget.content_region
            visual = widget.visual
            text = visual.plain if hasattr(visual, "plain") else ""  # a Rich table: only its height
            lines = text.split("\n")
            width_rule = widget.styles.width
            wraps = widget.styles.text_wrap != "nowrap" and (width_rule is None or not width_rule.is_auto)
            longest = max((cell_len(line) for line in lines), default=0)
            if longest > content.width and not wraps:
                problems.append(
                    f"{name}: a line of {longest} cells in {content.width}: {max(lines, key=cell_len)!r}"
                )
            needed = (
                widget.get_content_height(content.size, content.size, content.width) if content.width else 0
            )
            if needed > content.height:
                problems.append(f"{name}: {needed} lines in a box of {content.height}: {text[:60]!r}")
            scrolled = any(
                getattr(a, "allow_vertical_scroll", False) for a in widget.ancestors
            )  # scrolls into view
            if not scrolled and (
                region.intersection(clip) != region or region.bottom > height or region.right > width
            ):
                problems.append(f"{name}: drawn partly outside the terminal ({region})")
        if isinstance(widget, DataTable):
            for column in widget.columns.values():
                head = cell_len(column.label.plain)
                if head > column.get_render_width(widget) - 2 * widget.cell_padding:
                    problems.append(f"{name}: column head {column.label.plain!r} cut")
    return problems


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("name", list(screens()))
async def test_screen_and_its_help_fit_80x24(demo_office, name, lang):
    app = create_app(lang=lang, user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_screen(app, pilot, name)
        app.clear_notifications()
        await pilot.pause()
        problems = fit_problems(app)
        assert not problems, (
            f"{name} ({lang}) does not fit 80×24:\n" + "\n".join(problems) + "\n" + screen_text(app)
        )
        under = app.screen
        await pilot.press("f1")  # F1: what the screen is for, then its keys
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert has(f"help.about.{type(under).__name__}"), f"no F1 explanation for {type(under).__name__}"
        problems = fit_problems(app)
        assert not problems, (
            f"F1 on {name} ({lang}) does not fit 80×24:\n" + "\n".join(problems) + "\n" + screen_text(app)
        )


# ------------------------------------------------------------------ months in English


THAI_MONTHS = re.compile(
    "|".join(
        re.escape(m)
        for m in (
            "ม.ค.",
            "ก.พ.",
            "มี.ค.",
            "เม.ย.",
            "พ.ค.",
            "มิ.ย.",
            "ก.ค.",
            "ส.ค.",
            "ก.ย.",
            "ต.ค.",
            "พ.ย.",
            "ธ.ค.",
        )
    )
)


def test_english_messages_name_months_as_the_screens_do():
    from abc_tui.domain.errors import AbcError
    from abc_tui.reports.period import Period

    with pytest.raises(AbcError) as err:
        Period(Month(2024, 3), Month(2024, 1))
    assert "03/2567" in err.value.message("en") and not THAI_MONTHS.search(err.value.message("en"))
    assert "มี.ค. 2567" in err.value.message("th")
    assert Period(Month(2024, 1), Month(2024, 2)).label("en") == "01/2567 – 02/2567"
    assert Month(2024, 3).label("en") == "03/2567" and Month(2024, 3).label("th") == "มี.ค. 2567"


async def test_english_screens_and_questions_carry_no_thai_month(demo_office):
    from abc_tui.ui.app import ConfirmScreen
    from abc_tui.ui.screens.ledger_grid import CompletenessScreen
    from abc_tui.ui.screens.reports import ReportsScreen

    app = create_app(lang="en", user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(CompletenessScreen("54010101", UNTIL))
        await settle(pilot)
        shown = screen_text(app)
        assert "03/2567" in shown and not THAI_MONTHS.search(shown), shown
        app.pop_screen()
        await app.push_screen(ReportsScreen())
        await settle(pilot)
        await pilot.press("ctrl+s")  # "submit the period …?"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert not THAI_MONTHS.search(app.screen.question), app.screen.question
        assert re.search(r"\d\d/25\d\d", app.screen.question), app.screen.question


def test_textual_internals_the_relabelling_uses_are_there():
    """F12 and the palette lean on a few private Textual names (textual~=8.2): an upgrade that
    moves one fails here, not on a clerk's screen."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import DataTable, Select

    assert callable(Select._watch_value) and callable(Select._setup_variables_for_options)  # sets ._options
    assert callable(DataTable._clear_caches)
    assert "_require_update_dimensions" in DataTable.__init__.__code__.co_names
    for name in (
        "_start_no_matches_countdown",
        "_stop_no_matches_countdown",
        "_NO_MATCHES",
        "_NO_MATCHES_COUNTDOWN",
    ):
        assert hasattr(CommandPalette, name), name
    assert CommandList is not None


async def test_help_shows_each_key_once_not_its_thai_layout_twin(office):
    """F1 listed "2,slash" and "6,thai_character_sara_u": a binding's key list, not its key."""
    from textual.widgets import Static

    app = create_app(lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "thai_character" not in text and "slash" not in text and "," not in text.split("\n")[1][:4]
