"""Load a generated directory into a node, through the same rules as the spreadsheet import."""

from __future__ import annotations

from sqlmodel import Session

from federation.common.bulk_memory import collector_paused
from federation.imports.planners import Loaded
from federation.imports.service import ImportReport, load_actions, load_actors, load_groups
from federation.sample.generator import generate_directory


def seed(
    session: Session, *, actions: int, seed: int = 0, region: str, base_url: str
) -> ImportReport:
    """Generate ``actions`` actions (and their actors and groups) and load them; flushes only."""
    directory = generate_directory(actions=actions, seed=seed, region=region)
    report = ImportReport()
    actors = [Loaded(line, actor) for line, actor in enumerate(directory.actors, start=1)]
    ids = dict(enumerate(directory.actor_ids, start=1))
    with collector_paused():
        load_actors(session, actors, report, ids=ids, base_url=base_url)
        actions_in = [Loaded(i, a) for i, a in enumerate(directory.actions, start=1)]
        load_actions(session, actions_in, report, base_url=base_url)
        groups_in = [Loaded(i, g) for i, g in enumerate(directory.groups, start=1)]
        load_groups(session, groups_in, report, base_url=base_url)
    return report
