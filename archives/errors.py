from catalogs.errors import DomainError


class ArchiveImmutable(DomainError):
    code = "archive-immutable"
    status = 409


class ArchiveExists(DomainError):
    code = "archive-exists"
    status = 409


class ArchiveInputInvalid(DomainError):
    code = "archive-input-invalid"
    status = 422
