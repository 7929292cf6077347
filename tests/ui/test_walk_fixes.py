"""What a walk over every screen at 80×24 found (issue 10 leftovers), each typed as a clerk would."""

from __future__ import annotations

import pytest

from abc_tui.ui.app import create_app
from abc_tui.ui.widgets.form import FormScreen
from tests.ui.wait import settle

SIZE = (80, 24)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_form_key_hint_is_one_line_at_80_columns(office, lang):
    """It wrapped as "… F10 = บันทึก  Esc =" / "ยกเลิก": the key and its meaning on two lines."""
    app = create_app(lang=lang, user="แก้ว")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f2")  # a new household: the form
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        hint = app.screen.query_one(".form-box > .hint")
        assert hint.content_region.height == 1, str(hint.render())
        assert "Esc" in str(hint.render())
