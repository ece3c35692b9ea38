"""Every table of the node, imported in one place so that migrations see them all."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from federation.actions.models import Action, ActionCode, Funding, Participation
from federation.actors.models import Actor, ActorCode
from federation.auth.models import ApiToken
from federation.clusters import models as clusters_models  # its tables register on import
from federation.common.models import Tombstone
from federation.feed.models import FeedEvent, FeedHorizon
from federation.groups.models import GroupMembership, WorkingGroup
from federation.harvest.models import HarvestRun, QuarantinedMember
from federation.index.models import IndexRecord, IndexState
from federation.network.models import Network
from federation.peers.models import Peer
from federation.publication.models import RecordRdf
from federation.reports import models as reports_models  # its tables register on import
from federation.search.models import FULL_TEXT_TABLES, SearchDoc, SearchFacet, SearchGeneration

TABLES = (
    Action,
    ActionCode,
    Actor,
    ActorCode,
    ApiToken,
    FeedEvent,
    FeedHorizon,
    Funding,
    GroupMembership,
    HarvestRun,
    IndexRecord,
    IndexState,
    Network,
    Participation,
    Peer,
    QuarantinedMember,
    RecordRdf,
    SearchDoc,
    SearchFacet,
    SearchGeneration,
    Tombstone,
    WorkingGroup,
)

MODULES = (clusters_models, reports_models)

metadata: MetaData = SQLModel.metadata


def in_models(name: str | None, type_: str, parent_names: object = None) -> bool:
    """Whether a database object is one the models describe (Alembic's ``include_name``): the
    full-text tables (and FTS5's shadow tables) are made by the migration for one database."""
    if type_ == "table" and name is not None:
        return not name.startswith(FULL_TEXT_TABLES)
    return True
