"""Review pages: each reviewer's queue, the training under review with its quality review grid, the label."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentor.accounts.enums import Role
from mentor.accounts.roles import holds_role
from mentor.core.permissions import check
from mentor.design import progress
from mentor.design.scorm import Report
from mentor.editorial import access, content, grid, labels, workflow
from mentor.editorial.enums import AWAITING_REVIEW
from mentor.editorial.models import EditorialFile
from mentor.editorial.readiness import missing_items_of
from mentor.editorial.transitions import REVIEW_DECISIONS
from mentor.editorial.workflow import guard
from mentor.offer.enums import TrainingStatus
from mentor.watch.lookup import similar_to_training

from ..breadcrumb import breadcrumb
from .context import training_context
from .forms import ReviewForm

# The criterion of the grid beside which reviewers see the similar trainings of the offer.
ARTICULATION_CRITERION = "articulation-offre-existante"


@require_GET
@login_required
def queue(request):
    now = timezone.now()
    rows = []
    for cycle in access.cycles_waiting_for(request.user):
        waited = (now - cycle.waiting_since).days
        target = cycle.training.collection.review_target_days
        rows.append(
            {
                "cycle": cycle,
                "is_revision": not isinstance(cycle, EditorialFile),
                "waited": waited,
                "target": target,
                "overdue": waited > target,
            }
        )
    context = {
        "rows": rows,
        "overdue_count": sum(r["overdue"] for r in rows),
        # Mentor teams also bring in their organisations' offer from LHEO files.
        "imports_lheo": holds_role(request.user, Role.MENTOR_TEAM),
    }
    return render(request, "www/review/queue.html", context)


def _subject(training):
    """What a reviewer looks at: the revision waiting for review if there is one, else the training's file."""
    revision = access.open_revision(training)
    if revision is not None and revision.status in AWAITING_REVIEW:
        return revision
    file = getattr(training, "editorial_file", None)
    return file or EditorialFile(training=training, status=training.status)


def _review_form(request, cycle, data=None):
    training = cycle.training
    if cycle.status != TrainingStatus.IN_REVIEW or cycle.reviewer_id != request.user.pk:
        return None
    decisions = [
        name
        for name in REVIEW_DECISIONS
        if not (name == "approve" and not access.is_last_stage(training, cycle.stage))
        and not (name == "forward" and access.is_last_stage(training, cycle.stage))
    ]
    return ReviewForm(data, indicators=grid.applicable_indicators(training), decisions=decisions)


@require_http_methods(["GET", "POST"])
@login_required
def training_view(request, pk):
    training = get_object_or_404(
        access.trainings_reviewable_by(request.user).select_related("owner", "collection"), pk=pk
    )
    cycle = _subject(training)
    form = _review_form(request, cycle, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("Vous ne relisez pas cette formation en ce moment.")
        if form.is_valid():
            subject = cycle if not isinstance(cycle, EditorialFile) else training
            try:
                grid.review_and_decide(
                    subject,
                    request.user,
                    form.ratings(),
                    form.cleaned_data["decision"],
                    form.cleaned_data["comment"],
                )
            except workflow.TransitionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "Revue qualité enregistrée et décision transmise.")
                return redirect("www:review:training", pk=training.pk)
    is_revision = not isinstance(cycle, EditorialFile)
    context = training_context(training, request.user)
    context.update(
        {
            "breadcrumb_data": breadcrumb(
                ("Relectures", reverse("www:review:queue")), current=training.title
            ),
            "cycle": cycle,
            "is_revision": is_revision,
            **(_revision_rows(training, cycle.values) if is_revision else {}),
            "content_rows": [] if is_revision else content.shown(training),
            "missing": missing_items_of(cycle) if cycle.pk else [],
            "can_start": guard("start_review", cycle, request.user),
            "form": form,
            "label_decision": check(request.user, "editorial.award_label", training),
            **_design_context(training, request.user),
            "can_see_label_action": access.trainings_labellable_by(request.user)
            .filter(pk=training.pk)
            .exists(),
            "similar": similar_to_training(request.user, training),
            "similar_criterion": ARTICULATION_CRITERION,
            "similar_in_grid": form is not None
            and any(criterion.code == ARTICULATION_CRITERION for criterion, _ in form.grid()),
        }
    )
    return render(request, "www/review/training.html", context, status=400 if form and form.errors else 200)


def _design_context(training, user) -> dict:
    """The latest package's technical report (for the "ergonomics and technical requirements" criterion) and
    the model flag."""
    package = progress.latest_package(training)
    mark_model = check(user, "design.mark_model", training)
    return {
        "package": package,
        "report": Report.from_dict(package.report) if package else None,
        "mark_model": mark_model,
        "is_model": bool(mark_model) and progress.is_model(training),
    }


def _revision_rows(training, values) -> dict:
    """Every field of a revision beside the published one, those it changes first."""
    rows = content.diff(training, values)
    changed = [row for row in rows if row.changed]
    return {"diff": changed + [row for row in rows if not row.changed], "diff_changed": changed}


@require_POST
@login_required
def start(request, pk):
    training = get_object_or_404(access.trainings_reviewable_by(request.user), pk=pk)
    cycle = _subject(training)
    subject = training if isinstance(cycle, EditorialFile) else cycle
    try:
        workflow.fire("start_review", subject, request.user)
    except workflow.TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Relecture commencée : la grille de revue qualité est à remplir.")
    return redirect("www:review:training", pk=training.pk)


@require_POST
@login_required
def award_label(request, pk):
    training = get_object_or_404(access.trainings_labellable_by(request.user), pk=pk)
    label = labels.award(training, request.user)
    messages.success(request, f"Label Mentor décerné jusqu'au {label.valid_until:%d/%m/%Y}.")
    return redirect("www:review:training", pk=training.pk)
