"""The tree of organisations: readable by everyone, paged in the order of the tree; written by the DGAFP
administrators, one organisation at a time by its code (to synchronise it from the State's directory)."""

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.accounts.roles import is_dgafp_admin
from mentor.organisations.models import Organisation

from .pagination import PAGE_PARAMETERS, page_of, paginated
from .permissions import CanWrite

CODE = OpenApiParameter(
    "code",
    {"type": "string", "pattern": "^[A-Z0-9][A-Z0-9_-]*$"},
    OpenApiParameter.PATH,
    description="Code de l'organisation.",
)


class TreeSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.order_by("pk"),
        allow_null=True,
        required=False,
        help_text="Code de l'organisation parente (vide pour une racine).",
    )
    ministry = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Ministère de rattachement."
    )

    class Meta:
        model = Organisation
        fields = [
            "code",
            "name",
            "kind",
            "parent",
            "ministry",
            "website",
            "siret",
            "activity_number",
            "street",
            "postal_code",
            "city",
        ]
        extra_kwargs = {"code": {"read_only": True}}


TreePageSerializer = page_of(TreeSerializer, "TreePage")


class OrganisationListView(APIView):
    permission_classes = []

    @extend_schema(
        summary="L'arbre des organisations",
        description="Toutes les organisations, dans l'ordre de l'arbre (chaque organisation suivie de ses "
        "sous-organisations), par pages de 50 (page_size jusqu'à 100).",
        parameters=PAGE_PARAMETERS,
        responses={200: TreePageSerializer},
        operation_id="organisations_list",
        tags=["organisations"],
    )
    def get(self, request):
        tree = Organisation.objects.select_related("parent", "ministry").order_by("path", "pk")
        return paginated(request, self, tree, TreeSerializer)


class OrganisationView(APIView):
    permission_classes = [CanWrite]

    def get_permissions(self):
        return [] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        summary="Une organisation", parameters=[CODE], responses={200: TreeSerializer}, tags=["organisations"]
    )
    def get(self, request, code):
        return Response(
            TreeSerializer(
                get_object_or_404(Organisation.objects.select_related("parent", "ministry"), code=code)
            ).data
        )

    @extend_schema(
        summary="Créer ou mettre à jour une organisation par son code",
        description="Réservé aux administrateurs DGAFP. Déplacer une organisation dans l'arbre met à jour tout son "
        "sous-arbre. Envoyer deux fois la même requête ne change rien la seconde fois.",
        parameters=[CODE],
        request=TreeSerializer,
        responses={200: TreeSerializer, 201: TreeSerializer},
        tags=["organisations"],
    )
    def put(self, request, code):
        if not is_dgafp_admin(request.user):
            raise PermissionDenied("Seuls les administrateurs DGAFP modifient l'arbre des organisations.")
        existing = Organisation.objects.filter(code=code).first()
        data = TreeSerializer(existing, data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        organisation = existing or Organisation(code=code)
        changed = [name for name, value in values.items() if getattr(organisation, name) != value]
        if existing is not None and not changed:
            return Response(TreeSerializer(existing).data)
        for name in changed:
            setattr(organisation, name, values[name])
        try:
            organisation.full_clean(exclude=["ministry", "path"])
            with transaction.atomic():
                organisation.save()
        except ModelValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return Response(
            TreeSerializer(organisation).data,
            status=status.HTTP_200_OK if existing else status.HTTP_201_CREATED,
        )
