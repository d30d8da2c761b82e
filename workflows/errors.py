"""Domain errors of cases, each with a code and a Chinese message (rendered as problem details)."""

from catalogs.errors import DomainError


class CaseNotFound(DomainError):
    code = "case-not-found"
    status = 404


class CaseRefused(DomainError):
    """The request is understood but the case is not in a state that allows it."""

    code = "case-state-conflict"
    status = 409


class CaseInputInvalid(DomainError):
    code = "case-input-invalid"
    status = 400


class NotAllowed(DomainError):
    code = "case-forbidden"
    status = 403


class TaskTaken(DomainError):
    code = "task-taken"
    status = 409


class UploadRejected(DomainError):
    code = "upload-rejected"
    status = 400
