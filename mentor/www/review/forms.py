from django import forms
from dsfr.forms import DsfrBaseForm
from dsfr.widgets import InlineRadioSelect

from mentor.editorial.enums import Rating
from mentor.editorial.transitions import TRANSITIONS


class ReviewForm(DsfrBaseForm):
    """The quality review grid: every applicable indicator rated, a comment when one is not met, a decision."""

    decision = forms.ChoiceField(label="Décision", widget=forms.RadioSelect)
    comment = forms.CharField(
        label="Avis général",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Obligatoire pour demander des modifications ou refuser : le concepteur le lira.",
    )

    def __init__(self, *args, indicators, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)  # read once: the fields and the grid walk them
        self.fields["decision"].choices = [(name, TRANSITIONS[name].label) for name in decisions]
        for indicator in self.indicators:
            self.fields[f"rating_{indicator.pk}"] = forms.ChoiceField(
                label=indicator.statement + (" (bloquant)" if indicator.is_blocking else ""),
                help_text=indicator.guidance,
                choices=Rating.choices,
                widget=InlineRadioSelect,
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=f"Commentaire sur « {indicator.statement} »",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # Field order: the grid first, the decision last.
        self.order_fields(
            [name for name in self.fields if name not in ("decision", "comment")] + ["decision", "comment"]
        )

    def clean(self):
        cleaned = super().clean()
        for indicator in self.indicators:
            if (
                cleaned.get(f"rating_{indicator.pk}") == Rating.NOT_MET
                and not cleaned.get(f"comment_{indicator.pk}", "").strip()
            ):
                self.add_error(
                    f"comment_{indicator.pk}",
                    "Un commentaire est obligatoire quand l'indicateur n'est pas satisfait.",
                )
        return cleaned

    def ratings(self) -> dict[int, tuple[str, str]]:
        return {
            i.pk: (self.cleaned_data[f"rating_{i.pk}"], self.cleaned_data[f"comment_{i.pk}"])
            for i in self.indicators
        }

    def grid(self):
        """Bound fields grouped by criterion, for the template."""
        groups = {}
        for indicator in self.indicators:
            groups.setdefault(indicator.criterion, []).append(
                (self[f"rating_{indicator.pk}"], self[f"comment_{indicator.pk}"])
            )
        return list(groups.items())
