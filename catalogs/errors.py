"""Domain errors: a machine-readable code and a message a person can act on (Chinese)."""


class DomainError(Exception):
    code = "domain-error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, params: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.params = params or []

    def __str__(self) -> str:
        return self.message


class PublishRefused(DomainError):
    code = "publish-refused"
    status = 409


class VersionConflict(DomainError):
    code = "version-conflict"
    status = 409
