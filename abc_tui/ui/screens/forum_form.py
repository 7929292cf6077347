"""Modal forms of the forum screens: the forum session, a finding, a plan item.

They are :class:`~abc_tui.ui.widgets.form.FormScreen` forms (Enter moves on,
errors shown in place, nothing typed is lost) with two additions:

* :class:`ForumFormScreen` refills the area choices when the level changes, so
  a village forum can only be placed in a village, a tambon forum in a tambon;
* :class:`PlanFormScreen` turns the "approved above requested" warning into a
  yes/no question, and saves only when the user says yes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from textual import on
from textual.widgets import Select, Static

from abc_tui.domain.errors import AbcError
from abc_tui.domain.forums import (
    ACTOR_LABELS,
    LEVEL_LABELS,
    LEVELS,
    OverApproval,
    clean_text,
    label,
    parse_actor,
    parse_forum_date,
)
from abc_tui.domain.thai import format_date_be, parse_fiscal_year
from abc_tui.store import areas
from abc_tui.store import forums as forum_store
from abc_tui.store import plan as plan_store
from abc_tui.store.models import Finding, Forum, PlanItem
from abc_tui.ui import guard
from abc_tui.ui.app import ConfirmScreen
from abc_tui.ui.strings import get_lang, t
from abc_tui.ui.widgets.form import Field, FormScreen, money_check

# ---------------------------------------------------------------- forum session


def area_options(level: str) -> list[tuple[str, str]]:
    """(label, code) of the areas a forum of ``level`` can be held in, after a "choose" entry."""
    return [(t("forums.f.choose_area"), "")] + [
        (f"{areas.area_label(a)} ({a.code})", a.code) for a in forum_store.areas_for_level(level)
    ]


def forum_fields(f: Forum | None, default_area: str | None = None) -> list[Field]:
    lang = get_lang()
    level = (
        f.level
        if f
        else ("village" if not default_area or len(default_area) == 8 else _level_of(default_area))
    )
    options = area_options(level)
    # A new forum's area is chosen, never assumed (unless the list was filtered to one area
    # or there is only one to choose from).
    area = f.area_code if f else (default_area or "")
    codes = [code for _, code in options]
    if area not in codes:
        area = ""
    if not area and len(codes) == 2:
        area = codes[1]
    return [
        Field(
            "level", "forums.f.level", level, options=[(label(LEVEL_LABELS, lv, lang), lv) for lv in LEVELS]
        ),
        Field("area_code", "forums.f.area", area, options=options),
        Field(
            "date",
            "forums.f.date",
            format_date_be(f.date if f else _dt.date.today()),
            max_length=12,
            check=parse_forum_date,
        ),
        Field("topic", "forums.f.topic", f.topic if f else ""),
        Field(
            "facilitators", "forums.f.facilitators", f.facilitators if f else forum_store.last_facilitators()
        ),
        Field("notes", "forums.f.notes", f.notes if f else ""),
    ]


def _level_of(code: str) -> str:
    return {2: "province", 4: "district", 6: "tambon", 8: "village"}.get(len(code), "village")


class ForumFormScreen(FormScreen[Forum]):
    """New or edit forum; the area list follows the chosen level. Moving a saved forum to an area
    where some attendees do not live (or with plan items) asks first, with the counts."""

    def __init__(self, forum: Forum | None = None, default_area: str | None = None, who: str = "") -> None:
        self.forum_id = forum.id if forum else None

        def submit(values: dict[str, str], confirm: forum_store.AreaChange | None = None) -> Forum:
            form = forum_store.ForumForm(**values)
            if self.forum_id is None:
                return forum_store.create_forum(form, who=who)
            return forum_store.update_forum(self.forum_id, form, who=who, confirm=confirm)

        super().__init__(
            t("forums.edit") if forum else t("forums.new"), forum_fields(forum, default_area), submit
        )

    def action_submit(self, confirm: forum_store.AreaChange | None = None) -> None:
        if not self.checked():
            return
        values = self.values()
        try:
            result = self.submit(values, confirm)
        except forum_store.AreaChangeNeedsConfirmation as ask:
            self._ask(ask.change)
            return
        except AbcError as err:
            self.show_error(err)
            return
        self.dismiss(result)

    def _ask(self, change: forum_store.AreaChange) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.action_submit(change)  # asks again if someone was ticked meanwhile
                return
            self.query_one("#form-error", Static).update(t("forum_move.kept"))
            self.query_one("#f-area_code").focus()

        def question() -> str:  # written again in the other language by F12
            parts = [t("forum_move.attendees", n=change.attendees)] if change.attendees else []
            if change.plan_items:
                parts.append(t("forum_move.plan", n=change.plan_items))
            return " ".join([*parts, t("forum_move.continue")])

        self.app.push_screen(ConfirmScreen(question), answer)

    @on(Select.Changed, "#f-level")
    def _level_changed(self, event: Select.Changed) -> None:
        area = self.query_one("#f-area_code", Select)
        options = area_options(str(event.value))
        current = area.value
        area.set_options(options)
        codes = [code for _, code in options]
        area.value = current if current in codes else (codes[1] if len(codes) == 2 else "")


# ---------------------------------------------------------------- finding


def finding_fields(row: Finding | None, evidence: str = "") -> list[Field]:
    return [
        Field("problem", "forums.finding.problem", row.problem if row else ""),
        Field("cause", "forums.finding.cause", row.cause if row else ""),
        Field("evidence", "forums.finding.evidence", row.evidence if row else evidence),
    ]


# ---------------------------------------------------------------- plan item


def _required_title(text: str) -> None:
    clean_text(text, required=True, field_th="ชื่อโครงการ/ข้อเสนอ", field_en="title")


def plan_fields(form: plan_store.PlanForm) -> list[Field]:
    lang = get_lang()
    actors = [(t("plan.f.choose_actor"), "")] + [(label(ACTOR_LABELS, a, lang), a) for a in ACTOR_LABELS]
    return [
        Field("title", "plan.f.title", form.title, check=_required_title),
        Field("problem", "plan.f.problem", form.problem),
        Field("actor", "plan.f.actor", form.actor, options=actors, check=parse_actor),
        Field("agency", "plan.f.agency", form.agency),
        Field("fiscal_year", "plan.f.fiscal_year", form.fiscal_year, max_length=4, check=parse_fiscal_year),
        Field("budget_requested", "plan.f.requested", form.budget_requested, check=money_check),
        Field("budget_approved", "plan.f.approved", form.budget_approved, check=money_check),
    ]


class PlanFormScreen(FormScreen[PlanItem]):
    """A plan item's form. ``submit(values, confirmed)`` saves; an approved budget above the
    requested one is asked about (Enter = yes, save; Esc = no, back to the form to correct)."""

    def __init__(
        self, title: str, form: plan_store.PlanForm, submit: Callable[[dict[str, str], bool], Any]
    ) -> None:
        super().__init__(title, plan_fields(form), lambda values: submit(values, False))
        self.submit_confirmed = lambda values: submit(values, True)

    def action_submit(self) -> None:
        if not self.checked():
            return
        try:
            result = guard.call(self.submit, self.values())
        except OverApproval as warning:
            self._ask(warning)
            return
        except AbcError as err:
            self.show_error(err)
            return
        self.dismiss(result)

    def _ask(self, warning: OverApproval) -> None:
        values = self.values()

        def answer(yes: bool | None) -> None:
            if not yes:
                self.show_error(warning, "budget_approved")
                return
            try:
                result = guard.call(self.submit_confirmed, values)
            except AbcError as err:
                self.show_error(err)
                return
            self.dismiss(result)

        self.app.push_screen(
            ConfirmScreen(lambda: warning.message(get_lang()) + "\n" + t("plan.confirm_over")), answer
        )
