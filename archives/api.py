"""Archive API (thin, read-only plus running a check): for auditors and the handling department."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from archives.models import ArchivePackage
from archives.selectors import packages_visible_to
from archives.services import check_package


class ArchivePackageSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")

    class Meta:
        model = ArchivePackage
        fields = [
            "package_id",
            "case_number",
            "service_item_code",
            "service_item_version",
            "service_item_name",
            "department",
            "decision",
            "archived_at",
            "retention_years",
            "retention_until",
            "file_count",
            "total_bytes",
            "manifest_sha256",
            "seal_key_id",
        ]


class CanViewArchive(BasePermission):
    message = "没有查看电子档案的权限"

    def has_permission(self, request, view):
        return request.user.has_perm("archives.view_archivepackage")


class IsAuditor(BasePermission):
    message = "只有监管人员可以发起四性检测"

    def has_permission(self, request, view):
        return request.user.has_perm("archives.view_checkrun")


class PackageList(ListAPIView):
    serializer_class = ArchivePackageSerializer
    permission_classes = [CanViewArchive]

    def get_queryset(self):
        return packages_visible_to(user=self.request.user)


class PackageDetail(RetrieveAPIView):
    serializer_class = ArchivePackageSerializer
    permission_classes = [CanViewArchive]
    lookup_field = "package_id"

    def get_queryset(self):
        return packages_visible_to(user=self.request.user)


class PackageCheck(APIView):
    """Run the 四性检测 on one package now and return the report (recorded as a check run)."""

    permission_classes = [IsAuditor]

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, package_id: str):
        package = packages_visible_to(user=request.user).filter(package_id=package_id).first()
        if package is None:
            raise NotFound("未找到该归档信息包")
        report = check_package(package=package)
        return Response(report.as_dict(), status=200)
