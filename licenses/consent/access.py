"""The one check every read goes through: a consent that covers it, or a named legal basis."""

from dataclasses import dataclass

from accounts.models import User
from licenses.errors import ReadDenied
from licenses.models import Consent, ConsentState, PartnerNode

from .legal import LEGAL_BASES


@dataclass(frozen=True)
class AccessBasis:
    purpose: str
    consent: Consent | None = None
    legal_basis: str = ""
    case_reference: str = ""

    @property
    def consent_reference(self) -> str:
        return str(self.consent.reference) if self.consent else ""


def authorise_read(
    *,
    basis: AccessBasis,
    holder_code: str | None,
    type_code: str,
    fields: list[str],
    user: User | None = None,
    node: PartnerNode | None = None,
) -> None:
    """Raise ``ReadDenied`` (with the reason in Chinese) unless this read is allowed."""
    purpose = (basis.purpose or "").strip()
    if not purpose:
        raise ReadDenied("读取证照须说明用证事由")
    if len(purpose) > 200:
        raise ReadDenied("用证事由不能超过 200 字")
    consent = basis.consent
    if consent is None:
        if not basis.legal_basis:
            raise ReadDenied("没有持证人的用证授权，也没有法定依据，不能读取证照")
        if node is not None:
            raise ReadDenied("伙伴节点调用须附持证人的用证授权")
        if basis.legal_basis not in LEGAL_BASES:
            raise ReadDenied("法定依据不在许可清单中")
        if user is None or not user.has_perm("licenses.read_under_legal_basis"):
            raise ReadDenied("您没有依法定依据读取证照的权限")
        return
    state = consent.state
    if state == ConsentState.REVOKED:
        raise ReadDenied("持证人已撤回该授权")
    if state == ConsentState.EXPIRED:
        raise ReadDenied("该授权已过期")
    if node is not None and consent.origin_node_id != node.pk:
        raise ReadDenied("该授权不是授予调用节点的")
    if node is None:
        if consent.origin_node_id is not None:
            raise ReadDenied("该授权由伙伴节点登记，只能由该节点使用")
        if user is None or not user.has_perm("licenses.use_gateway"):
            raise ReadDenied("您没有通过证照网关读取证照的权限")
        if not user.is_superuser and consent.grantee_department_id != getattr(user, "department_id", None):
            raise ReadDenied("该授权不是授予您所在部门的")
    if holder_code is not None and (holder_code or "").strip().upper() != consent.holder_code:
        raise ReadDenied("该授权不是该证照的持证人作出的")
    allowed = consent.fields.get(type_code)
    if allowed is None:
        raise ReadDenied("授权范围不包括该证照类型")
    beyond = sorted(set(fields) - set(allowed))
    if beyond:
        raise ReadDenied(f"授权范围不包括字段：{'、'.join(beyond)}")
