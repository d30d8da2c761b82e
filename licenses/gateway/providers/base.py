"""The provider interface and its registry. A provider answers for one source (this node, or one
partner node); it never decides whether a read is allowed without ``authorise_read`` and never
writes the access log itself — the gateway does both, once per call."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from licenses.consent import AccessBasis
from licenses.models import PartnerNode

_REGISTRY: dict[str, type["Provider"]] = {}


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
    def __init__(self, node: PartnerNode | None = None):
        self.node = node

    @abstractmethod
    def query(self, *, holder_code: str, type_code: str, basis: AccessBasis, user) -> ProviderAnswer: ...

    @abstractmethod
    def retrieve(self, *, identifier: str, fields: list[str], basis: AccessBasis, user) -> ProviderAnswer: ...

    @abstractmethod
    def verify(
        self, *, identifier: str, holder_code: str | None, basis: AccessBasis, user
    ) -> ProviderAnswer: ...


def register(name: str):
    def decorator(cls: type[Provider]) -> type[Provider]:
        if name in _REGISTRY:
            raise ValueError(f"license provider {name!r} registered twice")
        _REGISTRY[name] = cls
        return cls

    return decorator


def get_provider(name: str, node: PartnerNode | None = None) -> Provider:
    try:
        return _REGISTRY[name](node)
    except KeyError:
        raise LookupError(f"no license provider {name!r}") from None


def registered_providers() -> list[str]:
    return sorted(_REGISTRY)
