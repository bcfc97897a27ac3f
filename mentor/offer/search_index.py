"""The full-text index of trainings, kept in step with every save and delete.

Besides its own texts, a training is found by where it stands in the offer: the names of its collection (and of the
parent collection), of the thematic offers and the objectives it covers, weighed below the title. Renaming any of
them, moving a collection, or changing the objectives a training covers re-indexes the trainings concerned, in the
same transaction.

Every training is indexed whatever its status: the visibility rule, applied to every search, decides what a user
finds. A change of indexed text made with ``QuerySet.update`` or ``bulk_create`` needs ``rebuild()`` (or
``manage.py rebuild_search_index``). Every change indexed here is also journalled for the catalogue's resident
index (``catalogue.resident``), which holds statuses too: a write that sends no signal calls
``catalogue.cache.catalogue_changed``.
"""

from difflib import SequenceMatcher

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from mentor.core import search
from mentor.core.search import RelatedText, SearchIndex, SearchQuery, engine, parse_query, register
from mentor.core.text import unaccent, written_forms

from .models import Collection, Objective, ThematicOffer, Training

_TRAINING = Training._meta.db_table
_COLLECTION = Collection._meta.db_table
_COVERED = Training.covered_objectives.through._meta.db_table
_OBJECTIVE = Objective._meta.db_table
_THEME = ThematicOffer._meta.db_table
_COVERED_OBJECTIVES = (
    f"FROM {_COVERED} covered JOIN {_OBJECTIVE} objective ON objective.id = covered.objective_id "
    f"WHERE covered.training_id = {_TRAINING}.id"
)
COLLECTION_NAMES = RelatedText(
    "collection.name || ' ' || COALESCE(parent.name, '')",
    f"FROM {_COLLECTION} collection LEFT JOIN {_COLLECTION} parent ON parent.id = collection.parent_id "
    f"WHERE collection.id = {_TRAINING}.collection_id",
)
THEMATIC_OFFER_TITLES = RelatedText(
    "theme.title",
    _COVERED_OBJECTIVES.replace(
        "WHERE", f"JOIN {_THEME} theme ON theme.id = objective.thematic_offer_id WHERE"
    ),
)
OBJECTIVE_TEXTS = RelatedText("objective.text", _COVERED_OBJECTIVES)

TRAINING_INDEX = register(
    SearchIndex(
        table="offer_training_search",
        source_table=_TRAINING,
        title="title",
        summary=("teaser", "keywords", COLLECTION_NAMES, THEMATIC_OFFER_TITLES),
        body=("description", "learning_outcomes", OBJECTIVE_TEXTS),
    )
)
# Trainings re-indexed by one statement when a collection or a theme is renamed.
BATCH = 500


@receiver(post_save, sender=Training, dispatch_uid="offer.search_index.index_training")
def index_training(sender, instance, using, **kwargs):
    # In the transaction of the save: the index lives in the same database, so it commits or rolls back with it.
    # The catalogue's resident index hears of the save from ``catalogue.invalidation``.
    engine(using).index_rows(TRAINING_INDEX, [instance.pk])


@receiver(post_delete, sender=Training, dispatch_uid="offer.search_index.forget_training")
def forget_training(sender, instance, using, **kwargs):
    engine(using).remove_rows(TRAINING_INDEX, [instance.pk])


def _index(ids, using) -> None:
    """Index again trainings whose related texts changed: the catalogue's resident index re-reads them too, which
    no save of theirs tells it."""
    from .catalogue import resident  # the catalogue reads this module: imported when needed

    engine(using).index_rows(TRAINING_INDEX, ids)
    resident.changed(ids, using)


