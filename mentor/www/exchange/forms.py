from django import forms
from dsfr.forms import DsfrBaseForm

from mentor.exchange.lheo_import import MAX_BYTES


class LheoImportForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label="Organisation productrice",
        queryset=None,
        empty_label=None,
        help_text="Les formations importées seront des brouillons de cette organisation.",
    )
    file = forms.FileField(
        label="Fichier LHEO",
        help_text=f"Un document LHEO 2.3 ou 2.2 (XML), {MAX_BYTES // (1024 * 1024)} Mo au plus.",
    )
    dry_run = forms.BooleanField(
        label="Essai à blanc : tout vérifier sans rien enregistrer", required=False, initial=True
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse la taille maximale de {MAX_BYTES // (1024 * 1024)} Mo."
            )
        return upload
