"""The missing-items guard: everything a training still lacks before it can be submitted, all at once."""

import copy

from .content import REQUIRED_FIELDS, apply, field_label, is_blank
from .models import EditorialFile, Indicator


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
    return missing_items(*content_of(cycle))
