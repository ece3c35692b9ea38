"""HTTP routes (placeholder: filled in by this package's work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
