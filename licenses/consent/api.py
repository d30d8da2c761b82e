"""Consent API: the holder previews, grants, lists and revokes their consents; handlers list the
consents granted to their department (holder masked)."""

from datetime import timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogs.identifiers import mask_code
from catalogs.models import Department
from catalogs.selectors import public_service_item
from licenses.errors import InvalidLicenseData

from .preview import preview_consent
from .selectors import consents_granted_to, consents_of_holder
from .services import grant_consent, revoke_consent


class ConsentRequestSerializer(serializers.Serializer):
    type_codes = serializers.ListField(
        child=serializers.CharField(max_length=21), min_length=1, max_length=20
    )
    purpose = serializers.CharField(max_length=200)
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=50)), required=False
    )
    max_sensitivity = serializers.IntegerField(min_value=1, max_value=4, default=2)


class GrantSerializer(ConsentRequestSerializer):
    grantee_department = serializers.CharField(max_length=18, help_text="被授权部门的统一社会信用代码")
    service_item = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    case_reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    expires_in_days = serializers.IntegerField(min_value=1, max_value=365, default=30)


class ConsentOutSerializer(serializers.Serializer):
    # the declared fields describe the output for the OpenAPI schema; to_representation builds it
    reference = serializers.UUIDField(read_only=True)
    holder_code = serializers.CharField(read_only=True)
    grantee = serializers.CharField(read_only=True)
    service_item = serializers.CharField(read_only=True)
    case_reference = serializers.CharField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), read_only=True)
    granted_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    revoked_at = serializers.DateTimeField(read_only=True, allow_null=True)
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)

    def to_representation(self, consent):
        unmasked = self.context.get("unmasked", False)
        return {
            "reference": str(consent.reference),
            "holder_code": consent.holder_code if unmasked else mask_code(consent.holder_code),
            "grantee": consent.grantee_name,
            "service_item": consent.service_item.name if consent.service_item_id else "",
            "case_reference": consent.case_reference,
            "purpose": consent.purpose,
            "fields": consent.fields,
            "granted_at": consent.granted_at,
            "expires_at": consent.expires_at,
            "revoked_at": consent.revoked_at,
            "state": consent.state,
            "state_label": consent.state_label,
        }


class ConsentPreviewView(APIView):
    @extend_schema(
        summary="预览授权：将读取哪些证照的哪些字段（按事由与敏感级别最小化）",
        request=ConsentRequestSerializer,
        responses=dict,
    )
    def post(self, request):
        data = ConsentRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if not request.user.holder_code:
            raise InvalidLicenseData("只有完成实名核验的持证人可以授权用证")
        preview = preview_consent(
            holder_code=request.user.holder_code,
            type_codes=values["type_codes"],
            purpose=values["purpose"],
            requested_fields=values.get("fields"),
            max_sensitivity=values["max_sensitivity"],
        )
        return Response(preview.as_dict())


class MyConsentsView(ListAPIView):
    """The signed-in holder's consents."""

    serializer_class = ConsentOutSerializer

    def get_queryset(self):
        return consents_of_holder(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "unmasked": True}

    @extend_schema(
        summary="授权用证（须先预览）", request=GrantSerializer, responses={201: ConsentOutSerializer}
    )
    def post(self, request):
        data = GrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        department = Department.objects.filter(uscc=values["grantee_department"]).first()
        if department is None:
            raise InvalidLicenseData("被授权部门不存在")
        service_item = None
        if values["service_item"]:
            service_item = public_service_item(code=values["service_item"])
            if service_item is None:
                raise InvalidLicenseData("政务服务事项不存在")
        consent = grant_consent(
            holder=request.user,
            grantee_department=department,
            type_codes=values["type_codes"],
            purpose=values["purpose"],
            requested_fields=values.get("fields"),
            max_sensitivity=values["max_sensitivity"],
            service_item=service_item,
            case_reference=values["case_reference"],
            expires_at=timezone.now() + timedelta(days=values["expires_in_days"]),
        )
        return Response(
            ConsentOutSerializer(consent, context={"unmasked": True}).data, status=status.HTTP_201_CREATED
        )


class MyConsentView(APIView):
    @extend_schema(summary="查看本人的一项授权", responses=ConsentOutSerializer)
    def get(self, request, reference: str):
        consent = get_object_or_404(consents_of_holder(user=request.user), reference=reference)
        return Response(ConsentOutSerializer(consent, context={"unmasked": True}).data)


class RevokeMyConsentView(APIView):
    @extend_schema(summary="撤回授权（立即生效）", request=None, responses=ConsentOutSerializer)
    def post(self, request, reference: str):
        consent = get_object_or_404(consents_of_holder(user=request.user), reference=reference)
        consent = revoke_consent(
            consent=consent, holder=request.user, reason=str(request.data.get("reason", ""))[:200]
        )
        return Response(ConsentOutSerializer(consent, context={"unmasked": True}).data)


class GrantedConsentsView(ListAPIView):
    """Handlers: consents granted to their department (holder codes masked)."""

    serializer_class = ConsentOutSerializer

    def get_queryset(self):
        return consents_granted_to(user=self.request.user).select_related("service_item")
