"""The missing-items guard: everything a training still lacks before it can be submitted, all at once.

Other apps add their own items without editorial importing them: ``register_missing_items(check)`` at their
AppConfig.ready (design lists the design steps not done), like the catalogue's facet registry."""

import copy
from collections.abc import Callable

from .content import REQUIRED_FIELDS, apply, field_label, is_blank
from .models import EditorialFile, Indicator

# Checks other apps registered: ``check(training) -> list[str]``, asked for a training's own editorial file.
_CHECKS: list[Callable] = []


def register_missing_items(check: Callable) -> None:
    """Add ``check(training) -> list[str]`` (French sentences) to the items the submission guard lists."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def missing_items(training, objective_ids) -> list[str]:
    """Every missing item of ``training`` (possibly an unsaved copy carrying a revision's values) with the
    objectives ``objective_ids`` it covers, as sentences for the designer. Empty when it may be submitted."""
    missing = [
        f"Le champ « {field_label(name)} » est à remplir."
        for name in REQUIRED_FIELDS
        if is_blank(getattr(training, name))
    ]
    if not training.total_duration_hours:
        missing.append("La durée (en présentiel ou à distance) est à indiquer.")
    if not list(objective_ids):
        missing.append("Au moins un objectif ciblé de la collection doit être couvert.")
    if is_blank(training.delivery_url):
        missing.append("Le lien d'accès à la formation est à indiquer.")
    for indicator in Indicator.objects.applicable_to(training.scope).exclude(required_field=""):
        if is_blank(getattr(training, indicator.required_field)):
            missing.append(
                f"Le champ « {field_label(indicator.required_field)} » est exigé par l'indicateur "
                f"« {indicator.statement} » ({indicator.criterion.name})."
            )
    return missing


def content_of(cycle):
    """The content ``cycle`` is about, as (training, covered objective ids): the training itself for its
    editorial file, an unsaved copy carrying the proposed values for a revision."""
    if isinstance(cycle, EditorialFile):
        return cycle.training, list(cycle.training.covered_objectives.values_list("pk", flat=True))
    proposed = apply(copy.copy(cycle.training), cycle.values)
    return proposed, cycle.values.get("covered_objectives", [])


def missing_items_of(cycle) -> list[str]:
    missing = missing_items(*content_of(cycle))
    if isinstance(cycle, EditorialFile):
        # A revision changes the published content only: the design steps were done before publication.
        for check in _CHECKS:
            missing.extend(check(cycle.training))
    return missing
