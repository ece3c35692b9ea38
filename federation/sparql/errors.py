"""What the SPARQL endpoint refuses, and why, in French and English."""

from __future__ import annotations

from federation.errors import FederationError


class UpdateRefused(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message=(
                "Ce point d'accès SPARQL est en lecture seule : les mises à jour (INSERT, DELETE, "
                "LOAD, CLEAR…) sont refusées et rien n'a été modifié."
            ),
            message_en=(
                "This SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR…) are "
                "refused and nothing was changed."
            ),
            status_code=400,
            code="sparql_update_refused",
        )


class ServiceRefused(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message=(
                "Les requêtes fédérées (SERVICE) ne sont pas acceptées : ce point d'accès "
                "n'interroge pas d'autres serveurs."
            ),
            message_en=(
                "Federated queries (SERVICE) are not accepted: this endpoint does not query "
                "other servers."
            ),
            status_code=400,
            code="sparql_service_refused",
        )


class QuerySyntaxError(FederationError):
    def __init__(self, problem: str) -> None:
        super().__init__(
            message=f"Requête SPARQL invalide : {problem}",
            message_en=f"Invalid SPARQL query: {problem}",
            status_code=400,
            code="sparql_syntax",
        )


class QueryFailed(FederationError):
    """The query was read but could not be evaluated (an error of the query, not of the node)."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            message=f"La requête SPARQL n'a pas pu être évaluée : {problem}",
            message_en=f"The SPARQL query could not be evaluated: {problem}",
            status_code=400,
            code="sparql_query_failed",
        )


class BadProtocolRequest(FederationError):
    """A request that does not follow the SPARQL 1.1 Protocol."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(
            message=message, message_en=message_en, status_code=400, code="sparql_bad_request"
        )


class UnsupportedMediaType(FederationError):
    def __init__(self, media_type: str) -> None:
        offered = "application/x-www-form-urlencoded, application/sparql-query"
        super().__init__(
            message=f"Type de contenu non accepté : {media_type!r}. Types acceptés : {offered}",
            message_en=f"Unsupported content type: {media_type!r}. Accepted: {offered}",
            status_code=415,
            code="unsupported_media_type",
        )


class ResultsNotAcceptable(FederationError):
    def __init__(self, offered: list[str]) -> None:
        types = ", ".join(offered)
        super().__init__(
            message=(
                f"Aucun des formats demandés ne convient à ce résultat. Formats proposés : {types}"
            ),
            message_en=f"None of the requested types suits this result. Offered: {types}",
            status_code=406,
            code="not_acceptable",
        )


class QueryTimedOut(FederationError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            message=(
                f"La requête a dépassé la limite de {seconds:g} s et a été arrêtée. "
                "Restreignez-la (filtres, LIMIT) et réessayez."
            ),
            message_en=(
                f"The query went over the {seconds:g} s time limit and was stopped. "
                "Narrow it (filters, LIMIT) and try again."
            ),
            status_code=503,
            code="sparql_timeout",
        )


class QueryCrashed(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message=(
                "Le processus qui évaluait la requête s'est arrêté (probablement la limite de "
                "mémoire) ; il a été relancé. Restreignez la requête et réessayez."
            ),
            message_en=(
                "The process evaluating the query stopped (probably the memory limit); it was "
                "restarted. Narrow the query and try again."
            ),
            status_code=503,
            code="sparql_failed",
        )


class EndpointBusy(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message="Toutes les requêtes SPARQL possibles sont en cours ; réessayez plus tard.",
            message_en="The SPARQL endpoint is busy with other queries; try again later.",
            status_code=503,
            code="sparql_busy",
        )


class NotReady(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message="La copie de l'index pour SPARQL est en préparation ; réessayez bientôt.",
            message_en="The index copy for SPARQL is being prepared; try again in a moment.",
            status_code=503,
            code="sparql_not_ready",
        )
