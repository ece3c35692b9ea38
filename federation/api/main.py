"""The ASGI entry point for uvicorn: ``uvicorn federation.api.main:app``."""

from __future__ import annotations

from fastapi import FastAPI

from federation.api.app import create_app

# Built when uvicorn imports this module, which is the moment a server starts.
app: FastAPI = create_app()
