"""RFC 9457 problem details for every API error.

Domain errors (``catalogs.errors.DomainError`` and subclasses) carry a code and a Chinese
message; DRF validation errors become ``invalid-params`` with one entry per field.
"""

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from catalogs.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _flatten(detail, prefix: str = "") -> list[dict]:
    params: list[dict] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                params.extend(_flatten(value, f"{prefix}[{index}]"))
            else:
                params.append({"name": prefix or "non_field_errors", "reason": str(value)})
    else:
        params.append({"name": prefix or "non_field_errors", "reason": str(detail)})
    return params


def problem_response(*, status_code: int, title: str, detail: str = "", code: str = "", **extra) -> Response:
    body = {"type": f"urn:mzb:problem:{code or status_code}", "title": title, "status": status_code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


DATABASE_UNAVAILABLE = "系统暂时无法访问数据库，本次操作未完成，请稍后重试"
DATABASE_RETRY_SECONDS = 5


def _database_unavailable(exc) -> bool:
    """The database could not be reached (restart, failover, network), or the connection broke mid-request:
    not a fault of the request. Every write of a request is one transaction, so nothing of it was kept; the
    client is told to try again (HTTP 503, ``Retry-After``) instead of a 500."""
    return isinstance(exc, (InterfaceError, OperationalError))


def problem_exception_handler(exc, context):
    if _database_unavailable(exc):
        problem = problem_response(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            title=DATABASE_UNAVAILABLE,
            detail=DATABASE_UNAVAILABLE,
            code="database-unavailable",
        )
        problem["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        return problem
    if isinstance(exc, DomainError):
        return problem_response(
            status_code=exc.status,
            title=exc.message,
            detail=exc.message,
            code=exc.code,
            **({"invalid-params": exc.params} if exc.params else {}),
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("未找到。")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("没有权限执行此操作。")
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem_response(
            status_code=status.HTTP_400_BAD_REQUEST,
            title="提交的数据有误",
            code="invalid",
            **{"invalid-params": _flatten(exc.detail)},
        )
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    problem = problem_response(
        status_code=response.status_code,
        title=str(detail),
        detail=str(detail),
        code=getattr(exc, "default_code", "error"),
    )
    for header in ("Retry-After", "WWW-Authenticate"):
        if header in response:
            problem[header] = response[header]
    return problem
