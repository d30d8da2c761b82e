"""What a holder reads on their own pages: license type names and face-field labels instead of codes and
keys, consents by purpose and grantee instead of their reference (shared by the access-log and consents pages)."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogs.models import FaceField, LicenseType
from licenses.consent.legal import legal_basis_label
from licenses.models import AccessLogEntry, AccessResult, Consent

IDENTIFIER_PREFIX = "1.2.156.3005.2."


def type_code_of_identifier(identifier: str) -> str:
    """The license type code inside a GB/T 36904-style identifier (``1.2.156.3005.2.{type}.{issuer}…``)."""
    if not identifier.startswith(IDENTIFIER_PREFIX):
        return ""
    return identifier[len(IDENTIFIER_PREFIX) :].split(".", 1)[0]


@dataclass
class Labels:
    type_names: dict[str, str] = field(default_factory=dict)
    field_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def for_types(cls, codes) -> Labels:
        codes = {code for code in codes if code}
        labels = cls(type_names=dict(LicenseType.objects.filter(code__in=codes).values_list("code", "name")))
        for code, key, label in FaceField.objects.filter(license_type__code__in=codes).values_list(
            "license_type__code", "key", "label"
        ):
            labels.field_labels.setdefault(code, {})[key] = label
        return labels

    def type_name(self, code: str) -> str:
        return self.type_names.get(code, code)

    def fields(self, code: str, keys) -> list[str]:
        known = self.field_labels.get(code, {})
        return [known.get(key, key) for key in keys]


@dataclass
class AccessRow:
    entry: AccessLogEntry
    license_name: str
    fields: list[str]
    consent: Consent | None
    legal_basis: str
    refused: bool

    @property
    def reason(self) -> str:
        return self.entry.detail if self.refused else ""


def access_rows(entries: list[AccessLogEntry], *, consents) -> list[AccessRow]:
    """The holder's access log as they should read it; ``consents`` are the holder's own (looked up by reference)."""
    codes = {type_code_of_identifier(entry.license_identifier) for entry in entries}
    labels = Labels.for_types(codes)
    references = {entry.consent_reference for entry in entries if entry.consent_reference}
    by_reference = (
        {str(c.reference): c for c in consents.filter(reference__in=references)} if references else {}
    )
    rows = []
    for entry in entries:
        code = type_code_of_identifier(entry.license_identifier)
        rows.append(
            AccessRow(
                entry=entry,
                license_name=entry.license_name or labels.type_name(code) or entry.license_identifier,
                fields=labels.fields(code, entry.fields_read or []),
                consent=by_reference.get(entry.consent_reference),
                legal_basis=legal_basis_label(entry.legal_basis) if entry.legal_basis else "",
                refused=entry.result != AccessResult.GRANTED,
            )
        )
    return rows


@dataclass
class ConsentCard:
    consent: Consent
    state: str
    licenses: list[tuple[str, list[str]]]  # (type name, field labels)


def consent_cards(consents) -> list[ConsentCard]:
    consents = list(consents)
    labels = Labels.for_types({code for c in consents for code in c.fields})
    return [
        ConsentCard(
            consent=c,
            state=c.state_at(),
            licenses=[
                (labels.type_name(code), labels.fields(code, keys)) for code, keys in sorted(c.fields.items())
            ],
        )
        for c in consents
    ]
