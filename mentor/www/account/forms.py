from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm

from mentor.accounts.lockout import password_is_right
from mentor.accounts.models import User

from .entities import EntityField

# The standard's limit (RFC 5321: 254 characters for a path), which is also the column's.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = "Une adresse électronique compte au plus 254 caractères (celle-ci en a %(show_value)d)."


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique professionnelle",
        help_text="Elle sert aussi à proposer l'entité qui possède son domaine.",
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Saisissez votre adresse électronique.",
            "invalid": "Saisissez une adresse électronique valide, par exemple prenom.nom@finances.gouv.fr.",
            "max_length": EMAIL_TOO_LONG,
        },
    )
    first_name = forms.CharField(
        label="Prénom", max_length=150, error_messages={"required": "Saisissez votre prénom."}
    )
    last_name = forms.CharField(
        label="Nom", max_length=150, error_messages={"required": "Saisissez votre nom."}
    )
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 12 caractères, pas uniquement des chiffres.",
        error_messages={"required": "Choisissez un mot de passe."},
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Saisissez à nouveau le mot de passe."},
    )
    entity = EntityField()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "Un compte existe déjà avec cette adresse. Connectez-vous, ou réinitialisez votre mot de passe."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and cleaned.get("password2") and password != cleaned["password2"]:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class NamesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
            field.error_messages["required"] = "Ce champ est obligatoire."


class EntityChangeForm(forms.Form):
    entity = EntityField()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe, pour confirmer",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )

    def __init__(self, request, *args, **kwargs):
        self.request, self.user = request, request.user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        # An account made through single sign-on has no password: its owner is signed in, that is enough.
        if self.user.has_usable_password() and not password_is_right(self.request, self.user, password):
            raise forms.ValidationError("Le mot de passe n'est pas le bon.")
        return password


class CountedPasswordChangeForm(PasswordChangeForm):
    """Django's form, whose check of the current password counts towards the lockout like a login."""

    def __init__(self, user, *args, request, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, old_password):
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class InvitationSignUpForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    password1 = SignUpForm.base_fields["password1"]
    password2 = SignUpForm.base_fields["password2"]

    def __init__(self, email, *args, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password:
            try:
                password_validation.validate_password(password, User(email=self.email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
