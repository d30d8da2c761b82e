"""The gateway (证照网关): ``query``, ``retrieve`` and ``verify`` for staff of this node, each under a
consent or a named legal basis and a purpose. The directory picks the provider (local registry or a
partner node); every call leaves exactly one access-log entry per license (or one entry for a call
that found or was allowed nothing)."""

from dataclasses import dataclass, field

from accounts.models import User
from catalogs.identifiers import HOLDER_CODE_CITIZEN
from licenses.audit import Reader, record_access
from licenses.consent import AccessBasis
from licenses.identifiers import parse_identifier
from licenses.models import AccessChannel, AccessResult, LicenseVersion

from .directory import region_of_holder, route_for_region
from .providers import providers
from .providers.base import ProviderAnswer

ACCESS_RESULT = {
    "ok": AccessResult.GRANTED,
    "denied": AccessResult.DENIED,
    "unavailable": AccessResult.UNAVAILABLE,
    "rejected": AccessResult.REJECTED,
    "not-found": AccessResult.NOT_FOUND,
}
MESSAGES = {
    "ok": "读取成功",
    "denied": "已拒绝",
    "unavailable": "节点不可用",
    "rejected": "数据核验未通过",
    "not-found": "未找到",
}


@dataclass
class GatewayResult:
    status: str
    message: str
    source: str
    data: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "status_label": MESSAGES[self.status],
            "message": self.message,
            "source": self.source,
            **self.data,
        }


def _reader(basis: AccessBasis, user: User) -> Reader:
    return Reader(
        channel=AccessChannel.GATEWAY,
        user=user,
        purpose=basis.purpose,
        case_reference=basis.case_reference,
        consent_reference=basis.consent_reference,
        legal_basis=basis.legal_basis,
    )


def _log(
    answer: ProviderAnswer, *, basis: AccessBasis, user: User, identifier: str = "", holder_code: str = ""
) -> None:
    # when the license itself was not reached (refused before the call, node unavailable), the consent says
    # whose license was asked for, so the attempt still shows on that holder's usage record
    holder_code = holder_code or (basis.consent.holder_code if basis.consent else "")
    record_access(
        reader=_reader(basis, user),
        result=ACCESS_RESULT[answer.status],
        license=answer.license,
        license_identifier=identifier,
        license_name=answer.license_name,
        holder_code=answer.holder_code or holder_code,
        fields_read=answer.fields_read if answer.status == "ok" else [],
        detail=answer.message,
    )


def _route(region: str):
    route = route_for_region(region)
    if route is None:
        return None, ProviderAnswer("unavailable", f"目录中没有服务区划 {region} 的节点")
    return route, None


def _for_license(identifier: str, *, basis: AccessBasis, user: User, call) -> GatewayResult:
    """Route a call about one license to the node serving its issuer's region, log it, and answer."""
    identifier = (identifier or "").strip()[:120]
    try:
        region = parse_identifier(identifier).issuer_uscc[2:8]
    except ValueError as error:
        answer = ProviderAnswer("not-found", str(error))
        _log(answer, basis=basis, user=user, identifier=identifier)
        return GatewayResult(answer.status, answer.message, "local")
    route, answer = _route(region)
    if route is not None:
        answer = call(providers[route.provider](route.node), identifier)
    _log(answer, basis=basis, user=user, identifier=identifier)
    return GatewayResult(answer.status, answer.message, route.source if route else "", answer.data)


def retrieve(*, identifier: str, fields: list[str], basis: AccessBasis, user: User) -> GatewayResult:
    """Read the listed face fields (and the metadata) of one license."""
    fields = sorted(set(fields or []))
    return _for_license(
        identifier,
        basis=basis,
        user=user,
        call=lambda provider, ident: provider.retrieve(
            identifier=ident, fields=fields, basis=basis, user=user
        ),
    )


def verify(
    *, identifier: str, basis: AccessBasis, user: User, holder_code: str | None = None
) -> GatewayResult:
    """Verify one license at its issuer's registry (seal, trust, status, validity, holder)."""
    return _for_license(
        identifier,
        basis=basis,
        user=user,
        call=lambda provider, ident: provider.verify(
            identifier=ident, holder_code=holder_code, basis=basis, user=user
        ),
    )


def query(
    *,
    holder_code: str,
    type_code: str,
    basis: AccessBasis,
    user: User,
    holder_code_type: str = HOLDER_CODE_CITIZEN,
    region: str | None = None,
) -> GatewayResult:
    """Which licenses of ``type_code`` the holder has (identifier, status, end date — no face fields),
    at the node serving ``region`` (default: the holder's own region)."""
    holder_code = (holder_code or "").strip().upper()
    route, answer = _route(region or region_of_holder(holder_code, holder_code_type))
    if route is not None:
        answer = providers[route.provider](route.node).query(
            holder_code=holder_code, type_code=type_code, basis=basis, user=user
        )
    reader = _reader(basis, user)
    if answer.status == "ok":
        for item in answer.items:
            record_access(
                reader=reader,
                result=AccessResult.GRANTED,
                license_identifier=str(item.get("identifier", "")),
                holder_code=holder_code,
                detail="查询证照目录（不含照面信息）",
                license=_local_license(item) if route and route.provider == "local" else None,
            )
    else:
        _log(answer, basis=basis, user=user, holder_code=holder_code)
    return GatewayResult(
        answer.status, answer.message, route.source if route else "", {"licenses": answer.items}
    )


def _local_license(item: dict):
    version = (
        LicenseVersion.objects.select_related("license").filter(identifier=item.get("identifier", "")).first()
    )
    return version.license if version else None
