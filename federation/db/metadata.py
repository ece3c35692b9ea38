"""Every table of the node, imported in one place so that migrations see them all."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from federation.actions.models import Action, ActionCode, Funding, Participation
from federation.actors.models import Actor, ActorCode
from federation.auth.models import ApiToken
from federation.common.models import Tombstone
from federation.groups.models import GroupMembership, WorkingGroup
from federation.network.models import Network
from federation.publication.models import RecordRdf

TABLES = (
    Action,
    ActionCode,
    Actor,
    ActorCode,
    ApiToken,
    Funding,
    GroupMembership,
    Network,
    Participation,
    RecordRdf,
    Tombstone,
    WorkingGroup,
)

metadata: MetaData = SQLModel.metadata
