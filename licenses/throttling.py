"""Rate limits beyond DRF's defaults (anon / user, ``REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]``).

Addresses come from ``get_ident``: X-Forwarded-For only through ``NUM_PROXIES`` trusted proxies (project/clientip.py).
"""

from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle


class VerifyRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["verify"]`` (60/min by default), counted per client address. Shared by license
    verification (page and API) and document verification, so guessing identifiers or codes is one budget."""

    scope = "verify"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerNodeRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["partner"]`` per partner node (the registry API's callers share no user id)."""

    scope = "partner"

    def get_cache_key(self, request, view):
        node = getattr(request.user, "node", None)
        ident = f"node:{node.code}" if node is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttled_page(request):
    """For HTML views: a 429 page with Retry-After when this address used up its verification budget, else None."""
    throttle = VerifyRateThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = int(throttle.wait() or 60)
    response = render(request, "licenses/verify_throttled.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response
