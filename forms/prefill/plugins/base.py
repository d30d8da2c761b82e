"""The prefill plugin interface and its registry (``catalogs.registry.Registry``): one plugin per source kind,
one module per plugin. A plugin is registered as an instance (plugins keep no state)."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from catalogs.registry import Registry
from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.prefill.sources import Source


@dataclass(frozen=True)
class Found:
    value: Any
    origin: str  # e.g. the license identifier, or "applicant"


@dataclass(frozen=True)
class Missing:
    reason: str
    refused: bool = False  # True when a source exists but may not be used (verification failed)


@dataclass(frozen=True)
class PrefillContext:
    applicant: ApplicantData | None
    evidence: tuple[LicenseEvidence, ...]


class PrefillPlugin(ABC):
    @abstractmethod
    def lookup(self, source: Source, context: PrefillContext) -> Found | Missing: ...


prefill_plugins: Registry[PrefillPlugin] = Registry("预填来源")


def register(name: str, *, label: str = ""):
    """``@register("license")`` on a ``PrefillPlugin`` subclass registers one instance of it."""

    def decorator(cls: type[PrefillPlugin]) -> type[PrefillPlugin]:
        prefill_plugins.register_instance(name, cls(), label=label)
        return cls

    return decorator
