from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import TokenRequestSerializer, TokenSerializer

INVALID_CREDENTIALS = "Adresse électronique ou mot de passe incorrect, ou compte inactif."


class ObtainTokenView(APIView):
    """Exchange an e-mail and a password for the user's API token."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary="Obtenir un jeton d'accès",
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
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
