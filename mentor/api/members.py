"""Entity administrators read and manage the members and roles of their tree, with the permissions of the
organisation pages (``accounts.administer_organisation``, ``accounts.grant_role``, ``accounts.withdraw_role``)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.accounts import services
from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.offer.models import Collection
from mentor.organisations.models import Organisation

from .organisations import CODE
from .permissions import CanWrite, require

ROLE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant du rôle.")


class MemberSerializer(serializers.ModelSerializer):
    entity = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "entity"]


class RoleSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(
        slug_field="email",
        queryset=User.objects.none(),
        help_text="Adresse d'un compte rattaché à l'arborescence.",
    )
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.none(),
        help_text="Code d'une organisation de l'arborescence.",
    )
    collection = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Collection.objects.order_by("pk"),
        required=False,
        allow_null=True,
        help_text="Collection relue (relecteurs seulement).",
    )

    class Meta:
        model = Membership
        fields = ["id", "user", "organisation", "role", "collection"]
        validators = []  # a duplicate role is refused by the view, in French

    def __init__(self, *args, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        if root is not None:
            self.fields["user"].queryset = User.objects.filter(entity__path__startswith=root.path).order_by(
                "pk"
            )
            self.fields["organisation"].queryset = Organisation.objects.filter(
                path__startswith=root.path
            ).order_by("pk")


class MembersSerializer(serializers.Serializer):
    members = MemberSerializer(many=True, help_text="Les comptes rattachés à l'arborescence.")
    roles = RoleSerializer(many=True, help_text="Les rôles tenus dans l'arborescence.")


def _administered(request, code) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.all(), code=code)
    require(request, "accounts.administer_organisation", organisation)
    return organisation


class MembersView(APIView):
    permission_classes = [CanWrite]

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        summary="Membres et rôles d'une arborescence",
        description="Pour ses administrateurs d'entité (et la DGAFP) : les comptes rattachés à l'organisation ou "
        "en dessous, et les rôles qui y sont tenus, dans l'ordre de l'arbre.",
        parameters=[CODE],
        responses={200: MembersSerializer},
        tags=["organisations"],
    )
    def get(self, request, code):
        root = _administered(request, code)
        members = (
            User.objects.filter(entity__path__startswith=root.path, is_active=True)
            .select_related("entity")
            .order_by("last_name", "first_name", "pk")
        )
        roles = (
            Membership.objects.filter(organisation__path__startswith=root.path)
            .select_related("user", "organisation", "collection")
            .order_by("organisation__path", "user__last_name", "role", "pk")
        )
        return Response(
            {
                "members": MemberSerializer(members, many=True).data,
                "roles": RoleSerializer(roles, many=True).data,
            }
        )

    @extend_schema(
        summary="Attribuer un rôle dans l'arborescence",
        parameters=[CODE],
        request=RoleSerializer,
        responses={201: RoleSerializer},
        tags=["organisations"],
    )
    def post(self, request, code):
        root = _administered(request, code)
        data = RoleSerializer(data=request.data, root=root)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["role"] != Role.COLLECTION_REVIEWER:
            values["collection"] = None
        membership = Membership(**values)
        require(request, "accounts.grant_role", membership)
        if Membership.objects.filter(
            user=membership.user,
            organisation=membership.organisation,
            role=membership.role,
            collection=membership.collection,
        ).exists():
            raise serializers.ValidationError("Cette personne a déjà ce rôle dans cette organisation.")
        try:
            membership.clean()
            services.grant_role(membership)
        except ModelValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return Response(RoleSerializer(membership).data, status=status.HTTP_201_CREATED)


class RoleView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="Retirer un rôle",
        parameters=[CODE, ROLE_ID],
        request=None,
        responses={204: OpenApiResponse(description="Rôle retiré.")},
        tags=["organisations"],
    )
    def delete(self, request, code, pk):
        root = _administered(request, code)
        try:
            with transaction.atomic():
                services.withdraw_role(
                    Membership.objects.filter(organisation__path__startswith=root.path), pk, request.user
                )
        except Membership.DoesNotExist as error:
            raise NotFound() from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return Response(status=status.HTTP_204_NO_CONTENT)
