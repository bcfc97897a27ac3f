from django.db.models import OuterRef, Subquery
from django.dispatch import receiver

from mentor.organisations.models import Organisation
from mentor.organisations.signals import subtree_moved

from .models import Training


@receiver(subtree_moved)
def refresh_owner_ministry(sender, organisation, **kwargs):
    """Keep Training.owner_ministry equal to owner.ministry after the tree changed."""
    Training.objects.filter(owner__path__startswith=organisation.path).update(
        owner_ministry_id=Subquery(
            Organisation.objects.filter(pk=OuterRef("owner_id")).values("ministry_id")[:1]
        )
    )
