"""Labels of the codes of a stored report, read from the report itself (its ``labels`` and
``sources``), so that a report shown again years later reads as it did."""

from __future__ import annotations

from typing import Any

from federation.reports.layout import DIMENSIONS

NOT_GIVEN = ("non précisé", "not given")


class Labeller:
    """``label(column, code)``: the French (or English) label of a code of a table column."""

    def __init__(self, report: dict[str, Any]) -> None:
        """Network labels are "name (region)": the region a national reader looks for."""
        self._labels: dict[str, dict[str, dict[str, str]]] = report.get("labels") or {}
        self._sources = {}
        for source in report.get("sources") or ():
            name = source.get("name") or source["source"]
            if source.get("region"):
                name = f"{name} ({source['region']})"
            self._sources[source["source"]] = {"fr": name, "en": name}

    def label(self, column: str, code: Any, lang: str = "fr") -> str:
        if code is None:
            return NOT_GIVEN[0] if lang == "fr" else NOT_GIVEN[1]
        kind = DIMENSIONS.get(column)
        if kind is None:
            return str(code)
        table = self._sources if kind == "source" else self._labels.get(kind, {})
        found = table.get(str(code))
        return found[lang] if found else str(code)

    def labelled(self, column: str) -> bool:
        """Whether a column's codes have labels (years and currencies are their own label)."""
        return DIMENSIONS.get(column) is not None
