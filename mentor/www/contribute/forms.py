from django import forms
from dsfr.forms import DsfrBaseForm

from mentor.editorial.content import CONTENT_STEPS
from mentor.offer.models import Objective, Training


class DsfrModelForm(forms.ModelForm, DsfrBaseForm):
    """A model form rendered with the design system's field snippets."""


class CreateForm(DsfrModelForm):
    """What decides who reviews: chosen at creation, changeable while the training is a draft."""

    class Meta:
        model = Training
        fields = ["title", "owner", "collection", "scope"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = self.fields["owner"].queryset.filter(
            pk__in=[o.pk for o in organisations]
        )
        self.fields["owner"].empty_label = None
        self.fields["collection"].queryset = self.fields["collection"].queryset.select_related("parent")


class DescriptionForm(DsfrModelForm):
    class Meta:
        model = Training
        fields = CONTENT_STEPS["description"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ["description", "learning_outcomes", "content_outline"]
        }


class AudienceForm(DsfrModelForm):
    class Meta:
        model = Training
        # Collection and scope are not content: they are saved on a draft only.
        fields = ["collection", "scope", *CONTENT_STEPS["audience"]]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["target_audience", "prerequisites"]}

    def __init__(self, *args, revision=False, **kwargs):
        super().__init__(*args, **kwargs)
        if revision:
            # Collection and scope decide who reviews: a published training keeps them.
            del self.fields["collection"], self.fields["scope"]


class ObjectivesForm(DsfrModelForm):
    class Meta:
        model = Training
        fields = ["covered_objectives"]
        widgets = {"covered_objectives": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        collection = self.instance.collection
        self.fields["covered_objectives"].queryset = Objective.objects.filter(
            thematic_offer__orientation__collection__in=[
                collection.pk,
                *collection.children.values_list("pk", flat=True),
            ]
        ).select_related("thematic_offer")
        self.fields[
            "covered_objectives"
        ].help_text = f"Les objectifs ciblés de la collection « {collection.name} »."


class DeliveryForm(DsfrModelForm):
    class Meta:
        model = Training
        fields = CONTENT_STEPS["delivery"]


# The contribution steps, in order: (title, form class).
STEPS = [
    ("Description", DescriptionForm),
    ("Organisation et public", AudienceForm),
    ("Objectifs couverts", ObjectivesForm),
    ("Modalités et accès", DeliveryForm),
]
