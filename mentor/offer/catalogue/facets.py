"""Facets of the catalogue: what each one filters and counts, and the registry other apps add their facets to
(``editorial`` registers its label facet from its ``AppConfig.ready()``; ``offer`` never imports ``editorial``)."""

from dataclasses import dataclass


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
    """One facet. ``apply`` filters a queryset of trainings by the selected values (OR within the facet).

    Counting: a facet with a ``group_expression`` (the facet value of one row, as text) is counted together with
    the other facets in one grouped query (see ``counting``); ``values`` turns its counts into facet values. A
    facet without one (several values per training…) implements ``count`` (or ``build``), called with the
    trainings already filtered by every other facet: one more query. Either way a count equals what selecting
    that value would return.
    """

    param = ""
    label = ""
    # Every training has exactly one value: the counts add up to the number of results, which then needs no query.
    partitions = False

    def clean(self, values: list[str]) -> list[str]:
        """The known values among ``values``, in order, without duplicates."""
        raise NotImplementedError

    def apply(self, queryset, values: list[str], user):
        raise NotImplementedError

    def group_expression(self, user):
        """An expression giving the facet value of a training, or None to count with ``build``."""
        return None

    def values(self, counts: dict[str, int], selected: list[str]) -> list[FacetValue]:
        """The facet values from ``counts`` (facet value as text -> number of trainings)."""
        raise NotImplementedError

    def count(self, queryset, user) -> dict[str, int]:
        """Facet value -> number of trainings in ``queryset``, for a facet without a group expression."""
        raise NotImplementedError

    def build(self, queryset, selected: list[str], user) -> Facet:
        """The facet over ``queryset`` (already filtered by every other facet), for a facet without a group
        expression."""
        return Facet(self.param, self.label, self.values(self.count(queryset, user), selected))


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


_registry: dict[str, FacetDefinition] = {}


def register_facet(definition: FacetDefinition) -> FacetDefinition:
    """Add a facet to the catalogue (search, pages and API) after those already registered."""
    _registry[definition.param] = definition
    return definition


def facet_definitions() -> list[FacetDefinition]:
    return list(_registry.values())
