"""The facets ``offer`` itself defines: collection, modality, duration band, owner, scope, open registration."""

from decimal import Decimal

from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from mentor.offer.enums import Modality, OpenTo, Scope, SessionStatus
from mentor.offer.models import Collection, Session, in_collections
from mentor.offer.models.training import collections_in
from mentor.organisations.models import Organisation

from .facets import ChoiceFacet, FacetDefinition, FacetValue, YesFacet, register_facet

# Most owners the owner facet shows (the selected ones are always shown).
MAX_OWNERS = 30


class CollectionFacet(FacetDefinition):
    """By collection slug; a parent collection counts and selects its sub-collections too."""

    param = "collection"
    label = "Collection"

    def clean(self, values):
        known = set(Collection.objects.filter(slug__in=values).values_list("slug", flat=True))
        return list(dict.fromkeys(v for v in values if v in known))

    def condition(self, values, user):
        return in_collections(values)

    def group_expression(self, user):
        return F("collection_id")

    def indexed_selection(self, values, user):
        return [str(pk) for pk in collections_in(values).values_list("pk", flat=True)]

    def values(self, counts, selected):
        # Rows, not instances: the catalogue asks this on every search that was not kept.
        collections = list(Collection.objects.values_list("pk", "slug", "name", "parent_id"))
        result = []
        for pk, slug, name, _ in (c for c in collections if c[3] is None):
            children = [c for c in collections if c[3] == pk]
            total = counts.get(str(pk), 0) + sum(counts.get(str(child[0]), 0) for child in children)
            if total or slug in selected:
                result.append(FacetValue(slug, name, total, slug in selected))
            for child_pk, child_slug, child_name, _ in children:
                count = counts.get(str(child_pk), 0)
                if count or child_slug in selected:
                    result.append(FacetValue(child_slug, child_name, count, child_slug in selected, depth=1))
        return result


class FieldFacet(ChoiceFacet):
    """By the value of one choice field of the training, named as the facet's parameter."""

    def __init__(self, field: str, label: str, choices: list[tuple[str, str]]):
        self.param, self.label, self.choices = field, label, choices

    def condition(self, values, user):
        return Q(**{f"{self.param}__in": values})

    def group_expression(self, user):
        return F(self.param)


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
        q &= Q(GreaterThanOrEqual(TOTAL_HOURS, Decimal(low)))
    if high is not None:
        q &= Q(LessThan(TOTAL_HOURS, Decimal(high)))
    return q


class DurationFacet(ChoiceFacet):
    param = "duration"
    label = "Durée"
    choices = [(value, label) for value, label, _, _ in DURATION_BANDS]

    def condition(self, values, user):
        bands = Q()
        for value, _, low, high in DURATION_BANDS:
            if value in values:
                bands |= _in_band(low, high)
        return bands

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
    many_values = True

    def clean(self, values):
        known = set(Organisation.objects.filter(code__in=values).values_list("code", flat=True))
        return list(dict.fromkeys(v for v in values if v in known))

    def condition(self, values, user):
        return Q(owner__in=Organisation.objects.filter(code__in=values).values("pk"))

    def group_expression(self, user):
        return F("owner_id")

    def indexed_selection(self, values, user):
        return [str(pk) for pk in Organisation.objects.filter(code__in=values).values_list("pk", flat=True)]

    def values(self, counts, selected):
        top = {pk for pk, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_OWNERS]}
        # The selected owners are shown whatever their rank, even with no result left, so they can be unselected.
        owners = Organisation.objects.filter(Q(pk__in=[int(pk) for pk in top]) | Q(code__in=selected))
        values = [
            FacetValue(code, name, counts.get(str(pk), 0), code in selected)
            for pk, code, name in owners.values_list("pk", "code", "name")
        ]
        return sorted(values, key=lambda v: (-v.count, v.label))


class OpenRegistrationFacet(YesFacet):
    """Trainings with a session the user may see (the one rule) whose registration is open.

    A session open to all reads as a flag of its training (``Training.registration_open_to_all``, kept by
    ``offer.sessions``); only the sessions opened to some organisations are looked up, among those open to the
    user (``Session.objects.open_to``). The trainings filtered and counted are already visible to the user, so
    together this is exactly ``Session.objects.visible_to``. An uncorrelated ``IN``: the database lists those few
    sessions once and hashes them, where a correlated ``EXISTS`` would be run again for every training counted.
    """

    param = "open_registration"
    label = "Inscriptions"
    choices = [("1", "Avec une session ouverte aux inscriptions")]

    def condition(self, values, user):
        open_to_all = Q(registration_open_to_all=True)
        if not user.is_authenticated or not user.entity_id:
            return open_to_all
        owner, listed = Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN).reserved_to(user)
        return open_to_all | Q(pk__in=owner.values("training_id")) | Q(pk__in=listed.values("training_id"))

    def indexed(self, trainings):
        """ "1" when a session is open to all; else, for each session open to some organisations, ``RESERVED``
        and the organisations whose agents (and those below) it is open to, the same as ``Session.reserved_to``
        reads them."""
        found = {
            pk: ["1"] for pk in trainings.filter(registration_open_to_all=True).values_list("pk", flat=True)
        }
        opened = Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN, training__in=trainings)
        owners = opened.filter(open_to=OpenTo.OWNER).values_list("training_id", "organiser_id")
        listed = Session.open_to_organisations.through.objects.filter(
            session__in=opened.filter(open_to=OpenTo.LIST)
        ).values_list("session__training_id", "organisation_id")
        for pk, organisation_id in (*owners, *listed):
            values = found.setdefault(pk, [])
            values.extend(v for v in (RESERVED, reserved_for(organisation_id)) if v not in values)
        return found

    def indexed_selection(self, values, user):
        if not user.is_authenticated or not user.entity_id:
            return ["1"]
        return ["1", *(reserved_for(pk) for pk in user.entity.ancestor_ids)]


# Indexed values of the open registration facet: a training with an open session reserved to some organisations,
# and one reserved to a given organisation's agents.
RESERVED = "reserved"


def reserved_for(organisation_id: int) -> str:
    return f"organisation-{organisation_id}"


for definition in (
    CollectionFacet(),
    FieldFacet("modality", "Modalité", Modality.choices),
    DurationFacet(),
    OwnerFacet(),
    FieldFacet("scope", "Portée", Scope.choices),
    OpenRegistrationFacet(),
):
    register_facet(definition)
