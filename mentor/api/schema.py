"""The OpenAPI schema of the API: every operation documents the errors it may answer, with the structured body of
``errors.py``, so that a client (and schemathesis in the test run) knows every status it can get."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer

ERROR_RESPONSES = {
    "400": "Requête invalide : le corps de l'erreur nomme chaque champ en cause.",
    "401": "Jeton absent, inconnu ou révoqué alors que l'opération exige d'être authentifié.",
    "403": "Authentifié, mais sans le droit d'effectuer cette opération (la raison est dans « message »).",
    "404": "Ressource inexistante ou hors de ce que l'utilisateur peut voir.",
    "409": "Refusé par la règle du workflow dans l'état actuel : « message » en donne la raison.",
    "429": "Trop de requêtes : réessayer après le délai de l'en-tête Retry-After (en secondes).",
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Nombre de secondes à attendre avant une nouvelle requête.",
    }
}


class MentorAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERROR_RESPONSES.items():
            if code == "409" and self.method == "GET":
                continue  # a read changes no state
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        responses["429"].setdefault("headers", {}).update(RETRY_AFTER)
        return responses

    def get_description(self):
        # The docstrings of views are written for developers, in English; the schema speaks French, so an
        # operation's description is only what its @extend_schema says (which overrides this method).
        return ""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if not response.get("description") or response["description"] == "No response body":
            response["description"] = "Réussite." if "content" in response else "Réussite, sans contenu."
        return response


def french_descriptions(result, generator, request, public):
    """Postprocessing hook: the components' descriptions come from the serializers' docstrings, written for
    developers in English; the security schemes' from drf-spectacular. The published schema speaks French."""
    components = result.get("components", {})
    for schema in components.get("schemas", {}).values():
        if not schema.get("enum"):
            schema.pop("description", None)
    schemes = components.get("securitySchemes", {})
    if "tokenAuth" in schemes:
        schemes["tokenAuth"]["description"] = (
            "Jeton d'accès dans l'en-tête Authorization, précédé de « Token » : Authorization: Token <jeton>."
        )
    if "cookieAuth" in schemes:
        schemes["cookieAuth"]["description"] = "La session du site, pour un navigateur connecté."
    return result
