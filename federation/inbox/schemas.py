"""What the inbox answers."""

from __future__ import annotations

from pydantic import BaseModel


class InboxReceipt(BaseModel):
    """``scheduled`` is false when a harvest of this peer was already scheduled moments ago."""

    scheduled: bool
