"""Read-only public catalog API (/api/v1/catalog/). Only published versions in force are visible."""

from datetime import date

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from catalogs import selectors
from catalogs.models import (
    Department,
    FaceField,
    LicenseType,
    MaterialRequirement,
    Question,
    Region,
    ServiceItem,
)


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "parent"]


class DepartmentSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Department
        fields = ["uscc", "name", "region", "level"]


class FaceFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = FaceField
        fields = ["key", "label", "field_type", "choices", "required", "sensitivity"]


class LicenseTypeSerializer(serializers.ModelSerializer):
    issuing_departments = serializers.SlugRelatedField(slug_field="uscc", many=True, read_only=True)
    face_fields = FaceFieldSerializer(many=True, read_only=True)

    class Meta:
        model = LicenseType
        fields = [
            "code",
            "name",
            "holder_kind",
            "default_validity_years",
            "issuing_departments",
            "face_fields",
        ]


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["key", "label", "answer_type", "choices", "required", "help_text"]


class MaterialSerializer(serializers.ModelSerializer):
    license_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = MaterialRequirement
        fields = ["name", "license_type", "default_mode", "required", "note"]


class ServiceItemSerializer(serializers.ModelSerializer):
    department = DepartmentSerializer(read_only=True)
    issues_license_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    questions = QuestionSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)

    class Meta:
        model = ServiceItem
        fields = [
            "code",
            "version",
            "name",
            "kind",
            "applicant_kind",
            "department",
            "promised_days",
            "statutory_days",
            "fee",
            "legal_basis",
            "issues_license_type",
            "valid_from",
            "valid_until",
            "questions",
            "materials",
        ]


class PublicReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]


class RegionViewSet(PublicReadOnly):
    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    lookup_field = "code"


class DepartmentViewSet(PublicReadOnly):
    queryset = Department.objects.select_related("region")
    serializer_class = DepartmentSerializer
    lookup_field = "uscc"


class LicenseTypeViewSet(PublicReadOnly):
    queryset = selectors.active_license_types()
    serializer_class = LicenseTypeSerializer
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="查询该日施行的版本，默认今天")]
    ),
    retrieve=extend_schema(
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="查询该日施行的版本，默认今天")]
    ),
)
class ServiceItemViewSet(PublicReadOnly):
    """用证清单: each service item's version in force on ``on`` (default today). Drafts are never listed."""

    serializer_class = ServiceItemSerializer
    lookup_field = "code"

    def get_queryset(self):
        raw = self.request.query_params.get("on")
        day = timezone.localdate()
        if raw:
            try:
                day = date.fromisoformat(raw)
            except ValueError as error:
                raise ValidationError({"on": "日期格式应为 YYYY-MM-DD"}) from error
        return selectors.public_service_items(on=day)
