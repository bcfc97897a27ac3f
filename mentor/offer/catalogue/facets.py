"""Facets of the catalogue: what each one filters and counts, and the registry other apps add their facets to
(``editorial`` registers its label facet from its ``AppConfig.ready()``; ``offer`` never imports ``editorial``)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, CharField, Value, When


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0  # 1 for a sub-collection under its parent


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue]


class FacetDefinition:
    """One facet. ``condition`` says which trainings match the selected values (OR within the facet);
    ``group_expression`` gives the facet value of a training (NULL when it has none), so that every facet is
    counted in one grouped query (see ``counting``); ``values`` turns those counts into facet values. A count
    equals what selecting that value would return.
    """

    param = ""
    label = ""
    # Hundreds of values or more: counted apart from the others (see ``counting``).
    many_values = False

    def clean(self, values: list[str]) -> list[str]:
        """The known values among ``values``, in order, without duplicates."""
        raise NotImplementedError

    def condition(self, values: list[str], user):
        """A ``Q`` or boolean expression over trainings: matching one of ``values`` (already cleaned)."""
        raise NotImplementedError

    def group_expression(self, user):
        """An expression giving the facet value of a training."""
        raise NotImplementedError

    def values(self, counts: dict[str, int], selected: list[str]) -> list[FacetValue]:
        """The facet values from ``counts`` (facet value as text -> number of trainings)."""
        raise NotImplementedError

    def indexed(self, trainings) -> dict[int, list[str]]:
        """The values each of ``trainings`` (a queryset) holds under this facet in the resident index
        (``catalogue.resident``): what ``group_expression`` gives for a visitor, unless a facet says otherwise."""
        rows = trainings.annotate(facet_value=self.group_expression(AnonymousUser()))
        return {pk: [str(v)] for pk, v in rows.values_list("pk", "facet_value") if v is not None}

    def indexed_selection(self, values: list[str], user) -> list[str]:
        """The indexed values (``indexed``) of the trainings that match ``values`` (already cleaned) for
        ``user``: a training matches when it holds one of them."""
        return list(values)


class ChoiceFacet(FacetDefinition):
    """A facet over a fixed list of ``choices`` (value, label), all shown even when their count is 0."""

    choices: list[tuple[str, str]] = []

    def clean(self, values):
        known = dict(self.choices)
        return list(dict.fromkeys(v for v in values if v in known))

    def values(self, counts, selected):
        return [
            FacetValue(value, label, counts.get(value, 0), value in selected) for value, label in self.choices
        ]


class YesFacet(ChoiceFacet):
    """A facet with one value, "1": the trainings meeting ``condition``."""

    def group_expression(self, user):
        return Case(
            When(self.condition(["1"], user), then=Value("1")), default=None, output_field=CharField()
        )


_registry: dict[str, FacetDefinition] = {}


def register_facet(definition: FacetDefinition) -> FacetDefinition:
    """Add a facet to the catalogue (search, pages and API) after those already registered."""
    _registry[definition.param] = definition
    return definition


def facet_definitions() -> list[FacetDefinition]:
    return list(_registry.values())
