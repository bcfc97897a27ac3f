from django.shortcuts import get_object_or_404, render

from mentor.offer.models import Collection, StrategicOrientation


def home(request):
    collections = (
        Collection.objects.filter(parent__isnull=True).select_related("lead").prefetch_related("children")
    )
    return render(request, "www/home/home.html", {"collections": collections})


def collection_detail(request, slug):
    collection = get_object_or_404(Collection.objects.select_related("lead", "parent"), slug=slug)
    orientations = StrategicOrientation.objects.filter(collection=collection).prefetch_related(
        "thematic_offers__objectives"
    )
    context = {
        "collection": collection,
        "orientations": orientations,
        "children": collection.children.select_related("lead"),
    }
    return render(request, "www/home/collection.html", context)
