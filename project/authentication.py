"""API authentication: session (browser) or HTTP Basic (scripts).

DRF answers an authentication failure with the ``WWW-Authenticate`` header of the *first* authentication
class, or turns it into 403 when that class has none (sessions have none). So a wrong Basic password got
403 without a challenge. ``SessionAuthentication`` here announces the Basic challenge when the request
tried Basic — a wrong password is then 401 with ``WWW-Authenticate: Basic`` — while a browser without
credentials still gets a plain 403 (and no login dialog)."""

from django.conf import settings
from rest_framework import authentication, exceptions


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate_header(self, request):
        parts = authentication.get_authorization_header(request).split()
        if parts and parts[0].lower() == b"basic":
            return 'Basic realm="api", charset="UTF-8"'
        return None


class BasicAuthentication(authentication.BasicAuthentication):
    """HTTP Basic under the login limits (django-axes, which sees the attempt through ``authenticate``).

    axes marks a locked-out attempt on the request it was given — here DRF's ``Request``, which its middleware
    never sees — so the lockout is answered here: 429 with the Chinese message and Retry-After."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                from project.lockout import lockout_message  # cycle: DRF's settings load this module

                raise exceptions.Throttled(
                    wait=settings.AXES_COOLOFF_TIME.total_seconds(), detail=lockout_message()
                ) from None
            raise


# the OpenAPI schema describes them as DRF's own session and Basic schemes
from drf_spectacular.authentication import BasicScheme as _BasicScheme  # noqa: E402
from drf_spectacular.authentication import SessionScheme as _SessionScheme  # noqa: E402


class SessionScheme(_SessionScheme):
    target_class = "project.authentication.SessionAuthentication"


class BasicScheme(_BasicScheme):
    target_class = "project.authentication.BasicAuthentication"
