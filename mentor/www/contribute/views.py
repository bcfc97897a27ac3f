"""Contribution pages: a designer creates a training, edits it in steps, sees what is missing and submits it.
Editing a published training works on a revision; the published version stays online meanwhile."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentor.core.permissions import check
from mentor.design import progress
from mentor.editorial import access, content, workflow
from mentor.editorial.content import apply, serialise
from mentor.editorial.enums import AWAITING_REVIEW, OPEN_REVISION_STATES
from mentor.editorial.models import EditorialFile, TrainingRevision
from mentor.editorial.permissions import contributing_organisations, edit_decision
from mentor.editorial.readiness import missing_items_of
from mentor.editorial.transitions import REVIEW_DECISIONS, TRANSITIONS
from mentor.editorial.workflow import available
from mentor.offer.enums import TrainingStatus
from mentor.watch.lookup import similar_to_training

from ..breadcrumb import breadcrumb
from ..review.context import training_context
from .forms import STEPS, AudienceForm, CreateForm


@require_GET
@login_required
def index(request):
    trainings = (
        access.trainings_editable_by(request.user)
        .select_related("collection", "owner", "editorial_file")
        .order_by("-updated_at")
    )
    revisions = {
        r.training_id: r
        for r in TrainingRevision.objects.filter(
            training__in=trainings.values("pk"), status__in=OPEN_REVISION_STATES
        )
    }
    context = {
        "trainings": [(t, revisions.get(t.pk)) for t in trainings],
        "create": check(request.user, "editorial.create_training"),
    }
    return render(request, "www/contribute/index.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def create(request):
    decision = check(request.user, "editorial.create_training")
    if not decision:
        raise PermissionDenied(decision.reason)
    form = CreateForm(request.POST or None, organisations=contributing_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            training = form.save(commit=False)
            training.status = TrainingStatus.DRAFT
            training.save()
            training.designers.add(request.user)
            workflow.editorial_file(training)
            progress.start_design(training)
        messages.success(request, "Brouillon créé : complétez-le étape par étape.")
        return redirect("www:contribute:step", pk=training.pk, step=1)
    return render(request, "www/contribute/create.html", {"form": form})


@require_GET
@login_required
def training_view(request, pk):
    training = get_object_or_404(
        access.trainings_followed_by(request.user).select_related("owner", "collection"), pk=pk
    )
    is_designer = access.trainings_editable_by(request.user).filter(pk=training.pk).exists()
    if not is_designer and not access.is_owner_team(request.user, training):
        # Collection reviewers follow a training from the review pages.
        return redirect("www:review:training", pk=training.pk)
    file = getattr(training, "editorial_file", None) or EditorialFile(
        training=training, status=training.status
    )
    revision = access.open_revision(training)
    context = training_context(training, request.user)
    context.update(
        {
            "breadcrumb_data": breadcrumb(
                ("Contribuer", reverse("www:contribute:index")), current=training.title
            ),
            "file": file,
            "waiting": file.status in AWAITING_REVIEW,
            "revision": revision,
            "missing": missing_items_of(file) if training.status in ("draft", "changes_requested") else [],
            "revision_missing": missing_items_of(revision) if revision else [],
            "actions": available(file, request.user),
            "revision_actions": available(revision, request.user) if revision else [],
            "edit": edit_decision(request.user, training),
            # A published training being revised shows the revision: that is what its designer is editing.
            "content_rows": content.shown(training, revision.values if revision else None),
            "steps": [title for title, _ in STEPS],
            "design_steps": progress.steps_of(training),
            "design_links": is_designer,
            "design_model": progress.model_of(training),
            # Recomputed on every visit: the page a designer comes back to after each saved step or submission.
            "similar": similar_to_training(request.user, training),
        }
    )
    return render(request, "www/contribute/training.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def step(request, pk, step):
    if not 1 <= step <= len(STEPS):
        raise Http404
    training = get_object_or_404(
        access.trainings_editable_by(request.user).select_related("collection"), pk=pk
    )
    decision = edit_decision(request.user, training)
    if not decision:
        return render(
            request,
            "www/editorial/refused.html",
            {"training": training, "reason": decision.reason},
            status=403,
        )
    title, form_class = STEPS[step - 1]
    is_revision = training.status == TrainingStatus.PUBLISHED
    revision = access.open_revision(training) if is_revision else None
    instance, kwargs = training, {}
    if is_revision:
        instance = apply(copy.copy(training), revision.values) if revision else copy.copy(training)
        if revision:
            kwargs["initial"] = {"covered_objectives": revision.values.get("covered_objectives", [])}
        if form_class is AudienceForm:
            kwargs["revision"] = True
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            if is_revision:
                _save_revision(request, training, form)
            else:
                _save_draft(request, training, form)
        except workflow.TransitionRefused as refusal:
            return render(
                request,
                "www/editorial/refused.html",
                {"training": training, "reason": str(refusal)},
                status=403,
            )
        messages.success(request, f"Étape « {title} » enregistrée.")
        if step < len(STEPS):
            return redirect("www:contribute:step", pk=training.pk, step=step + 1)
        return redirect("www:contribute:training", pk=training.pk)
    context = {
        "training": training,
        "form": form,
        "step": step,
        "step_title": title,
        "steps": [t for t, _ in STEPS],
        "is_revision": is_revision,
        "next_step": step + 1 if step < len(STEPS) else None,
    }
    return render(request, "www/contribute/step.html", context)


def _save_draft(request, training, form):
    """Write the step's fields alone, on the locked row: what the step does not show (the state above all) is
    never written back from the page's earlier read."""
    with workflow.editing(training, request.user):
        instance = form.save(commit=False)
        fields = [f.name for f in instance._meta.concrete_fields if f.name in form.cleaned_data]
        instance.save(update_fields=[*fields, "updated_at"])
        form.save_m2m()


