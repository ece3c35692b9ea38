"""One place that turns errors into the stable JSON body every client reads:
``{"error": {"code", "message", "message_en", "fields": [{"field", "code", "message", ...}]}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from federation.errors import FederationError, FieldError

logger = logging.getLogger("federation.api")

PYDANTIC_MESSAGES_FR = {
    "missing": "Champ obligatoire manquant.",
    "extra_forbidden": "Champ inconnu.",
    "string_too_long": "Texte trop long.",
    "string_too_short": "Texte vide ou trop court.",
    "string_pattern_mismatch": "Format invalide.",
    "string_type": "Un texte est attendu.",
    "int_parsing": "Un nombre entier est attendu.",
    "int_type": "Un nombre entier est attendu.",
    "decimal_parsing": "Un nombre est attendu.",
    "decimal_type": "Un nombre est attendu.",
    "decimal_max_places": "Deux décimales au plus.",
    "float_parsing": "Un nombre est attendu.",
    "greater_than_equal": "La valeur est trop petite (négative ?).",
    "greater_than": "La valeur doit être plus grande.",
    "less_than_equal": "La valeur est trop grande.",
    "date_from_datetime_parsing": "Date invalide (AAAA-MM-JJ).",
    "date_parsing": "Date invalide (AAAA-MM-JJ).",
    "date_type": "Date invalide (AAAA-MM-JJ).",
    "uuid_parsing": "Identifiant (UUID) invalide.",
    "list_type": "Une liste est attendue.",
    "too_long": "Liste trop longue.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "dict_type": "Un objet JSON est attendu.",
    "bool_parsing": "Vrai ou faux (true/false) attendu.",
    "json_invalid": "JSON mal formé.",
}


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


def field_errors_from_pydantic(errors: list[dict[str, Any]]) -> list[FieldError]:
    """Pydantic's errors, with the location as a dotted path (``countries[0].code``)."""
    out = []
    for error in errors:
        location = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        path = ""
        for part in location:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        kind = str(error.get("type", "invalid"))
        out.append(
            FieldError(
                path or "body",
                kind,
                PYDANTIC_MESSAGES_FR.get(kind, "Valeur invalide."),
                str(error.get("msg", "Invalid value")),
            )
        )
    return out


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
