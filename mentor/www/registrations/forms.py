from django import forms
from django.db.models import Q

from mentor.core.permissions import check
from mentor.offer import sessions
from mentor.offer.enums import OpenTo
from mentor.offer.models import Adoption, Session
from mentor.organisations.models import Organisation


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


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_ERRORS = {"invalid": "Saisissez une date et une heure, par exemple 01/03/2027 09:00."}


class SessionForm(forms.ModelForm):
    """A new session: its training and organiser among those the user may schedule, its dates (or permanent),
    places, where it takes place, how agents register and who may."""

    class Meta:
        model = Session
        fields = [
            "training",
            "organiser",
            "title",
            "is_permanent",
            "starts_at",
            "ends_at",
            "capacity",
            "place",
            "online_url",
            "registration_mode",
            "open_to",
            "open_to_organisations",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}
        error_messages = {"starts_at": DATE_ERRORS, "ends_at": DATE_ERRORS}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        trainings = sessions.trainings_schedulable_by(user).order_by("title")
        self.fields["training"].queryset = trainings
        self.fields["training"].error_messages["invalid_choice"] = (
            "Choisissez une formation que vous pouvez programmer."
        )
        self.fields["organiser"].queryset = Organisation.objects.filter(
            Q(pk__in=trainings.values("owner_id"))
            | Q(pk__in=Adoption.objects.filter(training__in=trainings).values("organisation_id"))
        ).order_by("name")
        self.fields[
            "organiser"
        ].help_text = "L'organisation qui produit la formation, ou une organisation qui l'a adoptée."
        self.fields["open_to_organisations"].queryset = Organisation.objects.filter(
            Q(pk__in=self.fields["organiser"].queryset.values("pk"))
            | Q(parent__in=self.fields["organiser"].queryset.values("pk"))
        ).order_by("path")
        self.fields["open_to_organisations"].required = False
        self.fields[
            "open_to_organisations"
        ].help_text = "Seulement si la session est ouverte aux agents des organisations choisies."
        self.fields["capacity"].help_text = "Vide : places illimitées."
        self.fields[
            "is_permanent"
        ].help_text = "Une session permanente n'a pas de dates : on s'y inscrit à tout moment."

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not cleaned["is_permanent"] and not (cleaned.get("starts_at") and cleaned.get("ends_at")):
            raise forms.ValidationError(
                "Indiquez le début et la fin de la session, ou cochez « session permanente »."
            )
        if cleaned["is_permanent"]:
            cleaned["starts_at"] = cleaned["ends_at"] = None
        elif cleaned["ends_at"] < cleaned["starts_at"]:
            self.add_error("ends_at", "La fin de la session ne peut pas précéder son début.")
        if cleaned["open_to"] == OpenTo.LIST and not cleaned.get("open_to_organisations"):
            self.add_error(
                "open_to_organisations", "Choisissez les organisations dont les agents pourront s'inscrire."
            )
        if not self.errors:
            decision = check(
                self.user,
                "offer.schedule_session",
                Session(training=cleaned["training"], organiser=cleaned["organiser"]),
            )
            if not decision:
                raise forms.ValidationError(decision.reason)
        return cleaned


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Nouveau début",
        widget=DATETIME,
        error_messages={"required": "Indiquez le nouveau début.", **DATE_ERRORS},
    )
    ends_at = forms.DateTimeField(
        label="Nouvelle fin",
        widget=DATETIME,
        error_messages={"required": "Indiquez la nouvelle fin.", **DATE_ERRORS},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] < cleaned["starts_at"]:
            self.add_error("ends_at", "La fin de la session ne peut pas précéder son début.")
        return cleaned
