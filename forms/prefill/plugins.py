"""Prefill plugins behind a registry (as Open Forms does): one per source kind."""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from forms.prefill.evidence import ApplicantData, LicenseEvidence
from forms.prefill.sources import Source

_REGISTRY: dict[str, "PrefillPlugin"] = {}


def register(name: str):
    def decorator(cls):
        _REGISTRY[name] = cls()
        return cls

    return decorator


def plugin_for(name: str) -> "PrefillPlugin":
    return _REGISTRY[name]


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


@register("applicant")
class ApplicantPrefill(PrefillPlugin):
    def lookup(self, source: Source, context: PrefillContext) -> Found | Missing:
        if context.applicant is None:
            return Missing("未提供申请人信息")
        value = getattr(context.applicant, source.attribute, "")
        if value in ("", None):
            return Missing("申请人账户中没有该信息")
        return Found(value=value, origin="applicant")


@register("license")
class LicensePrefill(PrefillPlugin):
    """Reads a face field of a license of the named type — only if that license passed verification."""

    def lookup(self, source: Source, context: PrefillContext) -> Found | Missing:
        candidates = [e for e in context.evidence if e.type_code == source.type_code]
        verified = [e for e in candidates if e.verified]
        if not verified:
            if candidates:
                return Missing(f"证照核验未通过：{candidates[0].failure_reason}", refused=True)
            return Missing("未取得该电子证照")
        evidence = verified[0]
        values = {**evidence.metadata, **evidence.face}
        if source.attribute == "identifier":
            values.setdefault("identifier", evidence.identifier)
        value = values.get(source.attribute)
        if value in ("", None):
            return Missing("证照照面中没有该信息")
        return Found(value=value, origin=evidence.identifier)
