"""The applicant portal: thin HTML views over ``workflows.services`` and ``workflows.selectors``.

Every case page goes through ``portal.access.my_case`` (404 for a case that is not the caller's, logged);
every write is one service call, whose domain error (a Chinese message a person can act on) is shown on
the page, and nothing the applicant typed is lost: the form is saved as a draft before it is submitted.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from catalogs.errors import DomainError
from catalogs.models import Department
from catalogs.selectors import public_service_item, public_service_items
from forms.builder import build_form
from portal.access import my_case, my_cases
from portal.forms import QuestionsForm, RatingForm, WithdrawForm
from portal.labels import MODE_HINTS, MODE_LABELS, action_label
from workflows import presenters
from workflows.models import Case, CaseState, CaseUpload, EventChannel
from workflows.models.case import APPLICANT_STATES, OPEN_STATES
from workflows.services import filling, rating, review, starting, withdrawal

ELDERLY_COOKIE = "mzb_elderly"
RATEABLE = (CaseState.APPROVED, CaseState.REJECTED, CaseState.ARCHIVED)
KINDS = {"person": ("person", "both"), "enterprise": ("enterprise", "both")}
# the apply steps shown on top of each page of the application
STEPS = (
    gettext_noop("回答问题"),
    gettext_noop("确认材料"),
    gettext_noop("授权用证"),
    gettext_noop("证照核验"),
    gettext_noop("填写申请表"),
    gettext_noop("提交"),
)


def _steps(current: int) -> list[dict]:
    return [
        {"number": i + 1, "label": _(label), "current": i == current, "done": i < current}
        for i, label in enumerate(STEPS)
    ]


def _item_or_404(code: str):
    item = public_service_item(code=code)
    if item is None:
        raise Http404("事项不存在或尚未发布")
    return item


# --- 办事指南 -----------------------------------------------------------------------------------------------


@require_GET
def guide(request):
    items = public_service_items()
    query = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind") or ""
    department = request.GET.get("department") or ""
    if query:
        items = items.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if kind in KINDS:
        items = items.filter(applicant_kind__in=KINDS[kind])
    if department:
        items = items.filter(department__uscc=department)
    departments = Department.objects.filter(pk__in=public_service_items().values("department_id")).order_by(
        "name"
    )
    return render(
        request,
        "portal/guide.html",
        {
            "items": list(items),
            "query": query,
            "kind": kind,
            "department": department,
            "departments": departments,
        },
    )


@require_GET
def item(request, code: str):
    service_item = _item_or_404(code)
    materials = [
        {
            "name": m.display_name,
            "mode": m.default_mode,
            "mode_label": MODE_LABELS.get(m.default_mode, m.get_default_mode_display()),
            "required": m.required,
            "note": m.note,
        }
        for m in service_item.materials.all()
    ]
    return render(
        request,
        "portal/item.html",
        {"item": service_item, "materials": materials, "drafts": _open_drafts(request, service_item.code)},
    )


def _open_drafts(request, code: str) -> list[Case]:
    if not request.user.is_authenticated:
        return []
    return list(
        my_cases(user=request.user)
        .filter(service_code=code, state__in=APPLICANT_STATES)
        .select_related("service_item")
        .order_by("-created")[:3]
    )


# --- 我需要准备什么, and starting ---------------------------------------------------------------------------


def _material_rows(materials: list[dict]) -> list[dict]:
    return [
        {
            **m,
            "mode_short": MODE_LABELS.get(m["mode"], m.get("mode_label", m["mode"])),
            "hint": MODE_HINTS.get(m["mode"], ""),
        }
        for m in materials
    ]


@login_required
def prepare(request, code: str):
    """我需要准备什么: the item's questions, then the material list resolved for this applicant."""
    service_item = _item_or_404(code)
    has_questions = service_item.questions.exists()
    answered = request.method == "POST" or any(k.startswith("q-") for k in request.GET) or not has_questions
    data = request.POST if request.method == "POST" else (request.GET if answered else None)
    form = QuestionsForm(data, item=service_item)
    preview, problem = None, ""
    if answered and form.is_valid():
        try:
            if request.method == "POST":
                case = starting.start_case(
                    service_code=service_item.code, applicant=request.user, answers=form.answers()
                )
                messages.success(request, _("已创建申请，办件编号 %(number)s") % {"number": case.number})
                return redirect("portal:case", pk=case.pk)
            preview = starting.preview_materials(
                service_code=service_item.code, user=request.user, answers=form.answers()
            )
        except DomainError as error:
            problem = error.message
            for param in error.params:
                name = str(param.get("name", "")).removeprefix("answers.")
                if name in form.fields:
                    form.add_error(name, param.get("reason", ""))
    return render(
        request,
        "portal/prepare.html",
        {
            "item": service_item,
            "form": form,
            "preview": preview,
            "materials": _material_rows(preview["materials"]) if preview else [],
            "problem": problem,
            "drafts": _open_drafts(request, service_item.code),
            "steps": _steps(1 if preview else 0),
        },
    )


