"""The holder's usage record as JSON (``/api/v1/me/access-log/``)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from licenses.consent.legal import legal_basis_label

from .selectors import access_history_of_holder


class AccessEntrySerializer(serializers.Serializer):
    # the declared fields describe the output for the OpenAPI schema; to_representation builds it
    seq = serializers.IntegerField(read_only=True)
    at = serializers.DateTimeField(read_only=True)
    reader = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True)
    license = serializers.CharField(read_only=True)
    identifier = serializers.CharField(read_only=True)
    purpose = serializers.CharField(read_only=True)
    case_reference = serializers.CharField(read_only=True)
    consent_reference = serializers.CharField(read_only=True)
    legal_basis = serializers.CharField(read_only=True)
    fields_read = serializers.ListField(child=serializers.CharField(), read_only=True)
    result = serializers.CharField(read_only=True)
    result_label = serializers.CharField(read_only=True)

    def to_representation(self, entry):
        return {
            "seq": entry.seq,
            "at": entry.at,
            "reader": entry.actor_label,
            "channel": entry.get_channel_display(),
            "license": entry.license_name or entry.license_identifier,
            "identifier": entry.license_identifier,
            "purpose": entry.purpose,
            "case_reference": entry.case_reference,
            "consent_reference": entry.consent_reference,
            "legal_basis": legal_basis_label(entry.legal_basis) if entry.legal_basis else "",
            "fields_read": entry.fields_read,
            "result": entry.result,
            "result_label": entry.get_result_display(),
        }


class MyAccessLogView(ListAPIView):
    """谁读取了我的证照: every read of the signed-in holder's licenses."""

    serializer_class = AccessEntrySerializer

    @extend_schema(
        parameters=[OpenApiParameter("own", bool, description="包含本人查看本人证照的记录（默认包含）")]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return access_history_of_holder(
            user=self.request.user, include_own=self.request.query_params.get("own", "1") != "0"
        )
