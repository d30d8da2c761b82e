"""The directory (like the EU once-only system's data-service directory): which provider serves a
license, decided by the issuer's region. The region is read from the issuer's USCC (characters 3–8
are the registering authority's GB/T 2260 code); this node serves ``MZB_NODE_REGIONS``, partner
nodes serve the regions in their ``PartnerNode`` row."""

from dataclasses import dataclass

from django.conf import settings

from catalogs.identifiers import HOLDER_CODE_USCC
from licenses.models import PartnerNode


@dataclass(frozen=True)
class Route:
    provider: str  # "local" or "remote"
    node: PartnerNode | None = None

    @property
    def source(self) -> str:
        return self.node.code if self.node else "local"


def is_local_region(region_code: str) -> bool:
    return any(region_code[:2] == code[:2] for code in settings.MZB_NODE_REGIONS)


def route_for_region(region_code: str) -> Route | None:
    if is_local_region(region_code):
        return Route("local")
    for node in PartnerNode.objects.filter(enabled=True):
        if node.serves_region(region_code):
            return Route("remote", node)
    return None


def region_of_holder(holder_code: str, holder_code_type: str) -> str:
    """Where a holder's licenses are most likely issued: the ID number's region (digits 1–6), or the
    USCC's registering authority (characters 3–8)."""
    code = (holder_code or "").strip().upper()
    return code[2:8] if holder_code_type == HOLDER_CODE_USCC else code[:6]
