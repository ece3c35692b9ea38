"""Real nodes on loopback (see tests/live.py)."""

from tests.live import harvester_settings, index_engine, node_template, nodes  # noqa: F401
