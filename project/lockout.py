"""What a locked-out login sees (django-axes ``AXES_LOCKOUT_CALLABLE``): a Chinese message, 429, Retry-After.

API calls (HTTP Basic) get an RFC 9457 problem, pages a page."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from project.problems import PROBLEM_CONTENT_TYPE


def _minutes() -> int:
    return max(int(settings.AXES_COOLOFF_TIME.total_seconds() // 60), 1)


def lockout_message() -> str:
    return f"登录失败次数过多，该账号或网络地址已被暂时锁定，请 {_minutes()} 分钟后再试；如忘记密码请联系管理员。"


def lockout_response(request, original_response, credentials):
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "type": "urn:mzb:problem:login-locked",
                "title": lockout_message(),
                "status": 429,
                "detail": lockout_message(),
            },
            status=429,
            content_type=PROBLEM_CONTENT_TYPE,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(request, "registration/locked_out.html", {"minutes": _minutes()}, status=429)
    response["Retry-After"] = retry_after
    return response
