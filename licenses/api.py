"""REST API of the license registry (thin: services and selectors do the work)."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogs.models import LicenseType
from licenses.audit import Reader, record_license_reads
from licenses.errors import LicenseNotFound
from licenses.models import AccessChannel
from licenses.public import public_verification
from licenses.seal_export import exportable_version, seal_export
from licenses.selectors import licenses_managed_by, licenses_of_holder, trust_list, with_current_version
from licenses.serializers import (
    ACTIONS,
    IssueSerializer,
    LicenseOutSerializer,
    StatusSerializer,
    UpdateSerializer,
)
from licenses.services import issue_license, update_license
from licenses.services.status import change_status
from licenses.throttling import VerifyRateThrottle


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied("没有权限执行此操作。")


class PublicVerifyView(APIView):
    """Anyone may verify with the verification code; without it nothing is disclosed. Throttled per address."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [VerifyRateThrottle]

    @extend_schema(
        summary="公开核验电子证照",
        parameters=[OpenApiParameter("c", str, description="核验码（二维码中携带）")],
        responses=inline_serializer(
            "PublicVerification",
            {
                "identifier": serializers.CharField(),
                "valid": serializers.BooleanField(
                    allow_null=True, help_text="仅在核验码正确时给出；否则为 null"
                ),
                "code_accepted": serializers.BooleanField(),
                "result": serializers.CharField(required=False),
                "license_type": serializers.CharField(required=False),
                "issuer": serializers.CharField(required=False),
                "holder_name": serializers.CharField(required=False),
                "holder_code": serializers.CharField(required=False),
                "valid_from": serializers.DateField(required=False),
                "valid_until": serializers.DateField(required=False, allow_null=True),
            },
        ),
    )
    def get(self, request, identifier: str):
        return Response(
            public_verification(identifier=identifier[:120], code=request.query_params.get("c", "")[:20])
        )


class TrustListView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(summary="下载签章信任列表（JSON）", responses=dict)
    def get(self, request):
        response = JsonResponse(trust_list(), json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = "attachment; filename=trust-list.json"
        return response


class LoggedListMixin:
    """A list of licenses is a read of each license on the page: one access-log entry each."""

    read_purpose = ""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        reader = Reader(channel=AccessChannel.API, user=self.request.user, purpose=self.read_purpose)
        record_license_reads(
            reader=reader, versions=[lic.current_versions[0] for lic in rows if lic.current_versions]
        )
        return page


class MyLicensesView(LoggedListMixin, ListAPIView):
    """The signed-in holder's own licenses (电子证照夹)."""

    serializer_class = LicenseOutSerializer
    read_purpose = "持证人查看本人证照"

    def get_queryset(self):
        return licenses_of_holder(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "unmasked": True}


class MySealExportView(APIView):
    """The holder's export of a seal for third-party verification (docs/licenses.md; logged as a read)."""

    @extend_schema(
        summary="导出证照签章（规范化数据、签名与密钥标识），供第三方自行核验",
        responses=inline_serializer(
            "SealExport",
            {
                "identifier": serializers.CharField(),
                "algorithm": serializers.CharField(),
                "key_id": serializers.CharField(),
                "issuer_uscc": serializers.CharField(),
                "signed_at": serializers.DateTimeField(),
                "public_key": serializers.CharField(),
                "payload": serializers.JSONField(),
                "canonical_payload": serializers.CharField(help_text="RFC 8785 规范化 JSON 的 base64"),
                "signature": serializers.CharField(help_text="DER 编码签名的 base64"),
                "signature_encoding": serializers.CharField(),
                "sm2_user_id": serializers.CharField(required=False),
            },
        ),
    )
    def get(self, request, identifier: str):
        version = exportable_version(user=request.user, identifier=identifier[:120])
        if version is None:
            raise LicenseNotFound("未找到该证照")
        return Response(seal_export(version=version, user=request.user))


class IssuerLicensesView(LoggedListMixin, ListAPIView):
    """Issuers: list their department's licenses (holders masked) and issue new ones."""

    serializer_class = LicenseOutSerializer
    read_purpose = "发证部门管理本部门证照"

    def get_queryset(self):
        _require(self.request, "licenses.view_elicense")
        return with_current_version(licenses_managed_by(user=self.request.user)).order_by(
            "-created_at", "-id"
        )

    @extend_schema(summary="制发电子证照", request=IssueSerializer, responses={201: LicenseOutSerializer})
    def post(self, request):
        _require(request, "licenses.issue_elicense")
        if not request.user.department_id:
            raise PermissionDenied("只有发证部门的工作人员可以制发电子证照")
        data = IssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        license_type = LicenseType.objects.filter(code=fields.pop("type_code")).first()
        if license_type is None:
            raise LicenseNotFound("证照类型不存在")
        version = issue_license(
            license_type=license_type, issuer=request.user.department, actor=request.user, **fields
        )
        return Response(LicenseOutSerializer(version.license).data, status=status.HTTP_201_CREATED)


def _managed_license(request, pk: int):
    return get_object_or_404(licenses_managed_by(user=request.user), pk=pk)


class LicenseVersionsView(APIView):
    @extend_schema(
        summary="变更电子证照（制发新版本，旧版本被替代）",
        request=UpdateSerializer,
        responses={201: LicenseOutSerializer},
    )
    def post(self, request, pk: int):
        _require(request, "licenses.issue_elicense")
        lic = _managed_license(request, pk)
        data = UpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        reason = changes.pop("reason")
        update_license(license=lic, changes=changes, actor=request.user, reason=reason)
        return Response(LicenseOutSerializer(lic).data, status=status.HTTP_201_CREATED)


class LicenseStatusView(APIView):
    @extend_schema(
        summary="暂扣、恢复、吊销或注销电子证照", request=StatusSerializer, responses=LicenseOutSerializer
    )
    def post(self, request, pk: int):
        _require(request, "licenses.manage_status_elicense")
        lic = _managed_license(request, pk)
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lic = change_status(
            license=lic,
            action=ACTIONS[data.validated_data["action"]],
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(LicenseOutSerializer(lic).data)
