from functools import cache

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mentor.accounts.models import User
from mentor.offer.models import Collection, Session, Training
from mentor.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "ministry_id"]


class CollectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Collection
        fields = ["id", "slug", "name"]


class TrainingSerializer(serializers.ModelSerializer):
    collection = CollectionSerializer()
    owner_organisation = OrganisationSerializer(source="owner")
    url = serializers.SerializerMethodField(help_text="Adresse de la page de la formation.")
    total_duration_hours = serializers.DecimalField(max_digits=7, decimal_places=2, read_only=True)
    keywords = serializers.ListField(child=serializers.CharField(), source="keyword_list", read_only=True)

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "slug",
            "teaser",
            "scope",
            "modality",
            "duration_on_site_hours",
            "duration_remote_hours",
            "total_duration_hours",
            "language",
            "keywords",
            "leads_to_certification",
            "collection",
            "owner_organisation",
            "delivery_url",
            "published_at",
            "url",
        ]

    def get_url(self, training) -> str:
        return self.context["request"].build_absolute_uri(training.get_absolute_url())

    def to_representation(self, training):
        """The fields of ``Meta.fields``, written out rather than walked by DRF: the catalogue serializes a page of
        trainings for every search it has not kept, and DRF's walk (its fields built for each response, each value
        looked up through its field) cost a sixth of such a search. Values that need a conversion go through the
        declared fields themselves, so both ways write the same (a test compares them)."""
        fields = fields_of(type(self))
        collection, owner = training.collection, training.owner
        return {
            "id": training.pk,
            "title": training.title,
            "slug": training.slug,
            "teaser": training.teaser,
            "scope": training.scope,
            "modality": training.modality,
            **{
                name: fields[name].to_representation(getattr(training, name))
                for name in ("duration_on_site_hours", "duration_remote_hours", "total_duration_hours")
            },
            "language": training.language,
            "keywords": list(training.keyword_list),
            "leads_to_certification": training.leads_to_certification,
            "collection": {"id": collection.pk, "slug": collection.slug, "name": collection.name},
            "owner_organisation": {
                "id": owner.pk,
                "code": owner.code,
                "name": owner.name,
                "ministry_id": owner.ministry_id,
            },
            "delivery_url": training.delivery_url,
            "published_at": _moment(fields["published_at"], training.published_at),
            "url": self.get_url(training),
        }


@cache
def fields_of(serializer_class) -> dict:
    """The fields of a serializer class, built once (DRF builds them again for every instance)."""
    return serializer_class().fields


def _moment(field, value):
    return None if value is None else field.to_representation(value)


class CatalogueTrainingSerializer(TrainingSerializer):
    next_session_start = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Début de la prochaine session visible, s'il y en a une."
    )

    class Meta(TrainingSerializer.Meta):
        fields = [*TrainingSerializer.Meta.fields, "next_session_start"]

    def to_representation(self, training):
        start = _moment(fields_of(type(self))["next_session_start"], training.next_session_start)
        return {**super().to_representation(training), "next_session_start": start}


class TrainingDetailSerializer(TrainingSerializer):
    class Meta(TrainingSerializer.Meta):
        fields = [
            *TrainingSerializer.Meta.fields,
            "description",
            "learning_outcomes",
            "content_outline",
            "prerequisites",
            "target_audience",
        ]

    def to_representation(self, training):
        texts = {
            name: getattr(training, name) for name in self.Meta.fields[len(TrainingSerializer.Meta.fields) :]
        }
        return {**super().to_representation(training), **texts}


class SessionSerializer(serializers.ModelSerializer):
    organiser = OrganisationSerializer()

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "is_permanent",
            "starts_at",
            "ends_at",
            "capacity",
            "place",
            "online_url",
            "registration_mode",
            "status",
            "open_to",
            "organiser",
        ]


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


# One object per page, not a list: the list action would otherwise be described as an array of pages.
@extend_schema_serializer(many=False)
class CatalogueSerializer(serializers.Serializer):
    """A page of the catalogue and its facets (the shape of the response, for the schema)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CatalogueTrainingSerializer(many=True)
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True), help_text="Pour chaque paramètre de facette, ses valeurs."
    )


class MeSerializer(serializers.ModelSerializer):
    entity = OrganisationSerializer(allow_null=True)

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "entity"]


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label="adresse électronique")
    password = serializers.CharField(
        label="mot de passe", trim_whitespace=False, style={"input_type": "password"}
    )
    name = serializers.CharField(
        label="nom du jeton",
        required=False,
        max_length=100,
        help_text="Pour le reconnaître sur la page de profil.",
    )
    read_only = serializers.BooleanField(
        label="lecture seule",
        required=False,
        default=False,
        help_text="Un jeton en lecture seule ne modifie rien.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="À envoyer dans l'en-tête Authorization: Token <jeton>.")
    name = serializers.CharField(help_text="Nom du jeton.")
    read_only = serializers.BooleanField(help_text="Jeton limité à la lecture.")


class FieldErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code stable de l'erreur (« required », « invalid »…).")
    message = serializers.CharField(help_text="Explication en français.")


class ErrorSerializer(serializers.Serializer):
    """The body of every error of the API (``errors.py``)."""

    code = serializers.CharField(
        help_text="Code stable de l'erreur (« invalid », « not_found », « throttled »…)."
    )
    message = serializers.CharField(help_text="Explication en français, à montrer telle quelle.")
    errors = serializers.DictField(
        child=FieldErrorSerializer(many=True),
        required=False,
        help_text="Pour une requête invalide seulement : les erreurs de chaque champ "
        "(« non_field_errors » pour la requête dans son ensemble).",
    )
