"""A training published through the editorial workflow reaches the "published" milestone of the projects that
produce it: funding listens to the workflow kernel's ``transitioned`` signal sent by the editorial machine."""

from django.dispatch import receiver

from mentor.core.workflow import transitioned
from mentor.editorial.workflow import EditorialWorkflow

from .followup import training_published


@receiver(transitioned, sender=EditorialWorkflow, dispatch_uid="funding.training_published")
def reach_published_milestone(sender, subject, transition, user, **kwargs):
    if transition.name == "publish":
        training_published(subject.training_id)
