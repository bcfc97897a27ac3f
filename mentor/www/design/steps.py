"""The design of a training, step by step: where it stands, each step's guidance, checklist and deliverable, and
the e-learning package with its technical report. Reached through the contribution pages: only the training's
designers (and its Mentor team, read-only) see it, anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from mentor.core.permissions import check
from mentor.design import progress
from mentor.design.models import TrainingStep
from mentor.design.scorm import Report
from mentor.editorial import access
from mentor.editorial.enums import EDITABLE_STATES
from mentor.editorial.workflow import TransitionRefused

from ..breadcrumb import breadcrumb
from .forms import PackageForm, StepForm


def _training(request, pk):
    return get_object_or_404(
        access.trainings_editable_by(request.user).select_related("collection", "owner"), pk=pk
    )


def _can_edit(user, training) -> bool:
    return training.status in EDITABLE_STATES and bool(check(user, "editorial.edit_training", training))


def _crumbs(training, *more):
    return (
        ("Contribuer", reverse("www:contribute:index")),
        (training.title, reverse("www:contribute:training", args=[training.pk])),
        *more,
    )


@require_http_methods(["GET", "POST"])
@login_required
def step_view(request, pk, slug):
    training = _training(request, pk)
    steps = progress.steps_of(training)
    row = next((s for s in steps if s.step.slug == slug), None)
    if row is None:
        raise Http404
    package = progress.latest_package(training)
    form = StepForm(request.POST or None, request.FILES or None, training_step=row)
    can_edit = _can_edit(request.user, training)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reopen":
                progress.mark_done(training, request.user, row, done=False)
                messages.success(request, f"Étape « {row.step.name} » rouverte.")
                return redirect("www:design:step", pk=training.pk, slug=slug)
            if form.is_valid():
                row = progress.save_step(training, request.user, row, **form.deliverable())
                if request.POST.get("action") == "done":
                    progress.mark_done(training, request.user, row)
                    messages.success(request, f"Étape « {row.step.name} » terminée.")
                else:
                    messages.success(request, f"Étape « {row.step.name} » enregistrée.")
                return redirect("www:design:step", pk=training.pk, slug=slug)
        except progress.StepRefused as refusal:
            form.add_error(None, f"L'étape « {row.step.name} » ne peut pas être terminée : {refusal}")
        except TransitionRefused as refusal:
            form.add_error(None, str(refusal))
    context = {
        "training": training,
        "steps": steps,
        "row": row,
        "form": form,
        "can_edit": can_edit,
        "package": package,
        "report": Report.from_dict(package.report) if package else None,
        "package_form": PackageForm() if row.step.deliverable == "package" and can_edit else None,
        "missing": progress.missing_for(row, package) if not row.done_at else [],
        "breadcrumb_data": breadcrumb(*_crumbs(training), current=row.step.name),
    }
    return render(request, "www/design/step.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def upload_package(request, pk):
    training = _training(request, pk)
    row = get_object_or_404(TrainingStep, design__training=training, step__deliverable="package")
    form = PackageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            package = progress.add_package(training, request.user, form.cleaned_data["package"], form.report)
        except TransitionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if package.passed:
                messages.success(
                    request, f"« {package.original_name} » est conforme aux exigences techniques."
                )
            else:
                messages.warning(
                    request, f"« {package.original_name} » n'est pas conforme : voyez le rapport."
                )
        return redirect("www:design:step", pk=training.pk, slug=row.step.slug)
    steps = progress.steps_of(training)
    row = next(s for s in steps if s.pk == row.pk)
    package = progress.latest_package(training)
    context = {
        "training": training,
        "steps": steps,
        "row": row,
        "form": StepForm(training_step=row),
        "can_edit": True,
        "package": package,
        "report": Report.from_dict(package.report) if package else None,
        "package_form": form,
        "missing": progress.missing_for(row, package) if not row.done_at else [],
        "breadcrumb_data": breadcrumb(*_crumbs(training), current=row.step.name),
    }
    return render(request, "www/design/step.html", context, status=400)
