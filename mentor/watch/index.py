"""The similarity index (``TrainingTerm`` and ``TermCount``), kept in step with every training, whatever its
status: the lookup decides what it proposes.

A save that changes a text (or the FORMACODE codes) re-analyses the training in the same transaction; a save of
the status alone (the editorial workflow) does not. Bulk loads that bypass the signals are caught up by
``rebuild()``, which runs after every rebuild of the full-text index (``manage.py rebuild_search_index``, and
``generate_bench_data`` through it).
"""

from django.db import transaction
from django.db.models import Count, F
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from mentor.core.search import index_rebuilt
from mentor.offer.models import Training
from mentor.offer.search_index import TRAINING_INDEX

from .analysis import FIELD_WEIGHTS, Analysis, analyse
from .models import TermCount, TrainingTerm

EVERY_TRAINING = "*"
TEXT_FIELDS = tuple(FIELD_WEIGHTS)


def analyse_training(training: Training, codes=None) -> Analysis:
    """The terms of a saved training; ``codes`` (its FORMACODE codes) are read when not given."""
    if codes is None:
        codes = (
            list(training.formacode_terms.values_list("code", flat=True).order_by("code"))
            if training.pk
            else []
        )
    return analyse({name: getattr(training, name) for name in TEXT_FIELDS}, codes)


def _weights_of(training_id: int) -> dict[str, float]:
    return dict(TrainingTerm.objects.filter(training_id=training_id).values_list("term_id", "weight"))


def _count(terms, step: int) -> None:
    if not terms:
        return
    TermCount.objects.bulk_create([TermCount(term=t) for t in sorted(terms)], ignore_conflicts=True)
    TermCount.objects.filter(term__in=terms).update(trainings=F("trainings") + step)


def index_training(training: Training) -> None:
    """Write the terms of ``training`` again (nothing when they did not change)."""
    weights = {**analyse_training(training).weights, EVERY_TRAINING: 0.0}
    with transaction.atomic():
        old = _weights_of(training.pk)
        if old == weights:
            return
        TrainingTerm.objects.filter(training_id=training.pk).delete()
        TrainingTerm.objects.bulk_create(
            [TrainingTerm(training_id=training.pk, term_id=t, weight=w) for t, w in sorted(weights.items())]
        )
        _count(set(weights) - set(old), +1)
        _count(set(old) - set(weights), -1)


def forget_training(training_id: int) -> None:
    with transaction.atomic():
        old = _weights_of(training_id)
        TrainingTerm.objects.filter(training_id=training_id).delete()
        _count(set(old), -1)


@receiver(post_save, sender=Training, dispatch_uid="watch.index.training_saved")
def _training_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not set(update_fields) & set(TEXT_FIELDS)):
        return
    index_training(instance)


@receiver(m2m_changed, sender=Training.formacode_terms.through, dispatch_uid="watch.index.codes_changed")
def _codes_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse:
        index_training(instance)


@receiver(pre_delete, sender=Training, dispatch_uid="watch.index.training_deleted")
def _training_deleted(sender, instance, **kwargs):
    forget_training(instance.pk)


def rebuild(batch_size: int = 2_000) -> int:
    """Analyse every training again and recount the terms; returns the trainings indexed."""
    codes: dict[int, list[str]] = {}
    through = Training.formacode_terms.through
    for training_id, code in through.objects.values_list("training_id", "formacodeterm_id").order_by(
        "training_id", "formacodeterm_id"
    ):
        codes.setdefault(training_id, []).append(code)
    count = 0
    with transaction.atomic():
        TrainingTerm.objects.all().delete()
        TermCount.objects.all().delete()
        last = 0
        while True:
            batch = list(
                Training.objects.filter(pk__gt=last).order_by("pk").only("pk", *TEXT_FIELDS)[:batch_size]
            )
            if not batch:
                break
            rows = []
            for training in batch:
                weights = analyse_training(training, codes.get(training.pk, [])).weights
                weights[EVERY_TRAINING] = 0.0
                rows += [
                    TrainingTerm(training_id=training.pk, term_id=t, weight=w) for t, w in weights.items()
                ]
            TrainingTerm.objects.bulk_create(rows, batch_size=5_000)
            last, count = batch[-1].pk, count + len(batch)
        counts = TrainingTerm.objects.values("term_id").annotate(n=Count("id")).order_by("term_id")
        TermCount.objects.bulk_create(
            [TermCount(term=row["term_id"], trainings=row["n"]) for row in counts], batch_size=5_000
        )
    return count


@receiver(index_rebuilt, dispatch_uid="watch.index.search_index_rebuilt")
def _search_index_rebuilt(sender, index, using, **kwargs):
    if index == TRAINING_INDEX:
        rebuild()
