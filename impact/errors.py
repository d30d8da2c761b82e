"""Domain errors of impact runs (Chinese messages a person can act on)."""

from catalogs.errors import DomainError


class ImpactRefused(DomainError):
    code = "impact-refused"
    status = 409
