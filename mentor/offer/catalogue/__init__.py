"""The catalogue: search, facets and pages of the trainings a user may see. Pages (``www``) and the API call
``search_catalogue`` with a ``CatalogueQuery``; other apps add facets with ``register_facet``."""

from . import builtin_facets  # noqa: F401  (registers offer's own facets, first)
from .facets import Facet, FacetDefinition, FacetValue, facet_definitions, register_facet
from .query import ORDERINGS, CatalogueQuery
from .search import CatalogueResult, kept_rendering, matching_trainings, search_catalogue, with_next_session

__all__ = [
    "CatalogueQuery",
    "CatalogueResult",
    "Facet",
    "FacetDefinition",
    "FacetValue",
    "ORDERINGS",
    "facet_definitions",
    "kept_rendering",
    "matching_trainings",
    "register_facet",
    "search_catalogue",
    "with_next_session",
]
