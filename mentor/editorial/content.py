"""The content of a training as the editorial workflow sees it: which fields a designer edits, what is missing
before submission, and how a revision differs from the published version."""

import copy
from dataclasses import dataclass
from decimal import Decimal

from mentor.offer.models import Training

# Fields a designer edits, by step of the contribution pages, in order: the step forms of /contribuer/ are built
# from these lists, so a field a designer can edit is always one a revision keeps. The covered objectives, a list,
# are a step of their own (``serialise`` stores them apart). Owner, collection and scope are not here: they decide
# who reviews, so they are chosen at creation and changed only while the training is a draft.
CONTENT_STEPS = {
    "description": ["title", "teaser", "description", "learning_outcomes", "content_outline", "keywords"],
    "audience": ["target_audience", "prerequisites", "contact_name", "contact_email"],
    "delivery": [
        "modality",
        "duration_on_site_hours",
        "duration_remote_hours",
        "language",
        "leads_to_certification",
        "delivery_url",
    ],
}
CONTENT_FIELDS = [name for fields in CONTENT_STEPS.values() for name in fields]

# Always needed before a training can be submitted; indicators may require more (Indicator.required_field).
REQUIRED_FIELDS = ["title", "teaser", "description", "learning_outcomes", "target_audience", "contact_email"]

# The fields an indicator may declare as required.
INDICATOR_FIELD_CHOICES = [
    (name, Training._meta.get_field(name).verbose_name.capitalize())
    for name in ["content_outline", "prerequisites", "keywords", "contact_name", "thumbnail"]
]


def field_label(name: str) -> str:
    if name == "covered_objectives":
        return "Objectifs ciblés couverts"
    return str(Training._meta.get_field(name).verbose_name).capitalize()


def is_blank(value) -> bool:
    # A FieldFile without a file is falsy, like an empty string.
    return value is None or not value


def serialise(training: Training, objective_ids) -> dict:
    """The content of ``training`` as JSON-safe values, as a revision stores them."""
    values = {name: Training._meta.get_field(name).value_to_string(training) for name in CONTENT_FIELDS}
    values["covered_objectives"] = sorted(objective_ids)
    return values


def apply(training: Training, values: dict) -> Training:
    """Set the stored ``values`` on ``training`` (in memory; the caller saves)."""
    for name in CONTENT_FIELDS:
        if name in values:
            setattr(training, name, Training._meta.get_field(name).to_python(values[name]))
    return training


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    published: str
    proposed: str

    @property
    def changed(self) -> bool:
        return self.published != self.proposed


def diff(training: Training, values: dict) -> list[FieldChange]:
    """Field-by-field comparison of the published ``training`` with proposed ``values``, for reviewers."""
    current = serialise(training, training.covered_objectives.values_list("pk", flat=True))
    proposed = {**current, **values}
    objective_text = dict(
        training.covered_objectives.model.objects.filter(
            pk__in=set(current["covered_objectives"]) | set(proposed["covered_objectives"])
        ).values_list("pk", "text")
    )
    rows = []
    for name in [*CONTENT_FIELDS, "covered_objectives"]:
        before, after = current[name], proposed[name]
        if name == "covered_objectives":
            before = "\n".join(objective_text.get(pk, "") for pk in before)
            after = "\n".join(objective_text.get(pk, "") for pk in after)
        rows.append(FieldChange(name, field_label(name), _display(name, before), _display(name, after)))
    return rows


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    value: str


def shown(training: Training, values: dict | None = None) -> list[ShownField]:
    """Every field a designer fills in, as a reviewer reads it (what the grid rates, nothing left out), in the
    order of the contribution steps, the covered objectives last: the training's, or with ``values`` those of a
    revision proposing them."""
    if values:
        training = apply(copy.copy(training), values)
    rows = [
        ShownField(
            name, field_label(name), _display(name, Training._meta.get_field(name).value_to_string(training))
        )
        for name in CONTENT_FIELDS
    ]
    if values and "covered_objectives" in values:
        objectives = Training.covered_objectives.rel.model.objects.filter(
            pk__in=values["covered_objectives"]
        ).order_by("pk")
    else:
        objectives = training.covered_objectives.order_by("pk")
    texts = "\n".join(objective.text for objective in objectives)
    rows.append(ShownField("covered_objectives", field_label("covered_objectives"), texts or "—"))
    return rows


def _display(name: str, value) -> str:
    """A stored value as a person reads it: the label of a choice, « Oui » or « Non », hours, « — » for nothing."""
    field = Training._meta.get_field(name) if name != "covered_objectives" else None
    if field is not None and field.choices:
        return str(dict(field.choices).get(value, value))
    if name == "leads_to_certification":
        return "Oui" if value in (True, "True") else "Non"
    if name in ("duration_on_site_hours", "duration_remote_hours"):
        hours = f"{Decimal(value or 0).normalize():f}".replace(".", ",")
        return f"{hours} h"
    if name == "language":
        return LANGUAGES.get(value, value)
    return str(value) if value not in (None, "") else "—"


LANGUAGES = {"fr": "français", "en": "anglais", "de": "allemand", "es": "espagnol", "it": "italien"}
