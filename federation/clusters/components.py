"""Connected components of the actor graph, recomputed only where something changed.

Two actors are linked when they hold the same match key or an admin confirmed them as the
same; a cluster is a connected component, named by its smallest IRI (deterministic, and no
counter to share between transactions). ``recluster`` walks out from the actors given (breadth
first, one query per kind of edge and level), so its cost follows the size of the components
touched, not of the index."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from federation.clusters import repository


class UnionFind:
    """Disjoint sets of IRIs (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def add(self, item: str) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: str) -> str:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.size[root_a] += self.size[root_b]

    def groups(self) -> list[list[str]]:
        by_root: dict[str, list[str]] = {}
        for item in self.parent:
            by_root.setdefault(self.find(item), []).append(item)
        return list(by_root.values())


def components(session: Session, seeds: Iterable[str]) -> tuple[list[list[str]], dict[str, str]]:
    """The components (sorted IRIs) of the actors ``seeds`` that are in the index, and the
    cluster each of their actors is in now."""
    sets = UnionFind()
    known = repository.states(session, seeds)  # IRI -> (cluster, keys)
    frontier = sorted(known)
    visited = set(frontier)
    for iri in frontier:
        sets.add(iri)
    seen_keys: set[str] = set()
    confirmed = repository.confirmed_pairs(session)
    while frontier:
        frontier_set = set(frontier)
        reached: set[str] = set()
        keys = {key for iri in frontier for key in known[iri][1].split()} - seen_keys
        seen_keys |= keys
        first: dict[str, str] = {}  # key -> its first holder
        for key, iri, cluster, held in repository.holders(session, keys):
            known[iri] = (cluster, held)
            reached.add(iri)
            sets.add(iri)
            sets.union(first.setdefault(key, iri), iri)
        pairs = [(a, b) for a, b in confirmed if a in frontier_set or b in frontier_set]
        known.update(repository.states(session, {i for p in pairs for i in p} - known.keys()))
        for a, b in pairs:
            if a in known and b in known:  # a decision outlives rows; edges need both
                reached.update((a, b))
                sets.add(a)
                sets.add(b)
                sets.union(a, b)
        # Only actors reached for the first time lead further.
        frontier = sorted(reached - visited)
        visited |= reached
    return [sorted(group) for group in sets.groups()], {i: s[0] for i, s in known.items()}


def recluster(session: Session, seeds: Iterable[str]) -> None:
    """Recompute the clusters of ``seeds`` (actors whose links may have changed) and of every
    actor they reach, and write the memberships that changed."""
    groups, current = components(session, seeds)
    changes = {iri: group[0] for group in groups for iri in group if current[iri] != group[0]}
    repository.set_clusters(session, changes)
