"""REST API of the license registry (thin: services and selectors do the work)."""

from django.http import JsonResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from licenses.public import public_verification
from licenses.selectors import trust_list
from licenses.throttling import VerifyRateThrottle


class PublicVerifyView(APIView):
    """Anyone may verify; without the code only valid/invalid is disclosed. Throttled per address."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [VerifyRateThrottle]

    @extend_schema(
        summary="公开核验电子证照",
        parameters=[OpenApiParameter("c", str, description="核验码（二维码中携带）")],
        responses=inline_serializer("PublicVerification", {
            "identifier": serializers.CharField(), "valid": serializers.BooleanField(),
            "code_accepted": serializers.BooleanField(), "result": serializers.CharField(required=False),
            "license_type": serializers.CharField(required=False), "issuer": serializers.CharField(required=False),
            "holder_name": serializers.CharField(required=False), "holder_code": serializers.CharField(required=False),
            "valid_from": serializers.DateField(required=False), "valid_until": serializers.DateField(required=False, allow_null=True),
        }),
    )
    def get(self, request, identifier: str):
        return Response(public_verification(identifier=identifier[:120], code=request.query_params.get("c", "")[:20]))


class TrustListView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(summary="下载签章信任列表（JSON）", responses=dict)
    def get(self, request):
        response = JsonResponse(trust_list(), json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = "attachment; filename=trust-list.json"
        return response
