"""Input validation and output shapes of the license API (no business logic here)."""

from rest_framework import serializers

from catalogs.identifiers import mask_code, mask_name
from licenses.models import StatusAction
from licenses.selectors import verification_url


class LicenseOutSerializer(serializers.Serializer):
    """A license at its current version; the holder is masked unless ``unmasked`` is in the context.

    The declared fields describe the output for the OpenAPI schema; ``to_representation`` builds it."""

    id = serializers.IntegerField(read_only=True)
    identifier = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    type_code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    number = serializers.CharField(read_only=True)
    issuer = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    status_label = serializers.CharField(read_only=True)
    holder_name = serializers.CharField(read_only=True)
    holder_code = serializers.CharField(read_only=True)
    valid_from = serializers.DateField(read_only=True)
    valid_until = serializers.DateField(read_only=True, allow_null=True, help_text="null 表示长期有效")
    verification_url = serializers.CharField(read_only=True)

    def to_representation(self, lic):
        version = lic.current_versions[0] if getattr(lic, "current_versions", None) else lic.current_version
        unmasked = self.context.get("unmasked", False)
        return {
            "id": lic.pk,
            "identifier": version.identifier,
            "version": version.version,
            "type_code": lic.license_type.code,
            "name": version.name,
            "number": version.number,
            "issuer": version.issuer_name,
            "status": lic.status,
            "status_label": lic.get_status_display(),
            "holder_name": version.holder_name if unmasked else mask_name(version.holder_name),
            "holder_code": lic.holder_code if unmasked else mask_code(lic.holder_code),
            "valid_from": version.valid_from,
            "valid_until": version.valid_until,
            "verification_url": verification_url(version),
        }


class IssueSerializer(serializers.Serializer):
    type_code = serializers.CharField(max_length=21)
    holder_code = serializers.CharField(max_length=18)
    holder_name = serializers.CharField(max_length=100)
    face = serializers.DictField(child=serializers.JSONField(), required=False, default=dict)
    number = serializers.CharField(max_length=60, required=False, default="")
    issue_date = serializers.DateField(required=False)
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True)
    long_term = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=500, required=False, default="依申请制发")


class UpdateSerializer(serializers.Serializer):
    holder_name = serializers.CharField(max_length=100, required=False)
    face = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False)
    number = serializers.CharField(max_length=60, required=False)
    valid_until = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=500)


ACTIONS = {
    "suspend": StatusAction.SUSPENDED,
    "restore": StatusAction.RESTORED,
    "revoke": StatusAction.REVOKED,
    "cancel": StatusAction.CANCELLED,
}


class StatusSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(ACTIONS))
    reason = serializers.CharField(max_length=500)
