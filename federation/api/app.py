"""The node's web application: built by a factory, so tests and the CLI build their own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlmodel import Session

from federation import __version__
from federation.actions.routes import router as actions_router
from federation.actors.routes import router as actors_router
from federation.api.deps import refuse_nul_in_url
from federation.api.errors import install_error_handlers
from federation.api.limits import BodySizeLimit
from federation.auth.routes import router as tokens_router
from federation.clusters.routes import router as clusters_router
from federation.db.engine import make_engine
from federation.exports.routes import router as exports_router
from federation.feed.routes import router as feed_router
from federation.groups.routes import router as groups_router
from federation.inbox.routes import router as inbox_router
from federation.network.routes import router as network_router
from federation.peers.routes import router as peers_router
from federation.publication.node_routes import router as node_router
from federation.publication.routes import router as records_router
from federation.reports.routes import router as reports_router
from federation.search.routes import router as search_router
from federation.settings import Settings, get_settings
from federation.similar.routes import router as similar_router
from federation.sparql.routes import router as sparql_router
from federation.sparql.service import SparqlService
from federation.web.render import STATIC

DESCRIPTION = """Annuaire d'un réseau régional multi-acteurs (RRMA) de coopération internationale.
Directory of a regional network for international cooperation and solidarity.

Reads are public. Writes need `Authorization: Bearer <token>` (`federation token create`).
Every error has the same JSON shape: `{"error": {"code", "message", "message_en", "fields"}}`.
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.sparql.close()  # its query processes end with the app


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the node's app for these settings (read from the environment when not given)."""
    settings = settings or get_settings()
    app = FastAPI(
        title=f"{settings.network_name} — RRMA federation node",
        version=__version__,
        description=DESCRIPTION,
        dependencies=[Depends(refuse_nul_in_url)],
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url)
    # Its query processes start with the first query, not here.
    app.state.sparql = SparqlService(settings, lambda: Session(app.state.engine))
    install_error_handlers(app)
    for router in (
        network_router,
        actors_router,
        actions_router,
        groups_router,
        tokens_router,
        peers_router,
        node_router,
        feed_router,
        records_router,
        inbox_router,
        sparql_router,
        search_router,
        similar_router,
        clusters_router,
        reports_router,
        exports_router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app
