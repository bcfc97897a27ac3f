from django import forms


class ContactForm(forms.Form):
    subject = forms.CharField(
        label="Objet", max_length=200, error_messages={"required": "Indiquez l'objet de votre message."}
    )
    body = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Écrivez votre message."},
    )
