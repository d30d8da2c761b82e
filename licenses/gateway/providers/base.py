"""The provider interface and its registry (``catalogs.registry.Registry``). A provider answers for one
source (this node, or one partner node); it never decides whether a read is allowed without
``authorise_read`` and never writes the access log itself — the gateway does both, once per call.

The registry holds the classes; a provider is made per source: ``providers[route.provider](route.node)``."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from accounts.models import User
from catalogs.registry import Registry
from licenses.consent import AccessBasis
from licenses.models import PartnerNode


@dataclass
class ProviderAnswer:
    """What a provider found. ``status``: ok · denied · unavailable · rejected · not-found."""

    status: str
    message: str = ""
    data: dict = field(default_factory=dict)
    license: object = None  # the local ELicense, when the source is this node
    holder_code: str = ""
    license_name: str = ""
    fields_read: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)  # query: one per license found


class Provider(ABC):
    """Every method takes the same keywords: what to read, the ``basis`` (consent or legal basis), the
    acting ``user`` (None when a partner node asks), and ``node`` — the partner node asking, when another
    node reads this node's registry through the registry API (None for a read on this node's own behalf).
    ``self.node`` is the node that answers (None for this node)."""

    def __init__(self, node: PartnerNode | None = None):
        self.node = node

    @abstractmethod
    def query(
        self,
        *,
        holder_code: str,
        type_code: str,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer: ...

    @abstractmethod
    def retrieve(
        self,
        *,
        identifier: str,
        fields: list[str],
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer: ...

    @abstractmethod
    def verify(
        self,
        *,
        identifier: str,
        holder_code: str | None,
        basis: AccessBasis,
        user: User | None,
        node: PartnerNode | None = None,
    ) -> ProviderAnswer: ...


providers: Registry[type[Provider]] = Registry("证照来源")
register = providers.register
