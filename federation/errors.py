"""One error family for the whole node; the HTTP layer maps it to a stable JSON body."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: where, a stable code, and the message in French and English."""

    field: str
    code: str
    message: str  # French, shown to the directory's staff
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
        }


@dataclass
class FederationError(Exception):
    """Base error: a status code, a stable code, and messages. Services raise these, never HTTP."""

    message: str
    message_en: str = ""
    status_code: int = 400
    code: str = "bad_request"
    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message_en or self.message


class ValidationFailed(FederationError):
    """Content was rejected (HTTP 422); ``errors`` names every field at fault."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            message="Les données envoyées ne sont pas valides.",
            message_en="The submitted data is not valid.",
            status_code=422,
            code="validation_error",
            errors=errors,
        )


class NotFound(FederationError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(
            message=f"{what} introuvable : {ident}",
            message_en=f"{what} not found: {ident}",
            status_code=404,
            code="not_found",
        )


class Gone(FederationError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(
            message=f"{what} supprimé : {ident}",
            message_en=f"{what} was deleted: {ident}",
            status_code=410,
            code="gone",
        )


class Conflict(FederationError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            message="Un enregistrement existe déjà avec cet identifiant.",
            message_en="A record with this identifier already exists.",
            status_code=409,
            code="conflict",
            errors=errors,
        )


class Unauthorized(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message="Jeton d'accès manquant ou invalide.",
            message_en="Missing or invalid access token.",
            status_code=401,
            code="unauthorized",
        )


class Forbidden(FederationError):
    def __init__(self, needed: str) -> None:
        super().__init__(
            message=f"Ce jeton n'a pas le rôle requis ({needed}).",
            message_en=f"This token lacks the required role ({needed}).",
            status_code=403,
            code="forbidden",
        )