def _save_revision(request, training, form):
    """Store the step's values in the training's open revision (opened now if needed)."""
    with transaction.atomic():
        revision = workflow.start_revision(training, request.user)
        preview = form.instance
        if "covered_objectives" in form.cleaned_data:
            objective_ids = [o.pk for o in form.cleaned_data["covered_objectives"]]
        else:
            objective_ids = revision.values.get("covered_objectives", [])
        revision.values = serialise(preview, objective_ids)
        revision.save(update_fields=["values"])


@require_POST
@login_required
def transition(request, pk, name):
    training = get_object_or_404(access.trainings_followed_by(request.user), pk=pk)
    return _fire(request, name, training, training)


@require_POST
@login_required
def revision_transition(request, pk, name):
    training = get_object_or_404(access.trainings_followed_by(request.user), pk=pk)
    revision = access.open_revision(training)
    if revision is None:
        raise Http404
    return _fire(request, name, revision, training)


def _fire(request, name, subject, training):
    if name not in TRANSITIONS or name in REVIEW_DECISIONS:
        # Decisions come with a quality review, through the review form.
        raise Http404
    try:
        workflow.fire(name, subject, request.user, request.POST.get("comment", ""))
    except workflow.TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"« {TRANSITIONS[name].label} » : c'est fait.")
    if (
        name == "start_review"
        or not access.trainings_editable_by(request.user).filter(pk=training.pk).exists()
    ):
        return redirect("www:review:training", pk=training.pk)
    return redirect("www:contribute:training", pk=training.pk)


@require_POST
@login_required
def request_reevaluation(request, pk):
    training = get_object_or_404(access.trainings_followed_by(request.user), pk=pk)
    try:
        workflow.request_reevaluation(training, request.user)
    except workflow.TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            "La réévaluation est demandée : la formation attend une nouvelle revue qualité, son label reste "
            "valable jusqu'à la décision.",
        )
    if access.trainings_editable_by(request.user).filter(pk=training.pk).exists():
        return redirect("www:contribute:training", pk=training.pk)
    return redirect("www:review:training", pk=training.pk)