# --- 我的办件 ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def case_list(request):
    cases = (
        my_cases(user=request.user).select_related("service_item", "department").order_by("-created", "-pk")
    )
    state = request.GET.get("state") or ""
    if state in CaseState.values:
        cases = cases.filter(state=state)
    return render(
        request,
        "portal/my_cases.html",
        {"cases": list(cases[:200]), "state": state, "states": CaseState.choices},
    )


def _form_context(case: Case, *, data=None) -> dict:
    filled = case.filled_form
    if filled is None:
        return {}
    shown = {f["key"]: f for f in (presenters.form(case) or {}).get("fields", [])}
    initial = {k: ("true" if v else "false") if isinstance(v, bool) else v for k, v in filled.values.items()}
    form = build_form(filled.schema, initial=initial, locked=set(filled.locked), data=data)
    if data is not None:
        form.is_valid()  # show each field's error next to it
    rows = [
        {"field": form[key], "prefilled_from": shown.get(key, {}).get("prefilled_from", ""), "key": key}
        for key in form.fields
    ]
    return {"form": form, "form_rows": rows, "form_title": filled.schema.display_title, "filled": filled}


def _case_context(request, case: Case, **extra) -> dict:
    case.refresh_from_db()
    licenses = presenters.license_rows(case, with_reports=False)
    context = {
        "case": case,
        "licenses": licenses,
        "materials": _material_rows([m.as_dict() for m in filling.materials(case)]),
        "awaited": presenters.awaited(case),
        "documents": presenters.documents(case),
        "uploads": presenters.uploads(case),
        "timeline": [
            {"at": e.at, "label": action_label(e.action), "note": e.note, "by": e.actor_name}
            for e in case.events.filter(refused=False).order_by("at", "id")
        ],
        "rating": getattr(case, "rating", None),  # a missing one-to-one raises an AttributeError subclass
        "may_withdraw": case.state in OPEN_STATES and case.state != CaseState.VERIFYING,
        "may_rate": case.state in RATEABLE
        and case.decision in ("approved", "rejected")
        and not hasattr(case, "rating"),
        "rating_form": RatingForm(),
        "missing": [m.as_dict() for m in filling.missing_uploads(case)]
        if case.state in (CaseState.FILLING, CaseState.SUPPLEMENT)
        else [],
    }
    if case.state == CaseState.AWAITING_CONSENT:
        context["preview"] = starting.consent_preview(case=case)
        context["steps"] = _steps(2)
    elif case.state == CaseState.VERIFYING:
        context["steps"] = _steps(3)
    elif case.state == CaseState.FILLING:
        context.update(_form_context(case))
        context["steps"] = _steps(4)
    context.update(extra)
    return context


@login_required
def case_detail(request, pk: int):
    case = my_case(request, pk, what="detail")
    return render(request, "portal/case.html", _case_context(request, case))


@login_required
@require_GET
def case_progress(request, pk: int):
    """Live status while licenses are fetched and verified; the page polls ``case_status`` by itself."""
    case = my_case(request, pk, what="progress")
    return render(
        request,
        "portal/progress.html",
        {
            "case": case,
            "status": presenters.status(case),
            "verifying": case.state == CaseState.VERIFYING,
            "steps": _steps(3),
        },
    )


@login_required
@require_GET
def case_status(request, pk: int):
    case = my_case(request, pk, what="status")
    data = presenters.status(case)
    data["done"] = case.state != CaseState.VERIFYING
    data["next"] = reverse("portal:case", args=[case.pk])
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def case_consent(request, pk: int):
    case = my_case(request, pk, what="consent")
    accept = request.POST.get("accept") == "yes"
    try:
        starting.answer_consent(case=case, user=request.user, accept=accept, channel=EventChannel.ONLINE)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("portal:case", pk=case.pk)
    return redirect("portal:progress", pk=case.pk)


