"""What the footer shows at 80×24 is what a clerk needs on that screen, in Thai and in English.

A screen with more keys than 80 columns hold loses its last ones (they stay in the F1 help), so each
screen lists its important keys first. These are the keys that must stay visible.
"""

from __future__ import annotations

import pytest

from abc_tui.ui.app import create_app
from tests.ui.test_i18n import SIZE, demo_file, demo_office, open_screen  # noqa: F401

#: Screen -> the keys its footer must show at 80 columns (besides Esc, F1 and F12).
NEEDED: dict[str, set[str]] = {
    "reports": {"f9", "f10", "ctrl+d", "f6"},  # the three exports side by side, then indicators
    "households": {"f2", "f3", "f5", "f6"},  # new, members, search, village
    "attendance": {"f10", "f3", "f5", "f6"},  # save the counts first
    "plan_board": {"f2", "f3", "f5"},
    "data_card": {"f5", "f6", "ctrl+o"},  # printing the card for the forum
    "indicators": {"f4", "f5", "f2"},
    "forum_detail": {"f2", "f3", "f4"},
    "setup": {"f10", "f2"},
    "forums": {"f2", "f4", "f9", "f10"},
    "audit": {"f5", "f6"},
    "users": {"f2", "f3", "f4", "f5"},
}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("name", list(NEEDED))
async def test_footer_shows_the_keys_a_clerk_needs_at_80_columns(demo_office, name, lang):
    app = create_app(lang=lang, user="i18n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_screen(app, pilot, name)
        await pilot.pause()
        keys = app.screen.query("FooterKey")
        shown = {k.key for k in keys}
        missing = (NEEDED[name] | {"escape", "f1", "f12"}) - shown
        assert not missing, f"{name} ({lang}): {sorted(missing)} not in the footer: {sorted(shown)}"
        assert all(k.region.right <= SIZE[0] for k in keys)
        actions = {k.action for k in keys}  # a step back is shown with its step on
        lone = [a for a in actions if a.endswith("(-1)") and a[:-4] + "(1)" not in actions]
        assert not lone, f"{name} ({lang}): {lone} without its other half"
