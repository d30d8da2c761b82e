"""Domain errors of forms and documents (Chinese messages, RFC 9457 via project.problems)."""

from catalogs.errors import DomainError


class SchemaFrozen(DomainError):
    code = "form-schema-frozen"
    status = 409


class FormInvalid(DomainError):
    code = "form-invalid"
    status = 422


class PrefilledFieldLocked(DomainError):
    code = "prefilled-field-locked"
    status = 422


class FormAlreadySubmitted(DomainError):
    code = "form-already-submitted"
    status = 409


class RenderingUnavailable(DomainError):
    """The machine cannot render Chinese documents correctly (no CJK font)."""

    code = "rendering-unavailable"
    status = 503
