"""Unit tests for abc_tui.domain.graphemes (pure, no textual)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from abc_tui.domain.graphemes import (
    grapheme_boundaries,
    grapheme_clusters,
    is_boundary,
    next_boundary,
    next_word_start,
    previous_boundary,
    previous_word_start,
    snap_to_boundary,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [0]),
        ("a", [0, 1]),
        ("abc 12", [0, 1, 2, 3, 4, 5, 6]),
        ("น้ำ", [0, 3]),  # SARA AM is a SpacingMark: one cluster
        ("ค่าไฟ", [0, 2, 3, 4, 5]),  # ค่ | า | ไ | ฟ
        ("เบียร์", [0, 1, 3, 4, 6]),  # เ | บี | ย | ร์
        ("น้ำมัน", [0, 3, 5, 6]),  # น้ำ | มั | น
        ("ค่าน้ำ 120 บาท", [0, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
        ("ไฟ๑๒๓/ok", [0, 1, 2, 3, 4, 5, 6, 7, 8]),
    ],
)
def test_grapheme_boundaries(text: str, expected: list[int]) -> None:
    assert grapheme_boundaries(text) == expected


def test_clusters_round_trip() -> None:
    text = "ค่าน้ำมัน 1,234.50 บาท เบียร์"
    clusters = grapheme_clusters(text)
    assert "".join(clusters) == text
    assert clusters[:4] == ["ค่", "า", "น้ำ", "มั"]


def test_ascii_boundaries_are_every_index() -> None:
    text = "Hello, world! 42 + 7 / 3."
    assert grapheme_boundaries(text) == list(range(len(text) + 1))


def test_is_boundary() -> None:
    assert is_boundary("น้ำ", 0)
    assert not is_boundary("น้ำ", 1)
    assert not is_boundary("น้ำ", 2)
    assert is_boundary("น้ำ", 3)
    assert not is_boundary("น้ำ", 4)
    assert not is_boundary("น้ำ", -1)
    assert is_boundary("", 0)


def test_previous_and_next_boundary() -> None:
    text = "น้ำมัน"  # boundaries 0, 3, 5, 6
    assert [previous_boundary(text, i) for i in range(7)] == [0, 0, 0, 0, 3, 3, 5]
    assert [next_boundary(text, i) for i in range(7)] == [3, 3, 3, 5, 5, 6, 6]
    # Out of range is clamped.
    assert previous_boundary(text, 99) == 5
    assert next_boundary(text, -5) == 3
    assert previous_boundary("", 0) == 0
    assert next_boundary("", 0) == 0


def test_snap_to_boundary() -> None:
    text = "ค่าน้ำ"  # ค่ | า | น้ำ -> 0, 2, 3, 6
    assert [snap_to_boundary(text, i) for i in range(7)] == [0, 0, 2, 3, 3, 3, 6]
    assert [snap_to_boundary(text, i, forward=True) for i in range(7)] == [
        0,
        2,
        2,
        3,
        6,
        6,
        6,
    ]
    assert snap_to_boundary(text, -3) == 0
    assert snap_to_boundary(text, 42) == 6
    assert snap_to_boundary("", 5, forward=True) == 0


def test_word_starts_match_textual_for_ascii() -> None:
    text = "foo bar-baz  qux"
    assert previous_word_start(text, len(text)) == 13
    assert previous_word_start(text, 13) == 8
    assert previous_word_start(text, 4) == 0
    assert next_word_start(text, 0) == 4
    assert next_word_start(text, 4) == 8
    assert next_word_start(text, 13) == len(text)


def test_word_starts_do_not_split_thai_clusters() -> None:
    # With `re`, "้" and "ั" are \W, so Textual would see words starting at
    # "ำ" and at the final "น".  Here only the space separates words.
    text = "น้ำมัน ค่าไฟ"
    assert previous_word_start(text, len(text)) == 7
    assert previous_word_start(text, 7) == 0
    assert next_word_start(text, 0) == 7
    assert next_word_start(text, 7) == len(text)


def test_domain_module_does_not_import_textual() -> None:
    code = (
        "import sys, abc_tui.domain.graphemes; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
