"""OpenAPI post-processing: declare the RFC 9457 problem responses every operation can give.

The views' own ``@extend_schema`` declare their success responses; errors come from one place
(``project.problems``) and so are declared here, once: 400 (invalid input, for operations that take any),
401 (wrong Basic credentials), 403, 404 and 429 (throttles and login limits), each an
``application/problem+json`` body of the ``Problem`` component. Registered in ``SPECTACULAR_SETTINGS``.
"""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; title and detail in Chinese",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
    "required": ["type", "title", "status"],
}
DESCRIPTIONS = {
    "400": "提交的数据有误（invalid-params 逐项说明）",
    "401": "用户名或密码错误（HTTP Basic），附 WWW-Authenticate",
    "403": "未登录或没有权限",
    "404": "未找到",
    "409": "与当前状态冲突",
    "429": "请求过于频繁或登录已被暂时锁定，附 Retry-After",
}
METHODS = {"get", "post", "put", "patch", "delete"}


def add_problem_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = ["401", "403", "404", "409", "429"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.insert(0, "400")
            for code in codes:
                # a view may describe the case in its own words; the body is always a problem
                response = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
                response.setdefault("content", {"application/problem+json": {"schema": reference}})
    return result
