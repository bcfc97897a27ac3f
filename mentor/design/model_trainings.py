"""Starting a training from a model ("gabarit"): a published training marked as a model by its Mentor team or
its collection lead gives a new draft its structure (the outline, the audience and the modality, not its
identity), the guidance and the checklist of each design step; the new training credits the model."""

from django.db import transaction

from mentor.editorial import workflow
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

from .progress import start_design

# What a model gives a new draft: its structure and framing, never its title, contact, address or objectives.
STRUCTURE_FIELDS = [
    "collection",
    "scope",
    "content_outline",
    "learning_outcomes",
    "target_audience",
    "prerequisites",
    "modality",
    "duration_on_site_hours",
    "duration_remote_hours",
    "language",
]


def models_for(user):
    """The models ``user`` may start from: trainings marked as models, within what they may see."""
    return (
        Training.objects.visible_to(user)
        .filter(design__is_model=True, status=TrainingStatus.PUBLISHED)
        .select_related("collection", "owner")
        .order_by("title", "pk")
    )


@transaction.atomic
def start_from_model(model: Training, user, owner, title: str) -> Training:
    training = Training(
        title=title,
        owner=owner,
        status=TrainingStatus.DRAFT,
        **{name: getattr(model, name) for name in STRUCTURE_FIELDS},
    )
    training.save()
    training.designers.add(user)
    workflow.editorial_file(training)
    start_design(training, model=model)
    return training
