from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from mentor.organisations.models import Organisation
from mentor.organisations.signals import subtree_moved

from .catalogue import resident
from .models import Session, Training
from .sessions import refresh_registration_open_to_all


@receiver(subtree_moved)
def refresh_owner_ministry(sender, organisation, **kwargs):
    """Keep Training.owner_ministry equal to owner.ministry after the tree changed."""
    Training.objects.filter(owner__path__startswith=organisation.path).update(
        owner_ministry_id=Subquery(
            Organisation.objects.filter(pk=OuterRef("owner_id")).values("ministry_id")[:1]
        )
    )
    # Who sees the trainings owned or adopted below it may have changed: rare, the resident index is built again.
    resident.changed(None)


@receiver(post_save, sender=Training, dispatch_uid="offer.training_flag_after_save")
def refresh_flag_of_saved_training(sender, instance, **kwargs):
    # A whole save writes the flag as it was read: computed again from the sessions right after.
    refresh_registration_open_to_all(Training.objects.filter(pk=instance.pk))


@receiver(pre_save, sender=Session, dispatch_uid="offer.session_training_before_save")
def remember_previous_training(sender, instance, update_fields=None, **kwargs):
    moved = instance.pk and (update_fields is None or "training" in update_fields)
    instance._previous_training_id = (
        Session.objects.filter(pk=instance.pk).values_list("training_id", flat=True).first()
        if moved
        else None
    )


@receiver(post_save, sender=Session, dispatch_uid="offer.training_flag_after_session_save")
@receiver(post_delete, sender=Session, dispatch_uid="offer.training_flag_after_session_delete")
def refresh_flag_of_session_training(sender, instance, **kwargs):
    # A session moved to another training changes the flag of both.
    ids = {instance.training_id, getattr(instance, "_previous_training_id", None)} - {None}
    refresh_registration_open_to_all(Training.objects.filter(pk__in=ids))
