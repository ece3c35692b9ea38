"""The README's lists of column keys are the tables' columns, in order."""

from __future__ import annotations

import re
from pathlib import Path

from federation.exports.tables import TABLES

README = Path(__file__).resolve().parents[2] / "federation" / "exports" / "README.md"
NAMES = {"actor": "actors", "action": "actions", "group": "groups"}


def test_readme_lists_every_column_in_order() -> None:
    text = README.read_text(encoding="utf-8")
    for kind, columns in TABLES.items():
        found = re.search(rf"^- {NAMES[kind]}: (.+?)(?=^- |^$)", text, re.MULTILINE | re.DOTALL)
        assert found, f"no list for {kind}"
        keys = re.findall(r"`([a-z_]+)`", found.group(1))
        assert keys == [column.key for column in columns]
