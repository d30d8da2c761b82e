"""Per-client-address rate limit of public verification (API and page share one budget)."""

from rest_framework.throttling import SimpleRateThrottle


class VerifyRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["verify"]`` (60/min by default), counted per client address."""

    scope = "verify"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
