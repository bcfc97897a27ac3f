from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from mentor.core.uploads import KINDS, detect_kind, validate_upload
from mentor.design import scorm
from mentor.design.enums import DeliverableKind, ResourceKind
from mentor.design.models import CommunityPage, Resource
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

# A library file or a step's deliverable: documents, spreadsheets, images, or a zip of templates.
DOCUMENT_KINDS = set(KINDS)


def _document(upload):
    validate_upload(upload, DOCUMENT_KINDS, settings.DESIGN_RESOURCE_MAX_BYTES)
    return upload


class ResourceForm(forms.ModelForm, DsfrBaseForm):
    file = forms.FileField(
        label="Fichier", required=False, help_text="PDF, ODT, ODS, DOCX, XLSX, ZIP, PNG ou JPEG."
    )
    note = forms.CharField(label="Ce qui change", max_length=300, required=False)

    class Meta:
        model = Resource
        fields = ["category", "title", "description", "audience", "kind", "url", "training"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = (
            Training.objects.visible_to(user).filter(status=TrainingStatus.PUBLISHED).order_by("title", "pk")
        )
        self.fields["training"].help_text = "Pour une formation de l'offre : la formation publiée."
        if self.instance.pk:
            # A file resource changes its file through a new version, with a note; its nature stays.
            del self.fields["file"]
            self.fields["kind"].disabled = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return _document(upload) if upload else upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ResourceKind.LINK and not cleaned.get("url"):
            self.add_error("url", "Indiquez l'adresse du lien.")
        if kind == ResourceKind.TRAINING and not cleaned.get("training"):
            self.add_error("training", "Choisissez la formation de l'offre.")
        if kind == ResourceKind.FILE and "file" in self.fields and not cleaned.get("file"):
            self.add_error("file", "Déposez le fichier de la ressource.")
        return cleaned


class VersionForm(DsfrBaseForm):
    file = forms.FileField(label="Nouvelle version du fichier", validators=[_document])
    note = forms.CharField(label="Ce qui a changé", max_length=300)


class CommunityForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = CommunityPage
        fields = ["description", "how_to_join", "next_events"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class StepForm(DsfrBaseForm):
    """A step's checklist and its deliverable (what the step requires: a file, a link or a note)."""

    checklist = forms.MultipleChoiceField(
        label="Liste de contrôle", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, training_step, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = training_step.step.deliverable
        self.fields["checklist"].choices = [(str(i.pk), i.text) for i in training_step.checklist.all()]
        self.fields["checklist"].initial = [str(i.pk) for i in training_step.checklist.all() if i.done]
        label = training_step.step.deliverable_label
        if self.kind == DeliverableKind.FILE:
            help_text = (
                "Déjà déposé : " + training_step.deliverable_name if training_step.deliverable_name else ""
            )
            self.fields["file"] = forms.FileField(
                label=label or "Fichier", required=False, validators=[_document], help_text=help_text
            )
        elif self.kind == DeliverableKind.LINK:
            self.fields["url"] = forms.URLField(
                label=label or "Lien",
                required=False,
                initial=training_step.deliverable_url,
                assume_scheme="https",
            )
        elif self.kind == DeliverableKind.NOTE:
            self.fields["note"] = forms.CharField(
                label=label or "Note",
                required=False,
                initial=training_step.deliverable_note,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url.startswith("http://"):
            raise ValidationError("Utilisez une adresse en https://.")
        return url

    def deliverable(self) -> dict:
        data = {"checked_ids": [int(pk) for pk in self.cleaned_data["checklist"]]}
        if self.cleaned_data.get("file"):
            data["file"] = self.cleaned_data["file"]
            data["file_name"] = self.cleaned_data["file"].name
        if "url" in self.fields:
            data["url"] = self.cleaned_data["url"]
        if "note" in self.fields:
            data["note"] = self.cleaned_data["note"]
        return data


class PackageForm(DsfrBaseForm):
    package = forms.FileField(
        label="Paquet SCORM (zip)", help_text="SCORM 1.2 ou SCORM 2004, en une archive ZIP."
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        try:
            validate_upload(upload, {"zip"}, settings.DESIGN_PACKAGE_MAX_UPLOAD_BYTES)
        except ValidationError as error:
            if error.code == "wrong_type" and _starts_like_a_zip(upload) and detect_kind(upload) is None:
                raise ValidationError(
                    f"« {upload.name} » : l'archive ZIP est endommagée ou illisible."
                ) from error
            raise
        try:
            self.report = scorm.check_package(upload)
        except scorm.Refused as refusal:
            raise ValidationError(f"Paquet refusé : {refusal}") from refusal
        upload.seek(0)
        return upload


def _starts_like_a_zip(upload) -> bool:
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return head == b"PK\x03\x04"


class StartFromModelForm(DsfrBaseForm):
    model = forms.ModelChoiceField(label="Modèle", queryset=Training.objects.none(), empty_label=None)
    title = forms.CharField(label="Intitulé de la nouvelle formation", max_length=255)
    owner = forms.ModelChoiceField(label="Organisation productrice", queryset=None, empty_label=None)

    def __init__(self, *args, models, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = models
        self.fields["model"].error_messages["invalid_choice"] = (
            "Cette formation n'est pas un modèle que vous pouvez utiliser : choisissez un modèle de la liste."
        )
        self.fields["owner"].queryset = organisations
