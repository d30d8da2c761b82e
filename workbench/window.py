"""The window channel (保留传统服务方式): a handler serves a walk-in applicant through the same flow.

The handler starts the case by the applicant's ID number (``starting.start_window_case``), records the consent
the applicant gave at the window with the scan of the signed paper form (``record_window_consent_form`` then
``answer_consent``), fills in the form and uploads what is still required, and submits; from there the case
runs as any other and the applicant finds it in their own portal (it is theirs: same holder code).
Only the handler who started a walk-in case acts for the applicant on it, as in the case API.
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogs.errors import DomainError
from catalogs.identifiers import check_citizen_id, check_uscc, mask_code
from catalogs.models.service_items import ApplicantKind
from catalogs.selectors import public_service_item, public_service_items
from forms.builder import build_form
from workbench.views import _visible, handler_required
from workflows import presenters, selectors
from workflows.errors import CaseRefused, NotAllowed
from workflows.models import Case, CaseState, Channel, EventChannel
from workflows.services import filling, review, starting

WINDOW_STATES_ACTIVE = (
    CaseState.AWAITING_CONSENT,
    CaseState.VERIFYING,
    CaseState.FILLING,
    CaseState.SUPPLEMENT,
)


def window_required(view):
    @handler_required
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("workflows.start_window_case"):
            raise PermissionDenied(_("只有窗口审批人员可以代申请人办理"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _items(user):
    """The published items this handler's department implements (a window serves its own department's items)."""
    items = public_service_items()
    if not user.is_superuser:
        items = items.filter(department_id=user.department_id)
    return items.order_by("code")


@window_required
def start(request):
    """Pick the service item; below, the walk-in cases this handler still has to carry on."""
    mine = (
        Case.objects.filter(window_handler=request.user, state__in=WINDOW_STATES_ACTIVE)
        .select_related("service_item")
        .order_by("-opened_at")[:50]
    )
    return render(
        request,
        "workbench/window_start.html",
        {
            "items": _items(request.user),
            "open_cases": [{"case": c, "code": mask_code(c.holder_code)} for c in mine],
        },
    )


class WalkInForm(django_forms.Form):
    holder_code = django_forms.CharField(label=gettext_lazy("公民身份号码"), max_length=18, min_length=15)
    real_name = django_forms.CharField(
        label=gettext_lazy("申请人姓名"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("以居民身份证为准；申请人首次办理时必填"),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if item.applicant_kind == ApplicantKind.ENTERPRISE:
            self.fields["holder_code"].label = _("统一社会信用代码")
            self.fields["real_name"].label = _("经办人姓名")
        for question in item.questions.all():
            self.fields[f"q_{question.key}"] = _question_field(question)

    def clean_holder_code(self):
        code = (self.cleaned_data["holder_code"] or "").strip().upper()
        try:
            if self.item.applicant_kind == ApplicantKind.ENTERPRISE:
                check_uscc(code)
            else:
                check_citizen_id(code)
        except ValidationError as error:
            raise ValidationError(
                f"{error.messages[0]}，请核对申请人出示的证件后重新输入", code="holder_code"
            ) from error
        return code

    def answers(self) -> dict:
        result = {}
        for question in self.item.questions.all():
            value = self.cleaned_data.get(f"q_{question.key}")
            if value in (None, ""):
                continue
            if question.answer_type == "date":
                value = value.isoformat()
            elif question.answer_type == "decimal":
                value = str(value)
            result[question.key] = value
        return result


def _question_field(question) -> django_forms.Field:
    common = {"label": question.label, "required": question.required, "help_text": question.help_text}
    kind = question.answer_type
    if kind == "bool":
        return django_forms.TypedChoiceField(
            choices=[("", _("请选择")), ("true", _("是")), ("false", _("否"))],
            coerce=lambda v: v == "true",
            empty_value=None,
            **common,
        )
    if kind == "choice":
        return django_forms.ChoiceField(
            choices=[("", "请选择")] + [(c, c) for c in question.choices], **common
        )
    if kind == "int":
        return django_forms.IntegerField(**common)
    if kind == "decimal":
        return django_forms.DecimalField(max_digits=18, decimal_places=2, **common)
    if kind == "date":
        return django_forms.DateField(widget=django_forms.DateInput(attrs={"type": "date"}), **common)
    return django_forms.CharField(max_length=200, **common)


@window_required
def start_item(request, service_code: str):
    """The walk-in applicant's ID number, name and answers; the case is started only when all are valid."""
    item = public_service_item(code=service_code[:64])
    if item is None or not _items(request.user).filter(pk=item.pk).exists():
        raise Http404(_("没有这个事项，或该事项不由本部门办理"))
    form = WalkInForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            case = starting.start_window_case(
                handler=request.user,
                holder_code=form.cleaned_data["holder_code"],
                real_name=form.cleaned_data["real_name"],
                service_code=item.code,
                answers=form.answers(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已为申请人建立办件 %(number)s") % {"number": case.number})
            return redirect("workbench:window-case", pk=case.pk)
    return render(request, "workbench/window_item.html", {"item": item, "form": form})


def _window_case(request, pk: int, what: str) -> Case:
    """A walk-in case this handler started (anyone else: the case API's answer, 404 or 403)."""
    case = _visible(request, pk, f"window-{what}")
    if case.channel != Channel.WINDOW or case.window_handler_id != request.user.pk:
        raise PermissionDenied(_("只有代为办理的窗口人员可以执行该操作"))
    return case


def _schema_form(case: Case, data=None):
    filled = case.filled_form
    if filled is None:
        return None
    initial = {k: ("true" if v is True else "false" if v is False else v) for k, v in filled.values.items()}
    return build_form(filled.schema, initial=initial, locked=set(filled.locked), data=data)


@window_required
def window_case(request, pk: int):
    """The walk-in case's next step: the consent, the form and uploads, a supplement, or where it stands."""
    case = _window_case(request, pk, "case")
    context = {
        "case": case,
        "code": mask_code(case.holder_code),
        "status": presenters.status(case),
        "uploads": presenters.uploads(case),
    }
    if case.state == CaseState.AWAITING_CONSENT:
        context["preview"] = starting.consent_preview(case=case).as_dict()
    elif case.state in (CaseState.FILLING, CaseState.SUPPLEMENT):
        context["missing"] = filling.missing_uploads(case)
        if case.state == CaseState.FILLING:
            context["form"] = _schema_form(case)
    return render(request, "workbench/window_case.html", context)


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


@window_required
def consent(request, pk: int):
    """The applicant's consent given at the window, kept with the scan of the form they signed."""
    if response := _post_only(request):
        return response
    case = _window_case(request, pk, "consent")
    accept = request.POST.get("accept")
    if accept not in ("1", "0"):
        messages.error(request, _("请选择申请人是否同意授权调取电子证照"))
        return redirect("workbench:window-case", pk=case.pk)
    try:
        if selectors.active_task(case=case, node="consent") is None:
            raise CaseRefused("该办件当前不需要授权")  # before anything is stored
        starting.record_window_consent_form(
            case=case, user=request.user, uploaded_file=request.FILES.get("signed_form")
        )
        starting.answer_consent(
            case=case, user=request.user, accept=accept == "1", channel=EventChannel.WINDOW
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("已记录申请人的授权") if accept == "1" else _("申请人未授权，须提交相应材料")
        )
    return redirect("workbench:window-case", pk=case.pk)


@window_required
def upload(request, pk: int):
    if response := _post_only(request):
        return response
    case = _window_case(request, pk, "upload")
    try:
        stored = filling.add_upload(
            case=case,
            user=request.user,
            material_key=(request.POST.get("material") or "")[:80],
            uploaded_file=request.FILES.get("file"),
            channel=EventChannel.WINDOW,
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已上传：%(name)s") % {"name": stored.material_name})
    return redirect("workbench:window-case", pk=case.pk)


@window_required
def submit(request, pk: int):
    """Submit the form as the applicant confirmed it at the window; errors are shown on the form."""
    if response := _post_only(request):
        return response
    case = _window_case(request, pk, "submit")
    form = _schema_form(case, data=request.POST)
    data = {}
    if form is not None:
        locked = set(case.filled_form.locked)
        data = {key: request.POST.get(key, "") for key in form.fields if key not in locked}
    try:
        case = filling.submit(case=case, user=request.user, data=data, channel=EventChannel.WINDOW)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("workbench:window-case", pk=case.pk)
    messages.success(request, _("已提交：%(state)s") % {"state": case.get_state_display()})
    return redirect("workbench:window-case", pk=case.pk)


@window_required
def resubmit(request, pk: int):
    if response := _post_only(request):
        return response
    case = _window_case(request, pk, "resubmit")
    try:
        review.resubmit(case=case, user=request.user, channel=EventChannel.WINDOW)
    except (DomainError, NotAllowed) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已提交补正材料"))
    return redirect("workbench:window-case", pk=case.pk)
