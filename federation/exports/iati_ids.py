"""What an IATI activity needs that the index does not state as such: the reporting
organisation, organisation and activity identifiers, dates, a status. Each rule is written here
once and documented in federation/exports/README.md ("IATI").

- Reporting organisation: the action's lead, i.e. its first participant with the role
  "Accountable" (2) that is a directory actor, else its first participant that is one; without
  any, the source network itself. The identifier is then in the lead's namespace, so an action
  keeps the same IATI identifier whichever node of the federation exports it.
- Organisation identifier of a directory actor: ``FR-RCS-<SIREN>`` (org-id.guide's prefix for
  the Sirene register; the SIREN, else the first nine digits of the SIRET). An actor without one
  gets ``XX-RRMA-<source node id>-<local id of its record>``: "XX" says that no registration
  agency issued it (there is no org-id prefix for the RNA), "RRMA" that the federation minted it.
  A source network as reporting organisation is ``XX-RRMA-<node id>``.
- Activity identifier: ``<reporting organisation identifier>-<local id of the action's record>``
  (the last segment of its IRI, a UUID), as the IATI rules want it to start with the reporting
  organisation's identifier.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from federation.exports.context import ActorBrief, ExportContext, organisation_type_of_actor_type
from federation.exports.rows import IndexRow

FALLBACK_PREFIX = "XX-RRMA"
OTHER_ORGANISATION_TYPE = "90"
ROLES = frozenset({"1", "2", "3", "4"})
STATUSES = frozenset({"1", "2", "3", "4", "5", "6"})
ACCOUNTABLE = "2"
_LOCAL_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def local_id(iri: str) -> str:
    """The last segment of a record IRI (a UUID); a digest of the IRI if it is not plain."""
    last = iri.rstrip("/").rsplit("/", 1)[-1]
    if _LOCAL_ID.match(last):
        return last
    return hashlib.sha256(iri.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=4_096)
def org_ref(actor: ActorBrief) -> str:
    """The IATI organisation identifier of a directory actor."""
    if actor.siren:
        return f"FR-RCS-{actor.siren}"
    return f"{FALLBACK_PREFIX}-{actor.source}-{local_id(actor.iri)}"


def org_type(actor: ActorBrief) -> str | None:
    """The IATI OrganisationType of a directory actor: its actor type's close match."""
    if actor.actor_type is None:
        return None
    return organisation_type_of_actor_type().get(actor.actor_type)


@dataclass(frozen=True, slots=True)
class Organisation:
    ref: str | None
    type: str | None
    name: str | None


def reporting_org(row: IndexRow, ctx: ExportContext) -> Organisation:
    """The action's lead, else its source network (see the module's docstring)."""
    leads = [
        ctx.actor(item.get("actor"))
        for item in row.data.get("participants") or ()
        if isinstance(item, dict) and item.get("role") == ACCOUNTABLE
    ]
    others = [
        ctx.actor(item.get("actor"))
        for item in row.data.get("participants") or ()
        if isinstance(item, dict)
    ]
    for actor in [*leads, *others]:
        if actor is not None:
            return Organisation(
                org_ref(actor), org_type(actor) or OTHER_ORGANISATION_TYPE, actor.name
            )
    return Organisation(
        f"{FALLBACK_PREFIX}-{row.source}", OTHER_ORGANISATION_TYPE, ctx.source_name(row.source)
    )


def activity_identifier(reporter: Organisation, row: IndexRow) -> str:
    return f"{reporter.ref}-{local_id(row.iri)}"


def iso_date(value: Any) -> date | None:
    """A published date ("2024-03-01", perhaps with a time zone) as a date; None if not one."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


DATE_TYPES = (
    ("1", "planned_start"),
    ("2", "actual_start"),
    ("3", "planned_end"),
    ("4", "actual_end"),
)


def activity_dates(data: dict[str, Any]) -> dict[str, date]:
    """The dates the action states, by IATI ActivityDateType (1 to 4, in that order)."""
    found = {}
    for code, key in DATE_TYPES:
        value = iso_date(data.get(key))
        if value is not None:
            found[code] = value
    return found


def funding_years(data: dict[str, Any]) -> list[int]:
    years = []
    for item in data.get("fundings") or ():
        year = item.get("year") if isinstance(item, dict) else None
        if isinstance(year, int) and 1900 <= year <= 2200:
            years.append(year)
    return sorted(years)


def estimated_start(row: IndexRow) -> date:
    """For an action without any date (the schema wants one): 1 January of its first funding's
    year, else the day its record was created at the source (else last changed)."""
    years = funding_years(row.data)
    if years:
        return date(years[0], 1, 1)
    created = iso_date(row.data.get("created"))
    return created if created is not None else row.modified.date()


def status(data: dict[str, Any], dates: dict[str, date]) -> str:
    """The IATI ActivityStatus as published; when missing, derived from the actual dates
    (``activity_dates``): ended 4 (closed), started 2 (implementation), else 1 (pipeline)."""
    published = data.get("status")
    if isinstance(published, str) and published in STATUSES:
        return published
    if "4" in dates:
        return "4"
    return "2" if "2" in dates else "1"


def budget_period(data: dict[str, Any], dates: dict[str, date]) -> tuple[date, date] | None:
    """The period of the action's budget (IATI wants one): its start (actual, else planned) to
    its end (actual, else planned); with only one of them, that year; with neither, the years
    of its fundings; else None (then no budget is written). ``dates``: ``activity_dates``."""
    start = dates.get("2") or dates.get("1")
    end = dates.get("4") or dates.get("3")
    if start is not None and end is not None:
        return (start, max(start, end))
    if start is not None:
        return (start, date(start.year, 12, 31))
    if end is not None:
        return (date(end.year, 1, 1), end)
    years = funding_years(data)
    if years:
        return (date(years[0], 1, 1), date(years[-1], 12, 31))
    return None
