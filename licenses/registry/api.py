"""Registry API for partner nodes: query, retrieve (minimised, sealed) and verify, each carrying the
consent terms and the purpose; consent revocation. This node answers as the issuers' registry and
logs each read with the calling node."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogs.errors import DomainError
from licenses.audit import Reader, record_access
from licenses.consent import AccessBasis
from licenses.consent.services import register_partner_consent, revoke_partner_consent
from licenses.errors import LicenseNotFound, ReadDenied
from licenses.gateway.disclosure import disclosure, seal_disclosure
from licenses.gateway.providers import providers
from licenses.gateway.services import ACCESS_RESULT
from licenses.gateway.trust import trust_list_fingerprint
from licenses.models import AccessChannel, LicenseVersion
from licenses.selectors import trust_list
from licenses.throttling import PartnerNodeRateThrottle

from .authentication import IsPartnerNode, PartnerNodeAuthentication


class ConsentTermsSerializer(serializers.Serializer):
    reference = serializers.UUIDField()
    holder_code = serializers.CharField(max_length=18)
    holder_code_type = serializers.CharField(max_length=3, required=False, allow_blank=True)
    grantee_name = serializers.CharField(max_length=100)
    purpose = serializers.CharField(max_length=200)
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField(max_length=50)))
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class RegistryCallSerializer(serializers.Serializer):
    consent = ConsentTermsSerializer()
    purpose = serializers.CharField(max_length=200)
    case_reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class QuerySerializer(RegistryCallSerializer):
    holder_code = serializers.CharField(max_length=18)
    type_code = serializers.CharField(max_length=21)


class RetrieveSerializer(RegistryCallSerializer):
    identifier = serializers.CharField(max_length=120)
    fields = serializers.ListField(child=serializers.CharField(max_length=50), max_length=100)


class VerifySerializer(RegistryCallSerializer):
    identifier = serializers.CharField(max_length=120)
    holder_code = serializers.CharField(max_length=18, required=False, allow_null=True, default=None)


SEALED = inline_serializer(
    "SealedAnswer", {"document": serializers.DictField(), "seal": serializers.DictField()}
)


class RegistryView(APIView):
    authentication_classes = [PartnerNodeAuthentication]
    permission_classes = [IsPartnerNode]
    throttle_classes = [PartnerNodeRateThrottle]
    serializer_class = RegistryCallSerializer

    def _begin(self, request):
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        terms = {**request.data["consent"]}
        consent = register_partner_consent(node=request.auth, terms=terms)
        basis = AccessBasis(
            purpose=values["purpose"], consent=consent, case_reference=values.get("case_reference", "")
        )
        reader = Reader(
            channel=AccessChannel.REGISTRY,
            node=request.auth,
            purpose=basis.purpose,
            case_reference=basis.case_reference,
            consent_reference=basis.consent_reference,
        )
        return values, basis, reader

    @staticmethod
    def _refusal(answer) -> DomainError:
        """The domain error for a refused answer (the project renders it as RFC 9457 problem details)."""
        if answer.status == "denied":
            return ReadDenied(answer.message)
        return LicenseNotFound(answer.message or "未找到该证照")


class RegistryQueryView(RegistryView):
    serializer_class = QuerySerializer

    @extend_schema(
        summary="伙伴节点：查询持证主体持有的某类证照（不含照面信息）",
        request=QuerySerializer,
        responses=inline_serializer(
            "RegistryQueryAnswer", {"licenses": serializers.ListField(child=serializers.DictField())}
        ),
    )
    def post(self, request):
        values, basis, reader = self._begin(request)
        answer = providers["local"]().query(
            holder_code=values["holder_code"].upper(),
            type_code=values["type_code"],
            basis=basis,
            user=None,
            node=request.auth,
        )
        if answer.status == "ok":
            for item in answer.items:
                version = LicenseVersion.objects.select_related("license").get(identifier=item["identifier"])
                record_access(
                    reader=reader,
                    result=ACCESS_RESULT["ok"],
                    license=version.license,
                    license_identifier=version.identifier,
                    license_name=version.name,
                    detail="伙伴节点查询证照目录（不含照面信息）",
                )
            return Response({"licenses": answer.items})
        record_access(
            reader=reader,
            result=ACCESS_RESULT[answer.status],
            holder_code=values["holder_code"].upper(),
            detail=answer.message,
        )
        if answer.status == "not-found":
            return Response({"licenses": []})
        raise self._refusal(answer)


class RegistryRetrieveView(RegistryView):
    serializer_class = RetrieveSerializer

    @extend_schema(
        summary="伙伴节点：调取证照（仅授权字段，附发证部门签章）",
        request=RetrieveSerializer,
        responses=SEALED,
    )
    def post(self, request):
        values, basis, reader = self._begin(request)
        answer = providers["local"]().retrieve(
            identifier=values["identifier"],
            fields=sorted(set(values["fields"])),
            basis=basis,
            user=None,
            node=request.auth,
        )
        record_access(
            reader=reader,
            result=ACCESS_RESULT[answer.status],
            license=answer.license,
            license_identifier=values["identifier"],
            license_name=answer.license_name,
            holder_code=answer.holder_code,
            fields_read=answer.fields_read if answer.status == "ok" else [],
            detail=answer.message,
        )
        if answer.status != "ok":
            raise self._refusal(answer)
        version = LicenseVersion.objects.select_related(
            "license__issuer", "license__license_type", "seal_key"
        ).get(identifier=values["identifier"])
        return Response(
            disclosure(
                version=version,
                fields=answer.fields_read,
                consent_reference=basis.consent_reference,
                verification_result=answer.data["verification"]["result"],
            )
        )


class RegistryVerifyView(RegistryView):
    serializer_class = VerifySerializer

    @extend_schema(
        summary="伙伴节点：核验证照（结果附发证部门签章）", request=VerifySerializer, responses=SEALED
    )
    def post(self, request):
        values, basis, reader = self._begin(request)
        answer = providers["local"]().verify(
            identifier=values["identifier"],
            holder_code=values.get("holder_code"),
            basis=basis,
            user=None,
            node=request.auth,
        )
        record_access(
            reader=reader,
            result=ACCESS_RESULT[answer.status],
            license=answer.license,
            license_identifier=values["identifier"],
            license_name=answer.license_name,
            holder_code=answer.holder_code,
            detail=answer.message,
        )
        if answer.status != "ok":
            raise self._refusal(answer)
        version = LicenseVersion.objects.select_related("license__issuer").get(
            identifier=values["identifier"]
        )
        report = answer.data["verification"]
        document = {
            **report,
            "identifier": version.identifier,
            "name": version.name,
            "holder_code": version.license.holder_code,
            "issuer_code": version.license.issuer.uscc,
            "consent_reference": basis.consent_reference,
            "disclosed_at": timezone.now().isoformat(),
            "node": settings.MZB_NODE_CODE,
        }
        return Response({"document": document, "seal": seal_disclosure(version=version, document=document)})


class RegistryRevokeConsentView(APIView):
    authentication_classes = [PartnerNodeAuthentication]
    permission_classes = [IsPartnerNode]
    throttle_classes = [PartnerNodeRateThrottle]

    @extend_schema(
        summary="伙伴节点：通知持证人已撤回授权（立即生效）",
        request=inline_serializer("RevokeIn", {"reason": serializers.CharField(required=False)}),
        responses=inline_serializer(
            "RevokeOut", {"reference": serializers.CharField(), "revoked_at": serializers.DateTimeField()}
        ),
    )
    def post(self, request, reference: str):
        consent = revoke_partner_consent(
            node=request.auth, reference=reference, reason=str(request.data.get("reason", ""))[:200]
        )
        return Response({"reference": str(consent.reference), "revoked_at": consent.revoked_at})


class RegistryNodeView(APIView):
    """Who this node is (anonymous; also the health check partners and the two-node test poll)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="本节点信息与健康检查",
        responses=inline_serializer(
            "NodeInfo",
            {
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "regions": serializers.ListField(child=serializers.CharField()),
                "status": serializers.CharField(),
                "trust_list_sha256": serializers.CharField(),
            },
        ),
    )
    def get(self, request):
        return Response(
            {
                "code": settings.MZB_NODE_CODE,
                "name": settings.MZB_NODE_NAME,
                "regions": settings.MZB_NODE_REGIONS,
                "status": "ok",
                "trust_list_sha256": trust_list_fingerprint(trust_list()),
            }
        )
