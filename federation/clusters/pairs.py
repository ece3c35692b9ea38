"""Name pairs: actors whose folded names are close, kept whatever their identifiers say (what
identifiers join or part is read with the clusters, when suggestions are listed).

Names are compared only within blocks (``keys.blocks_of``: shared distinctive words), never all
against all, and a block holding more than ``BLOCK_LIMIT`` actors is skipped: its words are too
common to point at anyone. So writing n names costs about n x (actors per block) comparisons,
and a harvest that changes no name costs none."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from federation.clusters import repository
from federation.clusters.keys import SUGGEST_SCORE, Prepared, name_score

BLOCK_LIMIT = 50


def find(session: Session, actors: Sequence[Prepared]) -> None:
    """Store the name pairs of ``actors`` (new names, already written) with every actor of
    their blocks."""
    blocks = {block for actor in actors for block in actor.blocks}
    sizes = repository.block_sizes(session, blocks)
    usable = sorted(block for block in blocks if sizes.get(block, 0) <= BLOCK_LIMIT)
    by_block: dict[str, list[tuple[str, str]]] = {}
    for block, iri, name in repository.block_members(session, usable):
        by_block.setdefault(block, []).append((iri, name))
    found: dict[tuple[str, str], float] = {}
    for actor in actors:
        candidates = dict(other for block in actor.blocks for other in by_block.get(block, ()))
        candidates.pop(actor.iri, None)
        for iri, name in candidates.items():
            # A C call that gives up under the cutoff: most candidates end here.
            score = name_score(actor.match_name, name, SUGGEST_SCORE)
            if score:
                pair = (actor.iri, iri) if actor.iri < iri else (iri, actor.iri)
                found[pair] = round(score, 1)
    repository.insert_pairs(session, found)
