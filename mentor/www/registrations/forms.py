from django import forms


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label="Nombre de places",
        required=False,
        min_value=0,
        max_value=100_000,
        help_text="Laissez vide pour un nombre de places illimité.",
        error_messages={
            "invalid": "Saisissez un nombre entier de places.",
            "min_value": "Le nombre de places ne peut pas être négatif.",
            "max_value": "Le nombre de places ne peut pas dépasser 100 000.",
        },
    )
