"""Dependencies shared by the routes: the session (the request commits), settings, auth."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session

from federation.auth.models import ApiToken, Role
from federation.auth.service import authenticate
from federation.common.fields import NUL_CODE
from federation.common.listing import Page
from federation.errors import FieldError, ValidationFailed
from federation.settings import Settings

bearer = HTTPBearer(auto_error=False, description="A token from `federation token create`")


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def refuse_nul_in_url(request: Request) -> None:
    """Refuse U+0000 in query and path values, as in bodies: PostgreSQL fails on it (a 500)."""
    found = [
        FieldError(
            name,
            NUL_CODE,
            "Le caractère NUL (U+0000) n'est pas accepté.",
            "The NUL character (U+0000) is not allowed.",
        )
        for name, value in [*request.query_params.multi_items(), *request.path_params.items()]
        if "\x00" in str(value)
    ]
    if found:
        raise ValidationFailed(found)


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: commit if the route succeeded, roll back otherwise."""
    engine: Engine = request.app.state.engine
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def require(role: Role) -> Callable[..., ApiToken]:
    """A dependency that admits a bearer token with at least ``role``."""

    def dependency(
        session: SessionDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiToken:
        return authenticate(session, credentials.credentials if credentials else None, role)

    return dependency


EditorDep = Annotated[ApiToken, Depends(require(Role.EDITOR))]
AdminDep = Annotated[ApiToken, Depends(require(Role.ADMIN))]


def page_params(
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
) -> Page:
    return Page(offset=offset, limit=min(limit, settings.max_page_size))


PageDep = Annotated[Page, Depends(page_params)]
