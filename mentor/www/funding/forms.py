from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mentor.core.uploads import validate_upload
from mentor.funding.enums import ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, MilestoneKind, Verdict
from mentor.funding.models import PlannedTraining, Proposal, ScheduleStep
from mentor.funding.readiness import budget_decision

# More than any call's envelope: a typing slip, not a budget.
ABSURD = Decimal("100000000")


class DsfrModelForm(forms.ModelForm, DsfrBaseForm):
    pass


def check_amount(value, label):
    if value is not None and value >= ABSURD:
        raise ValidationError(f"{label} : ce montant n'est pas plausible (100 millions d'euros ou plus).")
    return value


class StartForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(label="Au nom de", queryset=None, empty_label=None)
    title = forms.CharField(label="Intitulé du projet", max_length=255)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProposalForm(DsfrModelForm):
    class Meta:
        model = Proposal
        fields = [
            "title",
            "summary",
            "objectives",
            "themes",
            "audience",
            "audience_size",
            "team",
            "total_cost",
            "own_funding",
            "other_funding",
            "requested",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "team": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = self.instance.call.themes.order_by("position", "pk")

    def clean(self):
        data = super().clean()
        for name in ("total_cost", "own_funding", "other_funding", "requested"):
            try:
                check_amount(data.get(name), self.fields[name].label)
            except ValidationError as error:
                self.add_error(name, error)
        if not self.errors:
            decision = budget_decision(
                self.instance.call,
                data.get("total_cost"),
                data.get("own_funding"),
                data.get("other_funding"),
                data.get("requested"),
            )
            if not decision:
                raise ValidationError(decision.reason)
        return data


class PlannedTrainingForm(DsfrModelForm):
    class Meta:
        model = PlannedTraining
        fields = ["title", "modality", "duration_hours", "collection", "scope"]


class ScheduleStepForm(DsfrModelForm):
    class Meta:
        model = ScheduleStep
        fields = ["label", "planned_on"]
        widgets = {"planned_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


def formset(model, form, extra=2):
    return forms.inlineformset_factory(Proposal, model, form=form, extra=extra, can_delete=True)


PlannedTrainingFormSet = formset(PlannedTraining, PlannedTrainingForm)
ScheduleFormSet = formset(ScheduleStep, ScheduleStepForm, extra=3)


class AttachmentForm(DsfrBaseForm):
    document = forms.ModelChoiceField(label="Pièce", queryset=None, empty_label=None)
    file = forms.FileField(label="Fichier", help_text="PDF, ODT, DOCX, XLSX ou ODS, 10 Mo au plus.")

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = call.documents.order_by("position", "pk")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES)
        return upload


class CoEditorForm(DsfrBaseForm):
    email = forms.EmailField(label="Adresse électronique du co-rédacteur")


class DecisionForm(DsfrBaseForm):
    verdict = forms.ChoiceField(label="Décision", choices=Verdict.choices, widget=forms.RadioSelect)
    granted = forms.DecimalField(
        label="Montant accordé (€)", required=False, max_digits=12, decimal_places=2, min_value=Decimal("0")
    )
    reasons = forms.CharField(label="Motifs", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_granted(self):
        return check_amount(self.cleaned_data["granted"], "Montant accordé")


class AssignForm(DsfrBaseForm):
    email = forms.EmailField(label="Adresse électronique de l'évaluateur")


class MilestoneForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Jalon", choices=MilestoneKind.choices)
    reached_on = forms.DateField(label="Atteint le", widget=forms.DateInput(attrs={"type": "date"}))


class PaymentForm(DsfrBaseForm):
    amount = forms.DecimalField(label="Montant (€)", max_digits=12, decimal_places=2)
    paid_on = forms.DateField(label="Versé le", widget=forms.DateInput(attrs={"type": "date"}))
    label = forms.CharField(label="Libellé", required=False, max_length=200)

    def clean_amount(self):
        return check_amount(self.cleaned_data["amount"], "Montant")


class LinkTrainingForm(DsfrBaseForm):
    training = forms.IntegerField(
        label="Numéro de la formation", min_value=1, help_text="Le nombre de son adresse : /formations/123/."
    )


class ScoreForm(DsfrBaseForm):
    """One field pair per criterion copied into the evaluation."""

    def __init__(self, *args, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for score in scores:
            value = forms.IntegerField(
                label=f"{score.criterion_name} (poids {score.weight}) : note de 0 à {score.scale_max}",
                required=False,
                initial=score.value,
                help_text=score.guidance,
            )
            comment = forms.CharField(
                label=f"Commentaire sur « {score.criterion_name} »",
                required=False,
                initial=score.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"score_{score.position}"] = value
            self.fields[f"comment_{score.position}"] = comment
            self.rows.append(score.position)
        self.fields["comment"] = forms.CharField(
            label="Appréciation générale", required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def values(self) -> dict:
        return {p: (self.cleaned_data[f"score_{p}"], self.cleaned_data[f"comment_{p}"]) for p in self.rows}
