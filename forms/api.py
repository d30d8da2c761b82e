"""Forms API (thin): a service item's current form schema, and the 免填写 statistics."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogs.selectors import public_service_item
from forms.models import FormField, FormRule, FormSchema
from forms.models.schemas import FIELD_DEFINITION
from forms.selectors import prefill_statistics, schema_for


class FormFieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = FormField
        fields = list(FIELD_DEFINITION)


class FormRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = FormRule
        fields = ["kind", "field_a", "field_b", "value", "message"]


class FormSchemaSerializer(serializers.ModelSerializer):
    service_item = serializers.SerializerMethodField()
    title = serializers.CharField(source="display_title")
    fields = FormFieldSerializer(many=True)
    rules = FormRuleSerializer(many=True)

    class Meta:
        model = FormSchema
        fields = ["service_item", "title", "instructions", "fields", "rules"]

    def get_service_item(self, schema) -> dict:
        return {
            "code": schema.service_item.code,
            "version": schema.service_item.version,
            "name": schema.service_item.name,
        }


class CurrentSchemaView(APIView):
    """The form of the version of a service item in force today (what an applicant fills in)."""

    @extend_schema(responses=FormSchemaSerializer)
    def get(self, request, code: str):
        item = public_service_item(code=code)
        schema = schema_for(item) if item else None
        if schema is None:
            raise NotFound("该事项没有现行的申请表单")
        return Response(FormSchemaSerializer(schema).data)


class CanSeeStatistics(BasePermission):
    message = "只有目录管理员和监管人员可以查看免填写统计"

    def has_permission(self, request, view):
        return request.user.has_perm("forms.view_filledform")


class PrefillStatisticsView(APIView):
    permission_classes = [CanSeeStatistics]

    @extend_schema(
        parameters=[
            OpenApiParameter("service_item", OpenApiTypes.STR, description="事项编码；留空为全部事项")
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        code = request.query_params.get("service_item") or None
        return Response(prefill_statistics(service_item_code=code))
