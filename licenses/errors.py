"""Domain errors of the license registry, each with a code and a Chinese message."""

from catalogs.errors import DomainError


class NoActiveKey(DomainError):
    code = "no-active-seal-key"
    status = 409


class KeyNotUsable(DomainError):
    code = "seal-key-not-usable"
    status = 409


class InvalidLicenseData(DomainError):
    code = "invalid-license-data"
    status = 400


class IllegalTransition(DomainError):
    code = "illegal-status-transition"
    status = 409


class NotIssuerOfLicense(DomainError):
    code = "not-issuer"
    status = 403


class LicenseNotFound(DomainError):
    code = "license-not-found"
    status = 404


class ImportRejected(DomainError):
    code = "import-rejected"
    status = 400


class ReadDenied(DomainError):
    """A read without a usable consent or legal basis (logged as denied)."""

    code = "read-denied"
    status = 403


class ConsentNotFound(DomainError):
    code = "consent-not-found"
    status = 404


class PartnerError(DomainError):
    code = "partner-error"
    status = 400
