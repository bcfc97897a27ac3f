"""What partners send to synchronise their offer, and what they get back."""

from rest_framework import serializers

from mentor.editorial.sync import SYNCHRONISED_FIELDS as TRAINING_FIELDS
from mentor.offer.models import Collection, Objective, Session, Training
from mentor.offer.sync import SYNCHRONISED_FIELDS as SESSION_FIELDS


class TrainingWriteSerializer(serializers.ModelSerializer):
    collection = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Collection.objects.order_by("pk"),
        help_text="Identifiant d'URL de la collection (par exemple « management »).",
    )

    covered_objectives = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Objective.objects.order_by("pk"),
        help_text="Identifiants des objectifs ciblés de la collection que la formation couvre.",
    )

    class Meta:
        model = Training
        fields = [*TRAINING_FIELDS, "covered_objectives"]


class TrainingSyncResultSerializer(serializers.ModelSerializer):
    result = serializers.ChoiceField(
        choices=["created", "updated", "revised", "unchanged"],
        help_text="created : créée en brouillon ; updated : brouillon modifié ; revised : révision de la version "
        "publiée ouverte ou modifiée ; unchanged : rien n'a changé.",
    )
    revision_status = serializers.CharField(
        allow_null=True, help_text="Statut de la révision en cours d'une formation publiée, s'il y en a une."
    )
    transitions = serializers.ListField(
        child=serializers.CharField(), help_text="Les transitions que l'utilisateur peut franchir maintenant."
    )

    class Meta:
        model = Training
        fields = ["id", "external_id", "title", "status", "result", "revision_status", "transitions"]


class TransitionRequestSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Commentaire de la décision (obligatoire pour certaines).",
    )


class TrainingStateSerializer(serializers.ModelSerializer):
    revision_status = serializers.CharField(allow_null=True)
    transitions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Training
        fields = ["id", "external_id", "title", "status", "revision_status", "transitions"]


class SessionWriteSerializer(serializers.ModelSerializer):
    training = serializers.PrimaryKeyRelatedField(
        queryset=Training.objects.none(), help_text="Identifiant de la formation (une de l'organisation)."
    )

    class Meta:
        model = Session
        fields = SESSION_FIELDS

    def __init__(self, *args, trainings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if trainings is not None:
            self.fields["training"].queryset = trainings

    def validate(self, data):
        if not data.get("is_permanent") and not (data.get("starts_at") and data.get("ends_at")):
            raise serializers.ValidationError(
                "Une session qui n'est pas permanente a une date de début et une date de fin.", code="dates"
            )
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            raise serializers.ValidationError(
                {"ends_at": ["La fin de la session ne peut pas précéder son début."]}, code="dates"
            )
        return data


class SessionSyncResultSerializer(serializers.ModelSerializer):
    result = serializers.ChoiceField(choices=["created", "updated", "unchanged"])
    transitions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Session
        fields = ["id", "external_id", "training", "status", "result", "transitions"]


class SessionStateSerializer(serializers.ModelSerializer):
    transitions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Session
        fields = ["id", "external_id", "training", "status", "transitions"]
