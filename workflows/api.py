"""The case API (``/api/v1/cases/``): thin views over ``workflows.services``; errors are problem details.

Who may do what is checked on every call: an applicant acts on their own cases (an enterprise agent on
their enterprise's), a handler on their department's, a window handler on the walk-in cases they
started. A case the caller may not see answers 404 as if it did not exist, and the attempt is logged.
"""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from workflows import presenters, selectors
from workflows.errors import CaseNotFound, CaseRefused, NotAllowed, TaskTaken
from workflows.models import Case, CaseDocument, CaseUpload, Channel, EventChannel
from workflows.services import filling, rating, review, starting, withdrawal
from workflows.services.events import record_event

PAGE_LIMIT = 100


# --- request bodies -----------------------------------------------------------------------------------


class AnswersSerializer(serializers.Serializer):
    service_code = serializers.CharField(max_length=64)
    answers = serializers.DictField(required=False, default=dict, help_text="问题标识 → 回答")
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.ONLINE)


class WindowStartSerializer(serializers.Serializer):
    service_code = serializers.CharField(max_length=64)
    holder_code = serializers.CharField(max_length=18, help_text="申请人公民身份号码或统一社会信用代码")
    real_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    answers = serializers.DictField(required=False, default=dict)


class ConsentAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField(help_text="true：按预览授权调取；false：不授权，改为自行上传")
    signed_form = serializers.FileField(required=False, help_text="窗口办理：申请人签字的纸质授权书扫描件")


class FormDataSerializer(serializers.Serializer):
    data = serializers.DictField(required=False, default=dict, help_text="字段标识 → 填写的值")


class UploadSerializer(serializers.Serializer):
    material = serializers.CharField(max_length=80, help_text="材料标识（见办件的 materials[].key）")
    file = serializers.FileField(help_text="PDF、JPEG 或 PNG，按内容识别")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer):
    reasons = serializers.CharField(max_length=2000, allow_blank=True)


class SupplementItemSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=300, allow_blank=True)


class SupplementRequestSerializer(serializers.Serializer):
    items = SupplementItemSerializer(many=True)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class InspectionSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    note = serializers.CharField(max_length=5000, allow_blank=True)


class RatingSerializer(serializers.Serializer):
    level = serializers.IntegerField(
        min_value=1, max_value=5, help_text="5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意"
    )
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- access -------------------------------------------------------------------------------------------


def _refuse(case: Case | None, request, what: str):
    record_event(
        case=case,
        action=f"refused:{what}",
        actor=request.user,
        channel=EventChannel.API,
        refused=True,
        note=f"{request.method} {request.path[:300]}",
    )


