"""POST /api/v1/services/<code>/resolve — the signed-in applicant's materials and route for one item.

The holder is always the applicant's own verified holder code (never taken from the body), so an
applicant can only resolve for themselves. Bad answers come back as RFC 9457 problem details with
one ``invalid-params`` entry per field, in Chinese.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from rules.resolution import resolve


class ResolveRequest(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text="问题标识 → 回答（类型须与问题一致）",
        error_messages={"not_a_dict": "回答应为对象（键为问题标识，值为回答）"},
    )
    channel = serializers.ChoiceField(
        choices=[("online", "网上办理"), ("window", "窗口办理")],
        default="online",
        error_messages={"invalid_choice": "办理渠道只能是 online 或 window"},
    )


class ResolveView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_scope = "user"

    @extend_schema(
        request=ResolveRequest,
        responses={
            200: OpenApiResponse(
                description="材料清单（每种证照的提交方式、理由、依据）、办理路径与规则追踪"
            ),
            400: OpenApiResponse(description="RFC 9457：回答有误，invalid-params 逐项说明"),
            404: OpenApiResponse(description="事项没有生效的用证规则"),
        },
        summary="按本人情况生成材料清单",
    )
    def post(self, request, code: str):
        user = request.user
        if not user.holder_code or not user.holder_verified_at:
            raise PermissionDenied("您尚未完成实名核验，无法生成本人的材料清单。")
        body = ResolveRequest(data=request.data)
        body.is_valid(raise_exception=True)
        resolution = resolve(
            service_code=code,
            holder_code=user.holder_code,
            answers=body.validated_data["answers"],
            channel=body.validated_data["channel"],
        )
        return Response(resolution)
