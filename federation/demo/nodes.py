"""Who takes part in the demo federation: three regional networks and the national node."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DemoNode:
    node_id: str
    network_name: str
    acronym: str
    region: str
    port_offset: int
    seed: int
    regional: bool = True

    def base_url(self, host: str, base_port: int) -> str:
        return f"http://{host}:{base_port + self.port_offset}"

    def environment(self, host: str, base_port: int, data_dir: Path) -> dict[str, str]:
        """The FED_* variables that make one node of the demo (its own SQLite file and its
        own embedded broker under its own data directory)."""
        return {
            "FED_ENVIRONMENT": "development",
            "FED_NODE_ID": self.node_id,
            "FED_NETWORK_NAME": self.network_name,
            "FED_NETWORK_ACRONYM": self.acronym,
            "FED_REGION": self.region,
            "FED_BASE_URL": self.base_url(host, base_port),
            "FED_DATA_DIR": str(data_dir / self.node_id),
            "FED_DATABASE_URL": f"sqlite:///{(data_dir / self.node_id / 'node.db').as_posix()}",
            "FED_REDIS_URL": "",
        }


NATIONAL = DemoNode(
    "cirrma",
    "Conférence interrégionale des réseaux régionaux multi-acteurs",
    "CIRRMA",
    "France",
    0,
    0,
    regional=False,
)
REGIONAL = (
    DemoNode("resacoop", "RESACOOP", "RESACOOP", "Auvergne-Rhône-Alpes", 1, 11),
    DemoNode("centraider", "Centraider", "Centraider", "Centre-Val de Loire", 2, 22),
    DemoNode(
        "bfc-international",
        "Bourgogne-Franche-Comté International",
        "BFCI",
        "Bourgogne-Franche-Comté",
        3,
        33,
    ),
)
NODES = (*REGIONAL, NATIONAL)