def _reindex(trainings, using) -> None:
    ids = list(trainings.using(using).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        _index(ids[start : start + BATCH], using)


@receiver(
    m2m_changed, sender=Training.covered_objectives.through, dispatch_uid="offer.search_index.objectives"
)
def index_covered_objectives(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _index([instance.pk], using)
    elif pk_set:
        _reindex(Training.objects.filter(pk__in=pk_set), using)
    elif action == "post_clear":
        # The trainings an objective covered are gone from the link table by now: see pre_clear below.
        _reindex(Training.objects.filter(pk__in=getattr(instance, "_indexed_trainings", [])), using)


@receiver(
    m2m_changed, sender=Training.covered_objectives.through, dispatch_uid="offer.search_index.pre_clear"
)
def remember_cleared_trainings(sender, instance, action, reverse, using, **kwargs):
    if action == "pre_clear" and reverse:
        instance._indexed_trainings = list(instance.trainings.using(using).values_list("pk", flat=True))


@receiver(post_save, sender=Collection, dispatch_uid="offer.search_index.collection")
def index_collection_trainings(sender, instance, using, created, **kwargs):
    if not created:
        _reindex(Training.objects.filter(Q(collection=instance) | Q(collection__parent=instance)), using)


@receiver(post_save, sender=ThematicOffer, dispatch_uid="offer.search_index.thematic_offer")
def index_thematic_offer_trainings(sender, instance, using, created, **kwargs):
    if not created:
        _reindex(Training.objects.filter(covered_objectives__thematic_offer=instance).distinct(), using)


@receiver(post_save, sender=Objective, dispatch_uid="offer.search_index.objective")
def index_objective_trainings(sender, instance, using, created, **kwargs):
    if not created:
        _reindex(Training.objects.filter(covered_objectives=instance), using)


@receiver(pre_delete, sender=Objective, dispatch_uid="offer.search_index.objective_deleting")
def remember_objective_trainings(sender, instance, using, **kwargs):
    # The links go with the objective (a cascade sends no m2m_changed): read them while they are there.
    instance._indexed_trainings = list(instance.trainings.using(using).values_list("pk", flat=True))


@receiver(post_delete, sender=Objective, dispatch_uid="offer.search_index.objective_deleted")
def index_trainings_of_deleted_objective(sender, instance, using, **kwargs):
    _reindex(Training.objects.filter(pk__in=getattr(instance, "_indexed_trainings", [])), using)


def rebuild(batch_size: int = 10_000) -> int:
    """Index every training again, with set-based statements of ``batch_size`` rows; returns the rows indexed."""
    return search.rebuild(TRAINING_INDEX, batch_size)


def parse(text: str, exact: bool = False) -> SearchQuery:
    """What the user typed, as the engine will search it: words, FORMACODE synonyms and, unless ``exact``,
    near-misses."""
    query = parse_query(text)
    return query if exact else engine().prepare(TRAINING_INDEX, query)


# Trainings read to find how a correction is written: any of them holds it.
SPELLING_SAMPLE = 10


def spellings(queryset, query: SearchQuery) -> dict[str, str]:
    """Each corrected typed word of ``query`` -> the correction shown instead, as a training of ``queryset`` (of
    those the user may see) writes it: the best correction that one of them holds. One query per corrected word,
    only when a word was corrected."""
    shown = {}
    for typed, terms in query.corrections:
        alternatives = SearchQuery(text=" ".join(terms), groups=(tuple((term,) for term in terms),))
        rows = (
            queryset.filter(pk__in=engine(queryset.db).matching_ids(TRAINING_INDEX, alternatives))
            .order_by("pk")
            .values_list("title", "teaser", "keywords", "description", "learning_outcomes")[:SPELLING_SAMPLE]
        )
        forms = written_forms(" ".join(text for row in rows for text in row), set(terms))
        # The best correction held, written as the form most like what was typed ("management", not "manager").
        written = next((forms[term] for term in terms if term in forms), None)
        if written:
            shown[typed] = max(
                sorted(written), key=lambda w: SequenceMatcher(None, typed, unaccent(w)).ratio()
            )
    return shown


def matching(queryset, query: SearchQuery):
    """``queryset`` (of trainings) restricted to those matching ``query`` (all of it when ``query`` is empty)."""
    if not query:
        return queryset
    return queryset.filter(pk__in=engine(queryset.db).matching_ids(TRAINING_INDEX, query))


def with_rank(queryset, query: SearchQuery):
    """``queryset`` annotated with ``search_rank`` (higher is better, title matches first)."""
    outer_pk = f'"{Training._meta.db_table}"."id"'
    return queryset.annotate(search_rank=engine(queryset.db).rank(TRAINING_INDEX, query, outer_pk))
