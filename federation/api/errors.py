"""One place that turns errors into the stable JSON body every client reads:
``{"error": {"code", "message", "message_en", "fields": [{"field", "code", "message", ...}]}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from federation.common.validation import field_errors_from_pydantic
from federation.errors import FederationError, FieldError

logger = logging.getLogger("federation.api")


def error_body(
    code: str, message: str, message_en: str, fields: list[FieldError] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "message_en": message_en,
            "fields": [f.as_dict() for f in fields or []],
        }
    }


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FederationError)
    async def federation_error(_request: Request, exc: FederationError) -> JSONResponse:
        return JSONResponse(
            error_body(exc.code, exc.message, exc.message_en or exc.message, exc.errors),
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def request_invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(error.get("type") == "json_invalid" for error in errors):
            return JSONResponse(
                error_body(
                    "invalid_json",
                    "Le corps de la requête n'est pas du JSON valide.",
                    "The request body is not valid JSON.",
                    field_errors_from_pydantic(errors),
                ),
                status_code=400,
            )
        return JSONResponse(
            error_body(
                "validation_error",
                "Les données envoyées ne sont pas valides.",
                "The submitted data is not valid.",
                field_errors_from_pydantic(errors),
            ),
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: ("Ressource introuvable.", "Not found.")}
        message, message_en = messages.get(exc.status_code, (str(exc.detail), str(exc.detail)))
        return JSONResponse(
            error_body(f"http_{exc.status_code}", message, message_en),
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error", exc_info=exc)
        return JSONResponse(
            error_body(
                "internal_error",
                "Erreur interne ; rien n'a été enregistré.",
                "Internal error; nothing was saved.",
            ),
            status_code=500,
        )
