"""Synchronising an organisation's trainings from a partner's system (the write API, the LHEO import): a training
is found by its owner and ``external_id``, created as a draft when missing, changed in place while it is a draft,
and through a revision once published, exactly as on the contribution pages. Sending the same values again writes
nothing at all: no save, so no history row, no log row, and no new generation of the catalogue."""

import copy
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, models, transaction

from mentor.core.workflow import TransitionRefused
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training

from .access import open_revision
from .content import CONTENT_FIELDS, apply, serialise
from .enums import EDITABLE_STATES
from .models import TrainingRevision, TransitionLog

# Fields that decide who reviews: set at creation, changed only while the training is a draft.
DRAFT_ONLY_FIELDS = ["collection", "scope"]
SYNCHRONISED_FIELDS = [*DRAFT_ONLY_FIELDS, *CONTENT_FIELDS]

CREATED, UPDATED, REVISED, UNCHANGED = "created", "updated", "revised", "unchanged"


@dataclass(frozen=True)
class Outcome:
    training: Training
    result: (
        str  # CREATED, UPDATED, REVISED (a revision of a published training opened or changed) or UNCHANGED
    )


def upsert_training(owner, external_id: str, values: dict, user=None) -> Outcome:
    """Create or update the training of ``owner`` known as ``external_id`` with ``values`` (model values of
    ``SYNCHRONISED_FIELDS``; ``covered_objectives`` and ``formacode_terms`` as lists, if given). ``user`` (None for a command) becomes a designer of a training it creates.
    Raise TransitionRefused, writing nothing, when the training's state forbids the change."""
    try:
        return _upsert(owner, external_id, values, user)
    except IntegrityError:
        # Another request created the same training between our read and our insert: it exists now.
        return _upsert(owner, external_id, values, user)


@transaction.atomic
def _upsert(owner, external_id, values, user) -> Outcome:
    values = {name: _normalised(name, value) for name, value in values.items()}
    objectives = values.pop("covered_objectives", None)
    objective_ids = None if objectives is None else sorted(o.pk for o in objectives)
    # FORMACODE descriptors classify a draft; a revision does not carry them (nor the contribution pages).
    terms = values.pop("formacode_terms", None)
    term_codes = None if terms is None else sorted(t.pk for t in terms)
    training = (
        Training.objects.select_for_update(of=("self",))
        .filter(owner=owner, external_id=external_id)
        .select_related("owner", "collection")
        .first()
    )
    if training is None:
        training = _create(owner, external_id, values, objective_ids, user)
        if term_codes:
            training.formacode_terms.set(term_codes)
        return Outcome(training, CREATED)
    if training.status in EDITABLE_STATES:
        outcome = _update_draft(training, values, objective_ids)
        current_terms = sorted(training.formacode_terms.values_list("pk", flat=True))
        if term_codes is None or term_codes == current_terms:
            return outcome
        training.formacode_terms.set(term_codes)
        return Outcome(training, UPDATED)
    if training.status == S.PUBLISHED:
        return _revise(training, values, objective_ids, user)
    raise TransitionRefused(
        f"La formation « {training.title} » est « {S(training.status).label} » : "
        "elle ne peut pas être modifiée maintenant."
    )


def _create(owner, external_id, values, objective_ids, user) -> Training:
    from .workflow import editorial_file

    with transaction.atomic():  # a savepoint: a clash on the constraint leaves the outer transaction usable
        training = Training(owner=owner, external_id=external_id, status=S.DRAFT, **values)
        training.save()
    if user is not None and user.is_authenticated:
        training.designers.add(user)
    if objective_ids:
        training.covered_objectives.set(objective_ids)
    editorial_file(training)
    return training


def _normalised(name, value):
    """Decimals at their column's precision: 3.5 and 3.50 hours are the same value, not a change."""
    field = Training._meta.get_field(name)
    if isinstance(field, models.DecimalField) and value is not None:
        return Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


def _differences(training, values) -> list[str]:
    fields = Training._meta
    return [
        name
        for name, value in values.items()
        if fields.get_field(name).value_to_string(training)
        != fields.get_field(name).value_to_string(_with(training, name, value))
    ]


def _with(training, name, value):
    preview = copy.copy(training)
    setattr(preview, name, value)
    return preview


def _update_draft(training, values, objective_ids) -> Outcome:
    changed = _differences(training, values)
    current_objectives = sorted(training.covered_objectives.values_list("pk", flat=True))
    objectives_changed = objective_ids is not None and objective_ids != current_objectives
    if not changed and not objectives_changed:
        return Outcome(training, UNCHANGED)
    for name in changed:
        setattr(training, name, values[name])
    if changed:
        training.save(update_fields=[*changed, "updated_at"])
    if objectives_changed:
        training.covered_objectives.set(objective_ids)
    return Outcome(training, UPDATED)


def _revise(training, values, objective_ids, user) -> Outcome:
    moved = [name for name in _differences(training, values) if name in DRAFT_ONLY_FIELDS]
    if moved:
        raise TransitionRefused(
            "La collection et la portée d'une formation publiée ne changent plus : elles décident de sa relecture."
        )
    revision = open_revision(training)
    current = (
        revision.values
        if revision
        else serialise(training, training.covered_objectives.values_list("pk", flat=True))
    )
    preview = apply(copy.copy(training), current)
    for name, value in values.items():
        setattr(preview, name, value)
    proposed = serialise(
        preview, current.get("covered_objectives", []) if objective_ids is None else objective_ids
    )
    if proposed == current:
        return Outcome(training, UNCHANGED)
    if revision is not None and revision.status not in EDITABLE_STATES:
        raise TransitionRefused(
            "Sa révision est en cours de relecture : attendez la décision pour la modifier."
        )
    if revision is None:
        revision = TrainingRevision.objects.create(training=training, author=user, values=proposed)
        TransitionLog.objects.create(
            training=training,
            revision=revision,
            transition="revise",
            from_status=S.PUBLISHED,
            to_status=S.DRAFT,
            actor=user,
            comment="Révision ouverte : la version publiée reste en ligne pendant sa relecture.",
        )
    else:
        revision.values = proposed
        revision.save(update_fields=["values"])
    return Outcome(training, REVISED)