def _store_files(request, case: Case) -> list[str]:
    """Every file attached to the form (``file-<material key>``) is stored; returns the problems met."""
    problems = []
    for name, uploaded in request.FILES.items():
        if not name.startswith("file-"):
            continue
        key = name.removeprefix("file-")
        try:
            filling.add_upload(
                case=case,
                user=request.user,
                material_key=key,
                uploaded_file=uploaded,
                channel=EventChannel.ONLINE,
            )
        except DomainError as error:
            problems.append(f"{uploaded.name}：{error.message}")
    return problems


def _remove_upload(request, case: Case) -> str:
    upload = CaseUpload.objects.filter(
        pk=request.POST.get("remove") or 0, case=case, removed_at__isnull=True
    ).first()
    if upload is None:
        return _("未找到该材料")
    try:
        filling.remove_upload(case=case, user=request.user, upload=upload, channel=EventChannel.ONLINE)
    except DomainError as error:
        return error.message
    return ""


@login_required
@require_POST
def case_fill(request, pk: int):
    """The pre-filled form and the uploads in one post: files are stored, the draft saved, then (if asked) submit."""
    case = my_case(request, pk, what="fill")
    if case.state != CaseState.FILLING:
        messages.error(
            request, _("办件当前为“%(state)s”，不能修改申请表") % {"state": case.get_state_display()}
        )
        return redirect("portal:case", pk=case.pk)
    problems = _store_files(request, case)
    if request.POST.get("remove"):
        problem = _remove_upload(request, case)
        problems += [problem] if problem else []
    data = {}
    if case.filled_form is not None:
        locked = set(case.filled_form.locked)
        fields = case.filled_form.schema.fields.values_list("key", flat=True)
        data = {key: request.POST.get(key, "") for key in fields if key not in locked and key in request.POST}
        try:
            filling.save_draft(case=case, user=request.user, data=data)
        except DomainError as error:
            problems.append(error.message)
    action = request.POST.get("action")
    if problems or action != "submit":
        for problem in problems:
            messages.error(request, problem)
        if not problems and action == "save":
            messages.success(request, _("草稿已保存，可随时回到“我的办件”继续填写"))
        return HttpResponseRedirect(reverse("portal:case", args=[case.pk]) + "#fill")
    try:
        filling.submit(case=case, user=request.user, data=data, channel=EventChannel.ONLINE)
    except DomainError as error:
        messages.error(request, error.message)
        posted = request.POST.copy()
        context = _case_context(request, case)
        context.update(_form_context(case, data=posted))
        return render(request, "portal/case.html", context, status=400)
    case.refresh_from_db()
    if case.decision == "approved":
        messages.success(request, _("申请已提交，已即时办结（秒批）：准予"))
    else:
        messages.success(request, _("申请已提交，请留意办理进度"))
    return redirect("portal:case", pk=case.pk)


@login_required
@require_POST
def case_supplement(request, pk: int):
    """一次性告知: upload every listed material (one post may carry all of them), then resubmit."""
    case = my_case(request, pk, what="supplement")
    problems = _store_files(request, case)
    if request.POST.get("remove"):
        problem = _remove_upload(request, case)
        problems += [problem] if problem else []
    if problems or request.POST.get("action") != "resubmit":
        for problem in problems:
            messages.error(request, problem)
        return HttpResponseRedirect(reverse("portal:case", args=[case.pk]) + "#supplement")
    try:
        review.resubmit(case=case, user=request.user, channel=EventChannel.ONLINE)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("补正材料已提交，办件回到审批人员处继续审查"))
    return redirect("portal:case", pk=case.pk)


@login_required
def case_withdraw(request, pk: int):
    case = my_case(request, pk, what="withdraw")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdrawal.withdraw(
                case=case, user=request.user, reason=form.cleaned_data["reason"], channel=EventChannel.ONLINE
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("申请已撤回"))
        return redirect("portal:case", pk=case.pk)
    return render(request, "portal/withdraw.html", {"case": case, "form": form})


@login_required
@require_POST
def case_rate(request, pk: int):
    case = my_case(request, pk, what="rate")
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择评价等级"))
        return redirect("portal:case", pk=case.pk)
    try:
        rating.rate_case(
            case=case,
            user=request.user,
            level=form.cleaned_data["level"],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "portal/case.html", _case_context(request, case, rating_form=form), status=400)
    messages.success(request, _("感谢您的评价"))
    return redirect("portal:case", pk=case.pk)


# --- 大字版 -----------------------------------------------------------------------------------------------


@require_POST
def elderly(request):
    """Switch large type and high contrast on or off for the whole site; remembered in a cookie for a year."""
    on = request.POST.get("on") == "1"
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        ELDERLY_COOKIE, "1" if on else "0", max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response
