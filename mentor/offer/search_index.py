"""The full-text index of trainings, kept in step with every save and delete.

Every training is indexed whatever its status: the visibility rule, applied to every search, decides what a user
finds, so a change of status (even through ``QuerySet.update``) needs no re-indexing. A change of indexed text made
with ``QuerySet.update`` or ``bulk_create`` does: call ``rebuild()`` (or ``manage.py rebuild_search_index``).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mentor.core import search
from mentor.core.search import SearchIndex, SearchQuery, engine, parse_query, register

from .models import Training

TRAINING_INDEX = register(
    SearchIndex(
        table="offer_training_search",
        source_table=Training._meta.db_table,
        title="title",
        summary=("teaser", "keywords"),
        body=("description", "learning_outcomes"),
    )
)


@receiver(post_save, sender=Training, dispatch_uid="offer.search_index.index_training")
def index_training(sender, instance, using, **kwargs):
    # In the transaction of the save: the index lives in the same database, so it commits or rolls back with it.
    engine(using).index_rows(TRAINING_INDEX, [instance.pk])


@receiver(post_delete, sender=Training, dispatch_uid="offer.search_index.forget_training")
def forget_training(sender, instance, using, **kwargs):
    engine(using).remove_rows(TRAINING_INDEX, [instance.pk])


def rebuild(batch_size: int = 10_000) -> int:
    """Index every training again, with set-based statements of ``batch_size`` rows; returns the rows indexed."""
    return search.rebuild(TRAINING_INDEX, batch_size)


def parse(text: str) -> SearchQuery:
    """What the user typed, as the engine will search it: words, FORMACODE synonyms and near-misses."""
    return engine().prepare(TRAINING_INDEX, parse_query(text))


def matching(queryset, query: SearchQuery):
    """``queryset`` (of trainings) restricted to those matching ``query`` (all of it when ``query`` is empty)."""
    if not query:
        return queryset
    return queryset.filter(pk__in=engine(queryset.db).matching_ids(TRAINING_INDEX, query))


def with_rank(queryset, query: SearchQuery):
    """``queryset`` annotated with ``search_rank`` (higher is better, title matches first)."""
    outer_pk = f'"{Training._meta.db_table}"."id"'
    return queryset.annotate(search_rank=engine(queryset.db).rank(TRAINING_INDEX, query, outer_pk))
