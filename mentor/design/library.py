"""The designers' library: what a user may read (by audience), its search (French, accent-insensitive: the query
is parsed by ``core/search`` and matched on the stems ``core/text`` computes), what changed recently, and the
writes (a resource, a new version of its file) that keep the search text and the "changed" date true."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentor.core.search.query import parse_query
from mentor.core.text import stemmed_text

from .enums import ResourceCategory, ResourceKind
from .models import Resource, ResourceVersion
from .permissions import audiences_of

RECENT = 6


def resources_for(user):
    audiences = audiences_of(user)
    resources = Resource.objects.select_related("training")
    return resources if audiences is None else resources.filter(audience__in=sorted(audiences))


def search(resources, text: str):
    """``resources`` matching every word typed (or one of its FORMACODE synonyms), whatever its accents or
    inflection."""
    query = parse_query(text)
    if not query:
        return resources
    for group in query.groups:
        condition = Q()
        for phrase in group:
            phrase_condition = Q()
            for word in phrase:
                phrase_condition &= Q(search_text__contains=f" {stemmed_text(word)} ")
            condition |= phrase_condition
        resources = resources.filter(condition)
    return resources


def recently_changed(resources):
    return resources.order_by("-changed_at", "-pk")[:RECENT]


def _search_text(resource) -> str:
    label = ResourceCategory(resource.category).label
    return f" {stemmed_text(' '.join([resource.title, resource.description, label]))} "


def save_resource(resource, note: str = "") -> Resource:
    """Create or change a resource's description (its file is versioned apart)."""
    resource.search_text = _search_text(resource)
    resource.changed_at = timezone.now()
    resource.change_note = note or ("Ressource ajoutée" if resource.pk is None else "Description mise à jour")
    if resource.kind != ResourceKind.LINK:
        resource.url = ""
    if resource.kind != ResourceKind.TRAINING:
        resource.training = None
    resource.save()
    return resource


@transaction.atomic
def add_version(resource, upload, note: str, user) -> ResourceVersion:
    """Keep the previous versions; the new one becomes the resource's file, with what changed and when."""
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    version = ResourceVersion.objects.create(
        resource=locked,
        number=locked.version_count + 1,
        file=upload,
        original_name=upload.name,
        size=upload.size,
        note=note,
        uploaded_by=user,
    )
    locked.version_count = version.number
    locked.changed_at = version.created_at
    locked.change_note = f"Version {version.number} : {note}"
    locked.save(update_fields=["version_count", "changed_at", "change_note", "updated_at"])
    return version
