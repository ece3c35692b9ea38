"""Every table of the node, imported in one place so that migrations see them all."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from federation.actions.models import Action, ActionCode, Funding, Participation
from federation.actors.models import Actor, ActorCode
from federation.auth.models import ApiToken
from federation.common.models import Tombstone
from federation.feed.models import FeedEvent, FeedHorizon
from federation.groups.models import GroupMembership, WorkingGroup
from federation.harvest.models import HarvestRun, QuarantinedMember
from federation.index.models import IndexRecord, IndexState
from federation.network.models import Network
from federation.peers.models import Peer
from federation.publication.models import RecordRdf

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
    Tombstone,
    WorkingGroup,
)

metadata: MetaData = SQLModel.metadata
