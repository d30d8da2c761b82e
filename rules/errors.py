"""Domain errors of the rules app (Chinese messages; the API shows them as RFC 9457 problems)."""

from catalogs.errors import DomainError, PublishRefused, VersionConflict

__all__ = [
    "AnswersInvalid",
    "DomainError",
    "HolderInvalid",
    "NoRuleset",
    "PublishRefused",
    "RuleTestInvalid",
    "VersionConflict",
]


class AnswersInvalid(DomainError):
    """One or more answers or inputs do not fit their question; ``params`` has one entry per field."""

    code = "invalid-answers"
    status = 400


class HolderInvalid(DomainError):
    code = "invalid-holder"
    status = 400


class NoRuleset(DomainError):
    code = "no-ruleset"
    status = 404


class RuleTestInvalid(DomainError):
    code = "invalid-rule-test"
    status = 400
