"""Packages written by older versions of abc-tui (tests/data/packages, made by those versions'
own code) are upgraded on import: read in their layout (no tombstones, members without
updated_at), mapped to today's, merged like any package; older than packages, or newer than this
program: refused, saying which version and what to do."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from peewee import fn

from abc_tui.domain.errors import AbcError
from abc_tui.reports import summary
from abc_tui.store import package
from abc_tui.store.database import close_database, open_database
from abc_tui.store.migrations import LATEST_VERSION
from abc_tui.store.models import LedgerLine, Member

DATA = Path(__file__).resolve().parent.parent / "data" / "packages"
OLD = {8: DATA / "540101-schema8.zip", 10: DATA / "540101-schema10.zip"}


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def _table(path: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        return [json.loads(x) for x in zf.read(f"tables/{name}.jsonl").splitlines()]


def _counts() -> dict[str, int]:
    return {name: spec.model.select().count() for name, spec in package.SPECS.items()}


@pytest.mark.parametrize("version", sorted(OLD))
def test_an_older_package_is_upgraded_and_merged_whole(version, db_path, tmp_path):
    path = OLD[version]
    manifest = _manifest(path)
    assert manifest["schema_version"] == version < LATEST_VERSION and "tombstone" not in manifest["tables"]
    assert "updated_at" not in _table(path, "member")[0]  # the older layout, as that program wrote it
    total = package.check_package(path, LATEST_VERSION)
    assert total == sum(t["rows"] for t in manifest["tables"].values())
    r = package.import_package(path, LATEST_VERSION)
    assert not any(t.rejected for t in r.tables.values())
    counts = _counts()
    for name, entry in manifest["tables"].items():
        assert counts[name] == (0 if name == "user" else entry["rows"]), name  # users never merge
    assert {m.updated_at for m in Member.select()} == {""}  # older than any edit
    lines = _table(path, "ledger_line")
    assert LedgerLine.select(fn.SUM(LedgerLine.amount_satang)).scalar() == sum(
        x["amount_satang"] for x in lines
    )
    assert summary.verify() == []
    assert package.import_package(path, LATEST_VERSION).changed == 0  # idempotent
    # the district's own package is today's format and carries the same rows on upward
    again = tmp_path / "district.zip"
    package.write_package(again, "5401", LATEST_VERSION)
    assert _manifest(again)["schema_version"] == LATEST_VERSION
    close_database()
    open_database(tmp_path / "province.sqlite3")
    try:
        package.import_package(again, LATEST_VERSION)
        assert _counts() == counts
        assert summary.verify() == []
    finally:
        close_database()
        open_database(db_path, create=False)


def test_the_two_older_versions_hold_the_same_office(db_path):
    """Both fixtures are the same seeded demo: the second import adds nothing new but newer rows."""
    package.import_package(OLD[8], LATEST_VERSION)
    before = _counts()
    r = package.import_package(OLD[10], LATEST_VERSION)
    assert _counts() == before and not any(t.added for t in r.tables.values())


def _rewrite(src: Path, dest: Path, change) -> Path:
    with zipfile.ZipFile(src) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(entries["manifest.json"])
    change(manifest, entries)
    entries["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dest, "w") as zf:
        for n, d in entries.items():
            zf.writestr(n, d)
    return dest


def test_a_package_older_than_packages_is_refused_saying_what_to_do(db_path, tmp_path):
    bad = _rewrite(OLD[8], tmp_path / "seven.zip", lambda m, e: m.update(schema_version=7))
    with pytest.raises(AbcError) as err:
        package.import_package(bad, LATEST_VERSION)
    assert (
        "schema 7" in err.value.en and f"reads {package.OLDEST_VERSION} to {LATEST_VERSION}" in err.value.en
    )
    assert "export the package again" in err.value.en
    assert "รุ่น 7" in err.value.th and "ส่งออกแพ็กเกจใหม่" in err.value.th
    assert sum(_counts().values()) == _counts()["category"]


def test_a_newer_package_is_refused(db_path, tmp_path):
    bad = _rewrite(OLD[10], tmp_path / "new.zip", lambda m, e: m.update(schema_version=LATEST_VERSION + 1))
    with pytest.raises(AbcError) as err:
        package.import_package(bad, LATEST_VERSION)
    assert "update abc-tui first" in err.value.en and str(LATEST_VERSION + 1) in err.value.th


def test_an_older_label_on_todays_layout_is_refused_not_guessed(db_path, tmp_path):
    """Rows that do not have the layout their version says (a member with updated_at in a schema 10
    package) are refused, naming the version."""

    def change(m, e):
        rows = _table(OLD[10], "member")
        rows[0]["updated_at"] = "2025-01-01T00:00:00+00:00"
        data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)
        e["tables/member.jsonl"] = data
        m["tables"]["member"].update(sha256=hashlib.sha256(data).hexdigest())

    bad = _rewrite(OLD[10], tmp_path / "mixed.zip", change)
    with pytest.raises(AbcError) as err:
        package.import_package(bad, LATEST_VERSION)
    assert "member row 1" in err.value.en and "schema 10" in err.value.en
