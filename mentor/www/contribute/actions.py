"""Actions around published trainings and collections: adopting a training ("mutualisation") and following a
collection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from mentor.core.permissions import require
from mentor.editorial.models import CollectionWatch
from mentor.editorial.permissions import adopting_organisations
from mentor.offer.models import Adoption, Collection, Training


@require_POST
@login_required
def adopt(request, pk):
    """The adopter runs its own sessions of the training; nothing is copied and the owner stays credited."""
    training = get_object_or_404(Training.objects.visible_to(request.user), pk=pk)
    require(request.user, "editorial.adopt_training", training)
    organisations = {str(o.pk): o for o in adopting_organisations(request.user, training)}
    organisation = organisations.get(request.POST.get("organisation", ""))
    if organisation is None:
        raise PermissionDenied(
            "Choisissez une organisation pour laquelle vous pouvez adopter cette formation."
        )
    with transaction.atomic():
        Adoption.objects.get_or_create(
            training=training, organisation=organisation, defaults={"adopted_by": request.user}
        )
    messages.success(
        request,
        f"{capfirst(organisation.with_article)} propose désormais « {training.title} » à ses agents et peut en ouvrir des sessions.",
    )
    return redirect(training.get_absolute_url())


@require_POST
@login_required
def watch(request, slug):
    collection = get_object_or_404(Collection, slug=slug)
    require(request.user, "editorial.watch_collection", collection)
    with transaction.atomic():
        watch, created = CollectionWatch.objects.get_or_create(user=request.user, collection=collection)
        if not created:
            watch.delete()
    if created:
        messages.success(
            request, f"Vous serez averti(e) par courriel des formations publiées dans « {collection.name} »."
        )
    else:
        messages.info(request, f"Vous ne suivez plus la collection « {collection.name} ».")
    return redirect(collection.get_absolute_url())
