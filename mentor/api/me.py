from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import MeSerializer


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="L'utilisateur connecté", responses={200: MeSerializer}, tags=["utilisateur"])
    def get(self, request):
        return Response(MeSerializer(request.user).data)
