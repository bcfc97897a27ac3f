"""The design steps of a training: opened when a draft is created in the designer's space (from the steps'
definitions, or from a model), filled step by step, and checked by the editorial submission guard, which lists
the steps not done (``steps_not_done``, plugged into ``editorial.readiness`` by DesignConfig.ready)."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from mentor.editorial.enums import EDITABLE_STATES
from mentor.editorial.workflow import TransitionRefused, editing

from .enums import DeliverableKind
from .models import ChecklistItem, DesignStep, Package, TrainingDesign, TrainingStep


class StepRefused(Exception):
    """A step cannot be marked done; ``reasons`` are French sentences for the designer."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def start_design(training, model=None) -> TrainingDesign:
    """Open the design steps of ``training`` (call in the transaction that creates it). From ``model``, its own
    guidance and checklist of each step are copied and the model is credited; otherwise the steps' definitions."""
    design = TrainingDesign.objects.create(training=training, model=model)
    model_steps = {}
    if model is not None:
        model_steps = {s.step_id: s for s in steps_of(model)}
    for step in DesignStep.objects.prefetch_related("checklist"):
        copied = model_steps.get(step.pk)
        row = TrainingStep.objects.create(
            design=design, step=step, guidance=copied.guidance if copied else step.guidance
        )
        texts = [i.text for i in (copied.checklist.all() if copied else step.checklist.all())]
        ChecklistItem.objects.bulk_create(
            ChecklistItem(training_step=row, position=n, text=text) for n, text in enumerate(texts, start=1)
        )
    return design


def steps_of(training) -> list[TrainingStep]:
    """The design steps of ``training`` with their checklists (empty when it is not designed here)."""
    return list(
        TrainingStep.objects.filter(design__training=training)
        .select_related("step__guide")
        .prefetch_related(Prefetch("checklist", ChecklistItem.objects.order_by("position", "pk")))
        .order_by("step__position", "pk")
    )


def model_of(training):
    """The model ``training`` was started from, if any."""
    design = TrainingDesign.objects.filter(training=training).select_related("model").first()
    return design.model if design else None


def is_model(training) -> bool:
    return TrainingDesign.objects.filter(training=training, is_model=True).exists()


def latest_package(training):
    return Package.objects.filter(training=training).order_by("-created_at", "-pk").first()


def missing_for(training_step, package=None) -> list[str]:
    """Why ``training_step`` cannot be done yet (empty: it can). ``package``: the training's latest package."""
    step = training_step.step
    reasons = []
    kind = step.deliverable
    label = step.deliverable_label or DeliverableKind(kind).label
    if kind == DeliverableKind.FILE and not training_step.deliverable_file:
        reasons.append(f"Le livrable « {label} » est à déposer (un fichier).")
    elif kind == DeliverableKind.LINK and not training_step.deliverable_url:
        reasons.append(f"Le livrable « {label} » est à indiquer (un lien).")
    elif kind == DeliverableKind.NOTE and not training_step.deliverable_note.strip():
        reasons.append(f"Le livrable « {label} » est à rédiger (une note).")
    elif kind == DeliverableKind.PACKAGE and (package is None or not package.passed):
        reasons.append(
            "Le dernier paquet déposé n'est pas conforme aux exigences techniques."
            if package
            else "Un paquet e-learning conforme aux exigences techniques est à déposer."
        )
    left = sum(not item.done for item in training_step.checklist.all())
    if left:
        reasons.append(
            f"{left} point{'s' if left > 1 else ''} de la liste de contrôle reste{'nt' if left > 1 else ''} à cocher."
        )
    return reasons


def steps_not_done(training) -> list[str]:
    """The submission guard's items: one sentence per design step not done (none for a training not designed
    in the designer's space)."""
    return [
        f"L'étape de conception « {name} » n'est pas terminée."
        for name in TrainingStep.objects.filter(design__training=training, done_at__isnull=True)
        .order_by("step__position", "pk")
        .values_list("step__name", flat=True)
    ]


def _locked_step(training, user, training_step_id):
    """Inside ``editing`` (the training's row locked, the right to edit re-checked): the step, re-read."""
    if training.status not in EDITABLE_STATES:
        raise TransitionRefused(
            "Les étapes de conception se modifient tant que la formation est un brouillon."
        )
    return (
        TrainingStep.objects.select_related("step")
        .prefetch_related(Prefetch("checklist", ChecklistItem.objects.order_by("position", "pk")))
        .get(pk=training_step_id, design__training=training)
    )


def save_step(training, user, training_step, *, checked_ids, file=None, file_name="", url=None, note=None):
    """Record the checklist and the deliverable of a step. A step that was done and no longer meets its
    requirements is reopened."""
    with editing(training, user) as locked:
        row = _locked_step(locked, user, training_step.pk)
        ChecklistItem.objects.filter(training_step=row).update(done=False)
        ChecklistItem.objects.filter(training_step=row, pk__in=checked_ids).update(done=True)
        fields = []
        if file is not None:
            row.deliverable_file, row.deliverable_name = file, file_name
            fields += ["deliverable_file", "deliverable_name"]
        if url is not None:
            row.deliverable_url = url
            fields.append("deliverable_url")
        if note is not None:
            row.deliverable_note = note
            fields.append("deliverable_note")
        if fields:
            row.save(update_fields=fields)
        row = _locked_step(locked, user, row.pk)
        if row.done_at and missing_for(row, latest_package(locked)):
            row.done_at, row.done_by = None, None
            row.save(update_fields=["done_at", "done_by"])
        return row


def mark_done(training, user, training_step, done=True) -> TrainingStep:
    """Mark a step done (refused with the reasons when its deliverable or checklist is incomplete) or reopen it."""
    with editing(training, user) as locked:
        row = _locked_step(locked, user, training_step.pk)
        if done:
            reasons = missing_for(row, latest_package(locked))
            if reasons:
                raise StepRefused(reasons)
            row.done_at, row.done_by = timezone.now(), user
        else:
            row.done_at, row.done_by = None, None
        row.save(update_fields=["done_at", "done_by"])
        return row


def add_package(training, user, upload, report) -> Package:
    """Store a package that was not refused, with its report (the integration step is reopened if its new
    package fails)."""
    with editing(training, user) as locked:
        if locked.status not in EDITABLE_STATES:
            raise TransitionRefused("Le paquet se dépose tant que la formation est un brouillon.")
        package = Package.objects.create(
            training=locked,
            file=upload,
            original_name=upload.name,
            size=upload.size,
            uploaded_by=user,
            version=report.version,
            passed=report.passed,
            report=report.as_dict(),
        )
        if not report.passed:
            TrainingStep.objects.filter(
                design__training=locked, step__deliverable=DeliverableKind.PACKAGE, done_at__isnull=False
            ).update(done_at=None, done_by=None)
        return package


@transaction.atomic
def set_model(training, user, is_model: bool) -> TrainingDesign:
    design, _ = TrainingDesign.objects.get_or_create(training=training)
    design.is_model = is_model
    design.model_marked_by = user if is_model else None
    design.save(update_fields=["is_model", "model_marked_by", "updated_at"])
    return design
