"""The local provider: this node's own registry, read under ``authorise_read``."""

from accounts.models import User
from licenses.consent import AccessBasis, authorise_read
from licenses.errors import ReadDenied
from licenses.models import LicenseVersion, PartnerNode
from licenses.selectors import license_index_for_holder
from licenses.verification import verify_license

from ..disclosure import minimised_payload
from .base import Provider, ProviderAnswer, register


def _current(identifier: str) -> LicenseVersion | None:
    return (
        LicenseVersion.objects.select_related("license__license_type", "license__issuer", "seal_key")
        .filter(identifier=(identifier or "").strip())
        .first()
    )


@register("local")
class LocalProvider(Provider):
    def query(
        self,
        *,
        holder_code: str,
        type_code: str,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        try:
            authorise_read(
                basis=basis, holder_code=holder_code, type_code=type_code, fields=[], user=user, node=node
            )
        except ReadDenied as error:
            return ProviderAnswer("denied", error.message, holder_code=holder_code)
        items = [row for row in license_index_for_holder(holder_code) if row["type_code"] == type_code]
        for row in items:
            row["expires_on"] = row["expires_on"].isoformat() if row["expires_on"] else None
        return ProviderAnswer(
            "ok" if items else "not-found",
            "" if items else "未找到该类证照",
            items=items,
            holder_code=holder_code,
        )

    def retrieve(
        self,
        *,
        identifier: str,
        fields: list[str],
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        # one lookup: the verification report carries the version it found (checked before anything is disclosed)
        report = verify_license(identifier=identifier)
        version = report.version
        if version is None:
            return ProviderAnswer("not-found", "证照库中没有该证照")
        lic = version.license
        answer = ProviderAnswer("ok", license=lic, holder_code=lic.holder_code, license_name=version.name)
        try:
            authorise_read(
                basis=basis,
                holder_code=lic.holder_code,
                type_code=lic.license_type.code,
                fields=fields,
                user=user,
                node=node,
            )
        except ReadDenied as error:
            answer.status, answer.message = "denied", error.message
            return answer
        answer.data = {
            "document": minimised_payload(version, fields),
            "verification": report.as_dict(),
            "verified": report.ok,
        }
        answer.fields_read = sorted(fields)
        return answer

    def verify(
        self,
        *,
        identifier: str,
        holder_code: str | None,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer:
        # one lookup, as for retrieve: the report carries the version it found, and is returned only after
        # the read is authorised; a stored version whose identifier the report could not resolve is looked up
        report = verify_license(identifier=identifier, holder_code=holder_code)
        version = report.version or _current(identifier)
        if version is None:
            return ProviderAnswer("not-found", report.result_label, data={"verification": report.as_dict()})
        lic = version.license
        answer = ProviderAnswer("ok", license=lic, holder_code=lic.holder_code, license_name=version.name)
        try:
            authorise_read(
                basis=basis,
                holder_code=lic.holder_code,
                type_code=lic.license_type.code,
                fields=[],
                user=user,
                node=node,
            )
        except ReadDenied as error:
            answer.status, answer.message = "denied", error.message
            return answer
        if report.version is None:
            report = verify_license(identifier=version.identifier, holder_code=holder_code)
        answer.data = {"verification": report.as_dict(), "verified": report.ok}
        answer.message = report.result_label
        return answer
