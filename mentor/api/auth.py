from django.contrib.auth import authenticate
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.accounts import api_tokens
from mentor.core.templatetags.french import long_date

from .serializers import TokenRequestSerializer, TokenSerializer

INVALID_CREDENTIALS = "Adresse électronique ou mot de passe incorrect, ou compte inactif."


class ObtainTokenView(APIView):
    """Exchange an e-mail and a password for a new named API token."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="Obtenir un jeton d'accès",
        description="Crée un nouveau jeton nommé (visible et révocable depuis la page de profil). La clé n'est "
        "donnée qu'une fois.",
        request=TokenRequestSerializer,
        responses={200: TokenSerializer},
        tags=["authentification"],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The Django request, which django-axes needs to count failures by address.
        user = authenticate(
            request._request, email=data.validated_data["email"], password=data.validated_data["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(INVALID_CREDENTIALS, code="invalid_credentials")
        name = data.validated_data.get("name") or f"Jeton créé le {long_date(timezone.now())}"
        token, key = api_tokens.create_token(user, name, data.validated_data.get("read_only", False))
        return Response({"token": key, "name": token.name, "read_only": token.read_only})
