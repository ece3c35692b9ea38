"""scripts/build_concepts.py: reproducible, and the committed schemes are its untouched output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from schemas.concepts import CONCEPTS_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "build_concepts.py"
IATI_DIR = REPO_ROOT.parent / "shared" / "data" / "iati" / "codelists"

GENERATED = [
    "activity-status",
    "budget-status",
    "country",
    "currency",
    "organisation-role",
    "organisation-type",
    "sdg",
    "sector",
    "sector-category",
]

pytestmark = pytest.mark.skipif(
    not IATI_DIR.is_dir(), reason=f"the IATI code lists are not at {IATI_DIR}"
)


def run_generator(out: Path, hash_seed: str) -> None:
    # A fresh interpreter per run, with its own hash seed: set or dict order that leaked into the
    # output would show up as a difference.
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, str(SCRIPT), "--iati", str(IATI_DIR), "--out", str(out)],
        check=True,
        capture_output=True,
        env=env,
        cwd=REPO_ROOT,
    )


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    run_generator(first, hash_seed="1")
    run_generator(second, hash_seed="2")
    return first, second


def test_generator_writes_every_generated_scheme(two_runs: tuple[Path, Path]) -> None:
    first, _ = two_runs
    assert sorted(path.stem for path in first.glob("*.ttl")) == GENERATED


@pytest.mark.parametrize("name", GENERATED)
def test_generator_is_deterministic(two_runs: tuple[Path, Path], name: str) -> None:
    first, second = two_runs
    assert (first / f"{name}.ttl").read_bytes() == (second / f"{name}.ttl").read_bytes()


@pytest.mark.parametrize("name", GENERATED)
def test_committed_file_is_a_fresh_run(two_runs: tuple[Path, Path], name: str) -> None:
    fresh = (two_runs[0] / f"{name}.ttl").read_bytes()
    committed = (CONCEPTS_DIR / f"{name}.ttl").read_bytes()
    if fresh == committed:
        return
    # Say whether the meaning changed or only the layout (another rdflib), and what changed.
    fresh_graph = Graph().parse(data=fresh, format="turtle")
    committed_graph = Graph().parse(data=committed, format="turtle")
    if isomorphic(fresh_graph, committed_graph):
        pytest.fail(f"{name}.ttl: same triples, other bytes; run scripts/build_concepts.py")
    _, only_committed, only_fresh = graph_diff(
        to_isomorphic(committed_graph), to_isomorphic(fresh_graph)
    )
    pytest.fail(
        f"{name}.ttl differs from a fresh run of scripts/build_concepts.py "
        "(edited by hand, or new inputs: run the script and review the diff).\n"
        f"only in the committed file:\n{only_committed.serialize(format='nt')}\n"
        f"only in a fresh run:\n{only_fresh.serialize(format='nt')}"
    )
