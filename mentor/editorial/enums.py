from django.db import models

from mentor.offer.enums import TrainingStatus


class Stage(models.TextChoices):
    """Who must act on a submitted training: its owner's Mentor team first, then (cross-government only)
    the lead of its collection."""

    OWNER_TEAM = "owner_team", "Équipe Mentor de l'organisation productrice"
    COLLECTION_LEAD = "collection_lead", "Chef de file de la collection"


class IndicatorScope(models.TextChoices):
    ALL = "all", "Toutes les formations"
    TRANSVERSE = "transverse", "Formations interministérielles (transverses)"
    METIER = "metier", "Formations ministérielles (métier)"


class Rating(models.TextChoices):
    MET = "met", "Satisfait"
    PARTLY_MET = "partly_met", "Partiellement satisfait"
    NOT_MET = "not_met", "Non satisfait"
    NOT_APPLICABLE = "not_applicable", "Sans objet"


class CriterionResult(models.TextChoices):
    MET = "met", "Critère satisfait"
    PARTLY_MET = "partly_met", "Critère partiellement satisfait"
    NOT_MET = "not_met", "Critère non satisfait"
    NOT_APPLICABLE = "not_applicable", "Critère sans objet"


# A cycle in one of these states waits for a reviewer.
AWAITING_REVIEW = (TrainingStatus.SUBMITTED, TrainingStatus.IN_REVIEW)
# Content may be edited by its designers in these states.
EDITABLE_STATES = (TrainingStatus.DRAFT, TrainingStatus.CHANGES_REQUESTED)
# A revision in one of these states is the training's open revision (at most one).
OPEN_REVISION_STATES = (
    TrainingStatus.DRAFT,
    TrainingStatus.SUBMITTED,
    TrainingStatus.IN_REVIEW,
    TrainingStatus.CHANGES_REQUESTED,
)


class ReviewDecision(models.TextChoices):
    """The decisions a quality review records; each is a transition of the workflow."""

    APPROVE = "approve", "Approuver"
    FORWARD = "forward", "Approuver et transmettre au chef de file"
    REQUEST_CHANGES = "request_changes", "Demander des modifications"
    REJECT = "reject", "Refuser"
