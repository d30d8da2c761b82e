"""Gateway API for staff of this node (e.g. a handler fetching a case's licenses): thin over
``licenses.gateway``. Unavailable nodes answer 200 with ``status: unavailable`` (a result, not an error);
a refused read answers 403 with the reason."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogs.identifiers import HOLDER_CODE_CITIZEN, HOLDER_CODE_TYPES
from licenses.consent import AccessBasis
from licenses.errors import ReadDenied
from licenses.models import Consent

from . import services

STATUS_CODES = {"ok": 200, "unavailable": 200, "rejected": 200, "not-found": 404, "denied": 403}


class BasisSerializer(serializers.Serializer):
    purpose = serializers.CharField(max_length=200)
    consent = serializers.UUIDField(required=False, allow_null=True, default=None, help_text="授权编号")
    legal_basis = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", help_text="法定依据代码"
    )
    case_reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class RetrieveIn(BasisSerializer):
    identifier = serializers.CharField(max_length=120)
    fields = serializers.ListField(child=serializers.CharField(max_length=50), max_length=100, default=list)


class VerifyIn(BasisSerializer):
    identifier = serializers.CharField(max_length=120)
    holder_code = serializers.CharField(max_length=18, required=False, allow_null=True, default=None)


class QueryIn(BasisSerializer):
    holder_code = serializers.CharField(max_length=18)
    holder_code_type = serializers.ChoiceField(choices=list(HOLDER_CODE_TYPES), default=HOLDER_CODE_CITIZEN)
    type_code = serializers.CharField(max_length=21)
    region = serializers.CharField(max_length=6, required=False, allow_blank=True, default="")


RESULT = inline_serializer(
    "GatewayResult",
    {
        "status": serializers.ChoiceField(choices=list(STATUS_CODES)),
        "status_label": serializers.CharField(),
        "message": serializers.CharField(),
        "source": serializers.CharField(),
    },
)


def _basis(request, values) -> AccessBasis:
    # a consent granted to another department is passed on as is: authorise_read refuses it and the refusal is logged
    consent = (
        Consent.objects.filter(reference=values["consent"], origin_node__isnull=True).first()
        if values.get("consent")
        else None
    )
    return AccessBasis(
        purpose=values["purpose"],
        consent=consent,
        legal_basis=values.get("legal_basis", ""),
        case_reference=values["case_reference"],
    )


def _respond(result) -> Response:
    return Response(result.as_dict(), status=STATUS_CODES[result.status])


class GatewayView(APIView):
    serializer_class = BasisSerializer

    def _values(self, request):
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        if not (
            request.user.has_perm("licenses.use_gateway")
            or request.user.has_perm("licenses.read_under_legal_basis")
        ):
            raise ReadDenied("您没有通过证照网关读取证照的权限")
        return data.validated_data


class GatewayRetrieveView(GatewayView):
    serializer_class = RetrieveIn

    @extend_schema(summary="证照网关：调取证照（按授权的字段）", request=RetrieveIn, responses=RESULT)
    def post(self, request):
        values = self._values(request)
        return _respond(
            services.retrieve(
                identifier=values["identifier"],
                fields=values["fields"],
                basis=_basis(request, values),
                user=request.user,
            )
        )


class GatewayVerifyView(GatewayView):
    serializer_class = VerifyIn

    @extend_schema(summary="证照网关：核验证照", request=VerifyIn, responses=RESULT)
    def post(self, request):
        values = self._values(request)
        return _respond(
            services.verify(
                identifier=values["identifier"],
                holder_code=values.get("holder_code"),
                basis=_basis(request, values),
                user=request.user,
            )
        )


class GatewayQueryView(GatewayView):
    serializer_class = QueryIn

    @extend_schema(summary="证照网关：查询持证主体的某类证照", request=QueryIn, responses=RESULT)
    def post(self, request):
        values = self._values(request)
        return _respond(
            services.query(
                holder_code=values["holder_code"],
                holder_code_type=values["holder_code_type"],
                type_code=values["type_code"],
                region=values["region"] or None,
                basis=_basis(request, values),
                user=request.user,
            )
        )
