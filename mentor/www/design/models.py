"""Model trainings: the list a designer starts a new draft from, and the flag a Mentor team or a collection lead
sets on a published training."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mentor.core.permissions import require
from mentor.design import progress
from mentor.design.model_trainings import models_for, start_from_model
from mentor.editorial import access
from mentor.editorial.permissions import contributing_organisations
from mentor.offer.models import Training
from mentor.organisations.models import Organisation

from ..breadcrumb import breadcrumb
from .forms import StartFromModelForm


@require_http_methods(["GET", "POST"])
@login_required
def models_view(request):
    require(request.user, "editorial.create_training")
    models = models_for(request.user)
    organisations = Organisation.objects.filter(
        pk__in=[o.pk for o in contributing_organisations(request.user)]
    ).order_by("name")
    form = StartFromModelForm(request.POST or None, models=models, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        training = start_from_model(
            form.cleaned_data["model"], request.user, form.cleaned_data["owner"], form.cleaned_data["title"]
        )
        messages.success(
            request,
            f"Brouillon créé à partir du modèle « {form.cleaned_data['model'].title} » : complétez-le.",
        )
        return redirect("www:contribute:training", pk=training.pk)
    context = {
        "form": form,
        "models": list(models),
        "breadcrumb_data": breadcrumb(
            ("Contribuer", reverse("www:contribute:index")), current="Partir d'un modèle"
        ),
    }
    return render(request, "www/design/models.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def mark_model(request, pk):
    training = get_object_or_404(Training.objects.visible_to(request.user), pk=pk)
    require(request.user, "design.mark_model", training)
    is_model = request.POST.get("is_model") == "1"
    progress.set_model(training, request.user, is_model)
    if is_model:
        messages.success(request, f"« {training.title} » est proposée comme modèle aux concepteurs.")
    else:
        messages.info(request, f"« {training.title} » n'est plus proposée comme modèle.")
    if access.trainings_reviewable_by(request.user).filter(pk=training.pk).exists():
        return redirect("www:review:training", pk=training.pk)
    return redirect(training.get_absolute_url())
