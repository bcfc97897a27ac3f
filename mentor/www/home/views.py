from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from mentor.editorial.labels import attach_valid_labels
from mentor.funding.enums import CallStatus
from mentor.funding.models import Call
from mentor.offer.models import Collection, Objective, StrategicOrientation, Training, in_collections

from ..breadcrumb import breadcrumb


def home(request):
    collections = (
        Collection.objects.filter(parent__isnull=True).select_related("lead").prefetch_related("children")
    )
    open_calls = Call.objects.filter(status=CallStatus.OPEN).order_by("closes_at", "pk")
    return render(request, "www/home/home.html", {"collections": collections, "open_calls": open_calls})


def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.select_related("lead", "parent"), slug=slug)
    orientations = list(
        StrategicOrientation.objects.filter(collection=collection).prefetch_related(
            "thematic_offers__objectives"
        )
    )
    visible = Training.objects.visible_to(request.user)
    # Counted like the catalogue counts a collection (its sub-collections included), in one query.
    counts = dict(
        visible.filter(in_collections([collection.slug]))
        .order_by()
        .values_list("collection")
        .annotate(count=Count("pk"))
    )
    children = list(collection.children.select_related("lead"))
    for child in children:
        child.training_count = counts.get(child.pk, 0)
    trainings = list(
        visible.filter(collection=collection)
        .select_related("collection", "owner")
        .prefetch_related(
            Prefetch("covered_objectives", queryset=Objective.objects.only("pk", "thematic_offer_id"))
        )
        .order_by("title")
    )
    attach_valid_labels(trainings)
    sections, others = group_by_theme(orientations, trainings)
    parent = collection.parent
    context = {
        "breadcrumb_data": breadcrumb(
            *([(parent.name, parent.get_absolute_url())] if parent else []), current=collection.name
        ),
        "collection": collection,
        "sections": sections,
        "other_trainings": others,
        "training_count": sum(counts.values()),
        "children": children,
    }
    return render(request, "www/home/collection.html", context)


def group_by_theme(orientations, trainings):
    """Place each training under every thematic offer of the collection whose objectives it covers; those
    covering none of them are the collection's "other trainings"."""
    by_theme = {}
    others = []
    theme_ids = {theme.pk for o in orientations for theme in o.thematic_offers.all()}
    for training in trainings:
        themes = {o.thematic_offer_id for o in training.covered_objectives.all()} & theme_ids
        for theme_id in themes:
            by_theme.setdefault(theme_id, []).append(training)
        if not themes:
            others.append(training)
    sections = [
        {
            "orientation": orientation,
            "themes": [
                {"theme": theme, "trainings": by_theme.get(theme.pk, [])}
                for theme in orientation.thematic_offers.all()
            ],
        }
        for orientation in orientations
    ]
    return sections, others
