"""The client's address, as far as it can be trusted: one rule for the API throttles and the login limits.

``X-Forwarded-For`` is whatever the client sent, plus one address per proxy that forwarded the request. Only
the addresses appended by our own proxies can be believed, so with ``NUM_PROXIES=n`` (``TRUSTED_PROXY_COUNT``
in the environment) the n-th address from the right is the client; with 0 (the default: no proxy) the header
is ignored and the connection's address is used. This is DRF's own rule (``BaseThrottle.get_ident``), applied
to django-axes too (``AXES_CLIENT_IP_CALLABLE``) so that rotating the header escapes neither.
"""

from rest_framework.settings import api_settings


def client_ip(request) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = api_settings.NUM_PROXIES or 0
    if not proxies or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote_addr
