"""The facets ``offer`` itself defines: collection, modality, duration band, owner, scope, open registration."""

from decimal import Decimal

from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.lookups import LessThan

from mentor.offer.enums import Modality, Scope, SessionStatus
from mentor.offer.models import Collection, Session
from mentor.organisations.models import Organisation

from .facets import ChoiceFacet, FacetDefinition, FacetValue, register_facet

# Most owners the owner facet shows (the selected ones are always shown).
MAX_OWNERS = 30


class CollectionFacet(FacetDefinition):
    """By collection slug; a parent collection counts and selects its sub-collections too."""

    param = "collection"
    label = "Collection"
    partitions = True

    def clean(self, values):
        known = set(Collection.objects.filter(slug__in=values).values_list("slug", flat=True))
        return list(dict.fromkeys(v for v in values if v in known))

    def apply(self, queryset, values, user):
        chosen = Collection.objects.filter(Q(slug__in=values) | Q(parent__slug__in=values)).values("pk")
        return queryset.filter(collection__in=chosen)

    def group_expression(self, user):
        return F("collection_id")

    def values(self, counts, selected):
        collections = list(Collection.objects.only("pk", "slug", "name", "parent_id"))
        result = []
        for parent in (c for c in collections if c.parent_id is None):
            children = [c for c in collections if c.parent_id == parent.pk]
            total = sum(counts.get(str(c.pk), 0) for c in (parent, *children))
            if total or parent.slug in selected:
                result.append(FacetValue(parent.slug, parent.name, total, parent.slug in selected))
            for child in children:
                count = counts.get(str(child.pk), 0)
                if count or child.slug in selected:
                    result.append(FacetValue(child.slug, child.name, count, child.slug in selected, depth=1))
        return result


class ModalityFacet(ChoiceFacet):
    param = "modality"
    label = "Modalité"
    choices = Modality.choices
    partitions = True

    def apply(self, queryset, values, user):
        return queryset.filter(modality__in=values)

    def group_expression(self, user):
        return F("modality")


# Bands of total hours (on site + remote), lower bound included, upper bound excluded.
DURATION_BANDS = [
    ("moins-de-3h", "Moins de 3 heures", None, 3),
    ("3h-7h", "De 3 à moins de 7 heures", 3, 7),
    ("7h-21h", "De 7 à moins de 21 heures", 7, 21),
    ("21h-et-plus", "21 heures et plus", 21, None),
]
TOTAL_HOURS = F("duration_on_site_hours") + F("duration_remote_hours")


def _in_band(low, high) -> Q:
    q = Q()
    if low is not None:
        q &= Q(catalogue_total_hours__gte=Decimal(low))
    if high is not None:
        q &= Q(catalogue_total_hours__lt=Decimal(high))
    return q


class DurationFacet(ChoiceFacet):
    param = "duration"
    label = "Durée"
    choices = [(value, label) for value, label, _, _ in DURATION_BANDS]
    partitions = True

    def apply(self, queryset, values, user):
        bands = Q()
        for value, _, low, high in DURATION_BANDS:
            if value in values:
                bands |= _in_band(low, high)
        return queryset.alias(catalogue_total_hours=TOTAL_HOURS).filter(bands)

    def group_expression(self, user):
        # The bands are in order: the first upper bound above the total names its band.
        return Case(
            *(
                When(LessThan(TOTAL_HOURS, high), then=Value(value))
                for value, _, _, high in DURATION_BANDS[:-1]
            ),
            default=Value(DURATION_BANDS[-1][0]),
        )


class OwnerFacet(FacetDefinition):
    """By the owner organisation's code: the most frequent owners, and the selected ones."""

    param = "owner"
    label = "Organisation productrice"

    def clean(self, values):
        known = set(Organisation.objects.filter(code__in=values).values_list("code", flat=True))
        return list(dict.fromkeys(v for v in values if v in known))

    def apply(self, queryset, values, user):
        return queryset.filter(owner__code__in=values)

    def group_expression(self, user):
        return F("owner_id")

    def values(self, counts, selected):
        top = {pk for pk, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_OWNERS]}
        # The selected owners are shown whatever their rank, even with no result left, so they can be unselected.
        owners = Organisation.objects.filter(Q(pk__in=[int(pk) for pk in top]) | Q(code__in=selected))
        values = [
            FacetValue(owner.code, owner.name, counts.get(str(owner.pk), 0), owner.code in selected)
            for owner in owners.only("pk", "code", "name")
        ]
        return sorted(values, key=lambda v: (-v.count, v.label))


class ScopeFacet(ChoiceFacet):
    param = "scope"
    label = "Portée"
    choices = Scope.choices
    partitions = True

    def apply(self, queryset, values, user):
        return queryset.filter(scope__in=values)

    def group_expression(self, user):
        return F("scope")


class OpenRegistrationFacet(ChoiceFacet):
    """Trainings with a session the user may see (the one rule) whose registration is open.

    The trainings it filters and counts are always already visible to the user, so a session only has to be
    open to them (``Session.objects.open_to``): together, exactly ``Session.objects.visible_to``, without
    joining the visibility rule a second time. Counted by its own query rather than in the grouped one: as a
    filter, the database runs the session lookup as a semi-join (by index for a few results, by hash for many),
    where a per-row expression would hash every open session even for a handful of results.
    """

    param = "open_registration"
    label = "Inscriptions"
    choices = [("1", "Avec une session ouverte aux inscriptions")]

    def _with_open_session(self, user):
        return Exists(
            Session.objects.open_to(user).filter(
                training=OuterRef("pk"), status=SessionStatus.REGISTRATION_OPEN
            )
        )

    def apply(self, queryset, values, user):
        return queryset.filter(self._with_open_session(user))

    def count(self, queryset, user):
        return {"1": queryset.filter(self._with_open_session(user)).count()}


for definition in (
    CollectionFacet(),
    ModalityFacet(),
    DurationFacet(),
    OwnerFacet(),
    ScopeFacet(),
    OpenRegistrationFacet(),
):
    register_facet(definition)