def case_for(request, pk: int, *, what: str) -> Case:
    """The case if the caller may see it; otherwise 404, and the attempt is logged."""
    if not 0 < pk <= selectors.MAX_CASE_PK:
        raise CaseNotFound("未找到该办件")
    case = (
        Case.objects.select_related(
            "service_item", "department", "filled_form__schema", "reviewer", "applicant"
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise CaseNotFound("未找到该办件")
    if not selectors.cases_visible_to(user=request.user).filter(pk=pk).exists():
        _refuse(case, request, what)
        raise CaseNotFound("未找到该办件")
    return case


def applicant_case(request, pk: int, *, what: str) -> Case:
    """A case the caller acts on as its applicant (or as the window handler who started it)."""
    case = case_for(request, pk, what=what)
    user = request.user
    if user.holder_code and user.holder_code == case.holder_code:
        return case
    if case.channel == Channel.WINDOW and case.window_handler_id == user.pk:
        return case
    _refuse(case, request, what)
    raise NotAllowed("只有申请人本人（或代为办理的窗口人员）可以执行该操作")


def handler_case(request, pk: int, *, what: str) -> Case:
    case = case_for(request, pk, what=what)
    user = request.user
    if user.is_superuser or (selectors.is_handler(user) and user.department_id == case.department_id):
        return case
    _refuse(case, request, what)
    raise NotAllowed("只有本部门的审批人员可以处理该办件")


def _channel(request, case: Case) -> str:
    return (
        EventChannel.WINDOW
        if case.channel == Channel.WINDOW and request.user.pk == case.window_handler_id
        else EventChannel.ONLINE
    )


def _shown(request, case: Case) -> dict:
    case.refresh_from_db()
    if request.user.holder_code and request.user.holder_code == case.holder_code:
        return presenters.for_applicant(case)
    return presenters.for_handler(case)


# --- applicant ----------------------------------------------------------------------------------------


class RequirementsView(APIView):
    @extend_schema(
        summary="我需要准备什么：按本人情况判定的材料清单（不创建办件）",
        request=AnswersSerializer,
        responses=OpenApiTypes.OBJECT,
    )
    def post(self, request):
        values = _valid(AnswersSerializer, request)
        return Response(
            starting.preview_materials(
                service_code=values["service_code"],
                user=request.user,
                answers=values["answers"],
                channel=values["channel"],
            )
        )


class CasesView(APIView):
    @extend_schema(
        summary="我的办件（申请人）、本部门办件（审批人员）或全部办件（监管）",
        operation_id="v1_cases_list",
        parameters=[
            OpenApiParameter("state", str),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        cases = selectors.cases_visible_to(user=request.user).select_related("service_item", "department")
        if request.query_params.get("state"):
            cases = cases.filter(state=request.query_params["state"])
        limit, offset = _page(request)
        masked = not request.user.holder_code
        rows = cases.order_by("-opened_at", "-pk")[offset : offset + limit]
        return Response(
            {"count": cases.count(), "results": [presenters.case_summary(c, masked=masked) for c in rows]}
        )

    @extend_schema(
        summary="申请办理事项（按本人情况判定材料，需调取证照时进入待授权）",
        request=AnswersSerializer,
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        values = _valid(AnswersSerializer, request)
        case = starting.start_case(
            service_code=values["service_code"],
            applicant=request.user,
            answers=values["answers"],
            channel=Channel.ONLINE,
        )
        return Response(presenters.for_applicant(case), status=status.HTTP_201_CREATED)


def _page(request) -> tuple[int, int]:
    try:
        limit = min(max(int(request.query_params.get("limit", 50)), 1), PAGE_LIMIT)
        offset = max(int(request.query_params.get("offset", 0)), 0)
    except ValueError:
        limit, offset = 50, 0
    return limit, offset


class CaseView(APIView):
    @extend_schema(
        summary="办件详情（申请人看本人办件；审批人员另见判定过程、核验报告、预填来源与日志）",
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, pk: int):
        return Response(_shown(request, case_for(request, pk, what="detail")))


class CaseStatusView(APIView):
    @extend_schema(
        summary="办件进度：状态、系统正在做什么、每项证照的核验结果", responses=OpenApiTypes.OBJECT
    )
    def get(self, request, pk: int):
        return Response(presenters.status(case_for(request, pk, what="status")))


class ConsentView(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(summary="授权预览：将读取哪些证照的哪些字段", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        case = applicant_case(request, pk, what="consent-preview")
        return Response(starting.consent_preview(case=case).as_dict())

    @extend_schema(
        summary="授权调取（或不授权、改为上传）；窗口办理须附签字的授权书",
        request=ConsentAnswerSerializer,
        responses=OpenApiTypes.OBJECT,
    )
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="consent")
        values = _valid(ConsentAnswerSerializer, request)
        channel = _channel(request, case)
        if selectors.active_task(case=case, node="consent") is None:
            raise CaseRefused("该办件当前不需要授权")  # before anything is stored
        if channel == EventChannel.WINDOW:
            starting.record_window_consent_form(
                case=case, user=request.user, uploaded_file=values.get("signed_form")
            )
        starting.answer_consent(case=case, user=request.user, accept=values["accept"], channel=channel)
        return Response(_shown(request, case))


class FormView(APIView):
    @extend_schema(summary="申请表：字段、预填值及其来源（预填字段只读）", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        case = case_for(request, pk, what="form")
        return Response(presenters.form(case) or {})

    @extend_schema(
        summary="保存申请表草稿（可稍后继续填写）", request=FormDataSerializer, responses=OpenApiTypes.OBJECT
    )
    def put(self, request, pk: int):
        case = applicant_case(request, pk, what="form-draft")
        filling.save_draft(case=case, user=request.user, data=_valid(FormDataSerializer, request)["data"])
        case.filled_form.refresh_from_db()
        return Response(presenters.form(case))


class UploadsView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(summary="已上传的材料", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        return Response(presenters.uploads(case_for(request, pk, what="uploads")))

    @extend_schema(
        summary="上传仍需提交的材料（PDF、JPEG、PNG，按内容识别，大小受限）",
        request=UploadSerializer,
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="upload")
        values = _valid(UploadSerializer, request)
        upload = filling.add_upload(
            case=case,
            user=request.user,
            material_key=values["material"],
            uploaded_file=values["file"],
            channel=_channel(request, case),
        )
        return Response(
            {
                "id": upload.pk,
                "material_key": upload.material_key,
                "media_type": upload.media_type,
                "size": upload.size,
            },
            status=status.HTTP_201_CREATED,
        )


class UploadView(APIView):
    @extend_schema(summary="删除本轮上传的材料", responses={204: None})
    def delete(self, request, pk: int, upload_pk: int):
        case = applicant_case(request, pk, what="upload-delete")
        upload = CaseUpload.objects.filter(pk=upload_pk, case=case, removed_at__isnull=True).first()
        if upload is None:
            raise CaseNotFound("未找到该材料")
        filling.remove_upload(case=case, user=request.user, upload=upload, channel=_channel(request, case))
        return Response(status=status.HTTP_204_NO_CONTENT)


class UploadFileView(APIView):
    @extend_schema(
        summary="下载上传的材料（仅申请人与本部门审批人员）",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int, upload_pk: int):
        case = case_for(request, pk, what="upload-file")
        upload = CaseUpload.objects.filter(pk=upload_pk, case=case).first()
        if upload is None:
            raise CaseNotFound("未找到该材料")
        response = FileResponse(
            upload.file.open("rb"),
            content_type=upload.media_type,
            as_attachment=False,
            filename=upload.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        response["X-Frame-Options"] = "SAMEORIGIN"  # the workbench previews uploads in the page
        return response


class SubmitView(APIView):
    @extend_schema(
        summary="提交申请（校验申请表与材料）", request=FormDataSerializer, responses=OpenApiTypes.OBJECT
    )
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="submit")
        filling.submit(
            case=case,
            user=request.user,
            data=_valid(FormDataSerializer, request)["data"],
            channel=_channel(request, case),
        )
        return Response(_shown(request, case))


class ResubmitView(APIView):
    @extend_schema(
        summary="提交补正材料（一次性告知所列材料全部上传后）", request=None, responses=OpenApiTypes.OBJECT
    )
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="resubmit")
        review.resubmit(case=case, user=request.user, channel=_channel(request, case))
        return Response(_shown(request, case))


class WithdrawView(APIView):
    @extend_schema(summary="撤回申请（作出决定前）", request=ReasonSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="withdraw")
        withdrawal.withdraw(
            case=case,
            user=request.user,
            reason=_valid(ReasonSerializer, request)["reason"],
            channel=_channel(request, case),
        )
        return Response(_shown(request, case))


class DocumentsView(APIView):
    @extend_schema(summary="办件文书", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        return Response(presenters.documents(case_for(request, pk, what="documents")))


class DocumentFileView(APIView):
    @extend_schema(summary="下载文书 PDF", responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, slot_pk: int):
        case = case_for(request, pk, what="document-file")
        slot = (
            CaseDocument.objects.select_related("document")
            .filter(pk=slot_pk, case=case, document__isnull=False)
            .first()
        )
        if slot is None:
            raise CaseNotFound("未找到该文书")
        return FileResponse(
            slot.document.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{slot.document.number}.pdf",
        )


class RatingView(APIView):
    @extend_schema(
        summary="好差评（办结后，每件一次）", request=RatingSerializer, responses={201: OpenApiTypes.OBJECT}
    )
    def post(self, request, pk: int):
        case = applicant_case(request, pk, what="rate")
        values = _valid(RatingSerializer, request)
        result = rating.rate_case(
            case=case, user=request.user, level=values["level"], comment=values["comment"]
        )
        return Response(
            {
                "level": result.level,
                "level_label": result.get_level_display(),
                "rectification": hasattr(result, "rectification"),
            },
            status=status.HTTP_201_CREATED,
        )


# --- handler ------------------------------------------------------------------------------------------


class QueueView(APIView):
    @extend_schema(
        summary="本部门待办（mine=1 只看我认领的），按承诺办结日期排序",
        parameters=[
            OpenApiParameter("mine", bool),
            OpenApiParameter(
                "deadline", str, enum=["overdue", "due_soon"], description="只看已逾期或即将到期"
            ),
            OpenApiParameter("limit", int),
            OpenApiParameter("offset", int),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        if not (request.user.is_superuser or selectors.is_handler(request.user)):
            raise NotAllowed("只有审批人员可以查看待办")
        scope = {
            "user": request.user,
            "mine": request.query_params.get("mine") in ("1", "true"),
            "deadline": request.query_params.get("deadline", ""),
        }
        tasks = selectors.handler_queue(**scope)
        limit, offset = _page(request)
        return Response(
            {
                "count": selectors.handler_queue_count(**scope),
                "results": [presenters.queue_row(t) for t in tasks[offset : offset + limit]],
            }
        )


def _handler_action(name: str, summary: str, body=None):
    def post(self, request, pk: int):
        case = handler_case(request, pk, what=name)
        values = _valid(body, request) if body else {}
        try:
            ACTIONS[name](case=case, user=request.user, **values)
        except (
            NotAllowed,
            TaskTaken,
        ) as error:  # not theirs to do (another department, not claimed, taken): logged
            _refuse(case, request, f"{name}:{error.code}")
            raise
        return Response(presenters.for_handler(Case.objects.get(pk=case.pk)))

    post = extend_schema(summary=summary, request=body, responses=OpenApiTypes.OBJECT)(post)
    return type(f"{name.title().replace('-', '')}View", (APIView,), {"post": post})


ACTIONS = {
    "claim": review.claim,
    "unclaim": review.unclaim,
    "approve": lambda case, user, note: review.approve(case=case, user=user, note=note),
    "reject": lambda case, user, reasons: review.reject(case=case, user=user, reasons=reasons),
    "request-supplement": lambda case, user, items, note: review.request_supplement(
        case=case, user=user, items=items, note=note
    ),
    "inspection": lambda case, user, passed, note: review.record_inspection(
        case=case, user=user, passed=passed, note=note
    ),
}
ClaimView = _handler_action("claim", "认领（首次认领即受理，开始计时）")
UnclaimView = _handler_action("unclaim", "退回部门待办")
ApproveView = _handler_action("approve", "准予", NoteSerializer)
RejectView = _handler_action("reject", "不予（须写明理由）", RejectSerializer)
SupplementRequestView = _handler_action(
    "request-supplement", "一次性告知补正（列明全部需补正的材料）", SupplementRequestSerializer
)
InspectionView = _handler_action(
    "inspection", "记录现场核查结果（不动产登记等有现场核查的事项）", InspectionSerializer
)


class WindowStartView(APIView):
    @extend_schema(
        summary="窗口代办：为到窗口办理的申请人发起办件（保留传统服务方式）",
        request=WindowStartSerializer,
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        if not request.user.has_perm("workflows.start_window_case"):
            raise NotAllowed("只有窗口审批人员可以代申请人发起办件")
        values = _valid(WindowStartSerializer, request)
        case = starting.start_window_case(
            handler=request.user,
            holder_code=values["holder_code"],
            real_name=values["real_name"],
            service_code=values["service_code"],
            answers=values["answers"],
        )
        return Response(presenters.for_handler(case), status=status.HTTP_201_CREATED)
