"""The handler workbench: the department's queue and 我的任务, and the case page with the handler's actions.

Every read goes through ``workflows.selectors`` (scoped to the handler's department) and every case through
the case API's own checks (``workflows.api.case_for`` / ``handler_case``): a case of another department
answers 404 here exactly as in the API, and the attempt is logged. Every write is a ``workflows.services``
call; a refusal (not claimed, taken by someone else) is logged as a refused event, as the API does.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from catalogs.errors import DomainError
from catalogs.identifiers import mask_code
from workflows import api, presenters, selectors
from workflows.errors import CaseNotFound, NotAllowed, TaskTaken
from workflows.models import Case, CaseState, Channel, EventChannel
from workflows.models.case import APPLICANT_STATES
from workflows.services import review
from workflows.services.filling import materials

PAGE_SIZE = 20
DUE_SOON_DAYS = 3  # 即将到期: due today or within the next three days
NODE_LABELS = {"review": "审查", "inspection": "现场核查"}


def handler_required(view):
    """Only handlers (and superusers) work here; anyone else is told so (403), never shown an empty queue."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_superuser or selectors.is_handler(request.user)):
            raise PermissionDenied(_("只有审批人员可以使用审批工作台"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def mask_phone(value) -> str:
    value = str(value or "")
    return value[:3] + "****" + value[-4:] if len(value) == 11 else mask_code(value)


# --- queue --------------------------------------------------------------------------------------------


def _due_soon_until():
    return timezone.localdate() + timedelta(days=DUE_SOON_DAYS)


def _filtered(tasks, params):
    state = params.get("state", "")
    if state in (CaseState.AWAITING_ACCEPTANCE, CaseState.IN_REVIEW):
        tasks = tasks.filter(process__case__state=state)
    flag = params.get("flag", "")
    if flag == "overdue":
        tasks = tasks.filter(process_id__in=Case.objects.overdue().values("pk"))
    elif flag == "due_soon":
        tasks = tasks.filter(process_id__in=Case.objects.due_soon(until=_due_soon_until()).values("pk"))
    service = params.get("service", "")
    if service:
        tasks = tasks.filter(process__case__service_code=service[:64])
    channel = params.get("channel", "")
    if channel in Channel.values:
        tasks = tasks.filter(process__case__channel=channel)
    if params.get("sort") == "-due":
        tasks = tasks.order_by("-process__case__due_on", "-id")
    return tasks


def _counts(user) -> dict:
    everything = selectors.handler_queue(user=user)
    return {
        "queue": everything.count(),
        "mine": selectors.handler_queue(user=user, mine=True).count(),
        "overdue": everything.filter(process_id__in=Case.objects.overdue().values("pk")).count(),
        "due_soon": everything.filter(
            process_id__in=Case.objects.due_soon(until=_due_soon_until()).values("pk")
        ).count(),
    }


@handler_required
def queue(request, mine: bool = False):
    """本部门待办 or 我的任务: open review and inspection tasks, filtered, by due date, a page at a time."""
    user = request.user
    scoped = selectors.handler_queue(user=user, mine=mine)
    tasks = _filtered(scoped, request.GET)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = []
    for task in page.object_list:
        case = task.process.case
        rows.append(
            {
                "task": task,
                "case": case,
                "node": NODE_LABELS.get(task.flow_task.name, task.flow_task.name),
                "code": mask_code(case.holder_code),
                "owner": (task.owner.real_name or task.owner.username) if task.owner_id else "",
                "mine": task.owner_id == user.pk,
                "overdue": bool(case.due_on and case.due_on < today),
                "due_soon": bool(case.due_on and today <= case.due_on <= _due_soon_until()),
            }
        )
    # the service items to filter by are those of this handler's own queue, never the whole catalog
    services = (
        scoped.order_by()
        .values_list("process__case__service_code", "process__case__service_item__name")
        .distinct()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workbench/queue.html",
        {
            "mine": mine,
            "rows": rows,
            "page": page,
            "counts": _counts(user),
            "services": sorted(set(services)),
            "channels": Channel.choices,
            "states": [
                (CaseState.AWAITING_ACCEPTANCE, CaseState.AWAITING_ACCEPTANCE.label),
                (CaseState.IN_REVIEW, CaseState.IN_REVIEW.label),
            ],
            "params": request.GET,
            "query": query.urlencode(),
            "department": user.department,
        },
    )


@handler_required
def bulk_claim(request):
    """Claim every ticked case; each claim stands on its own, so one taken case does not stop the others."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = request.POST.get("next") or reverse("workbench:queue")
    if not back.startswith("/workbench/"):
        back = reverse("workbench:queue")
    picked = [pk for pk in request.POST.getlist("case") if pk.isdigit()][: PAGE_SIZE * 5]
    if not picked:
        messages.warning(request, _("请先勾选要认领的办件"))
        return redirect(back)
    claimed, failed = [], []
    for pk in picked:
        try:
            case = api.handler_case(request, int(pk), what="claim")
        except CaseNotFound:
            failed.append(_("办件 %(pk)s：未找到该办件") % {"pk": pk})
            continue
        except NotAllowed as error:
            failed.append(str(error))
            continue
        try:
            review.claim(case=case, user=request.user, channel=EventChannel.ONLINE)
            claimed.append(case.number)
        except (NotAllowed, TaskTaken) as error:
            api._refuse(case, request, f"claim:{error.code}")
            failed.append(f"{case.number}：{error}")
        except DomainError as error:
            failed.append(f"{case.number}：{error}")
    if claimed:
        messages.success(
            request, _("已认领 %(n)d 件：%(numbers)s") % {"n": len(claimed), "numbers": "、".join(claimed)}
        )
    for problem in failed:
        messages.error(request, problem)
    return redirect(back)


# --- case page ----------------------------------------------------------------------------------------


def _visible(request, pk: int, what: str) -> Case:
    try:
        return api.case_for(request, pk, what=f"workbench:{what}")
    except CaseNotFound as error:
        raise Http404(str(error)) from error


def _form_rows(case: Case) -> dict | None:
    shown = presenters.form(case)
    if shown is None:
        return None
    for row in shown["fields"]:
        value = row["value"]
        if row["kind"] == "citizen_id" and value:
            row["shown"] = mask_code(str(value))
        elif row["kind"] == "phone" and value:
            row["shown"] = mask_phone(value)
        elif row["kind"] == "bool" and value is not None:
            row["shown"] = "是" if value in (True, "true") else "否"
        else:
            row["shown"] = "" if value is None else value
    return shown


def _phone(form: dict | None) -> str:
    for row in (form or {}).get("fields", []):
        if row["kind"] == "phone" and row["value"]:
            return row["shown"]
    return ""


def _open_task(case: Case):
    for node in review.HANDLER_NODES:
        task = selectors.active_task(case=case, node=node)
        if task is not None:
            return node, task
    return "", None


ACTION_LABELS = {
    "created": gettext_noop("登记办件"),
    "awaiting_consent": gettext_noop("等待授权"),
    "consent_given": gettext_noop("授权调取"),
    "consent_declined": gettext_noop("不授权"),
    "fetch_waiting": gettext_noop("等待证照核验"),
    "licenses_verified": gettext_noop("证照核验完成"),
    "form_prefilled": gettext_noop("预填申请表"),
    "upload_added": gettext_noop("上传材料"),
    "upload_removed": gettext_noop("删除材料"),
    "submitted": gettext_noop("提交申请"),
    "instant_declined": gettext_noop("转人工审查"),
    "queued": gettext_noop("进入部门待办"),
    "inspection_queued": gettext_noop("待现场核查"),
    "accepted": gettext_noop("受理"),
    "claimed": gettext_noop("认领"),
    "unclaimed": gettext_noop("退回部门待办"),
    "inspected": gettext_noop("现场核查"),
    "supplement_requested": gettext_noop("一次性告知补正"),
    "supplement_submitted": gettext_noop("提交补正材料"),
    "returned_to_reviewer": gettext_noop("补正后退回审查"),
    "approved": gettext_noop("准予"),
    "approved_instantly": gettext_noop("即时准予（秒批）"),
    "rejected": gettext_noop("不予"),
    "license_issued": gettext_noop("制发证照"),
    "license_issue_failed": gettext_noop("制发证照失败"),
    "concluded": gettext_noop("办结"),
    "archived": gettext_noop("归档"),
    "withdrawn": gettext_noop("撤回"),
    "rated": gettext_noop("评价"),
}


def _events(case: Case) -> list:
    """The case's whole log, refused attempts included, each action named in Chinese."""
    events = list(case.events.order_by("at", "id"))
    for event in events:
        action = event.action.split(":")[0]
        event.label = _(ACTION_LABELS[action]) if action in ACTION_LABELS else ""
        if event.refused:
            event.label = _("拒绝访问")
    return events


@handler_required
def case_page(request, pk: int):
    """Everything a handler needs to decide, on one page, and the forms to act on it."""
    case = _visible(request, pk, "case")
    data = presenters.for_handler(case)
    form = _form_rows(case)
    node, task = _open_task(case)
    may_work = request.user.is_superuser or request.user.department_id == case.department_id
    mine = bool(task and task.owner_id == request.user.pk)
    trace_rows = {t.get("number"): t for t in (data["resolution"]["trace"] or []) if isinstance(t, dict)}
    resolution = [
        {
            **m,
            "rule": trace_rows.get(m.get("row")),
        }
        for m in case.resolution.get("materials", [])
    ]
    route = case.resolution.get("route") or {}
    uploads = []
    for upload in data["uploads"]:
        kind = "pdf" if upload["media_type"] == "application/pdf" else "image"
        uploads.append({**upload, "preview": kind})
    return render(
        request,
        "workbench/case.html",
        {
            "case": case,
            "data": data,
            "code": mask_code(case.holder_code),
            "phone": _phone(form),
            "form": form,
            "resolution": resolution,
            "route": route,
            "uploads": uploads,
            "materials": [m for m in materials(case)],
            "node": node,
            "node_label": NODE_LABELS.get(node, ""),
            "task": task,
            "may_work": may_work,
            "mine": mine,
            "window_active": case.channel == Channel.WINDOW
            and case.window_handler_id == request.user.pk
            and case.state in APPLICANT_STATES + (CaseState.VERIFYING,),
            "events": _events(case),
        },
    )


# --- actions ------------------------------------------------------------------------------------------


def _reject_reasons(post, case: Case) -> str:
    text = (post.get("reasons") or "").strip()
    if not text:
        return ""  # the service refuses it with its own message
    names = {m.key: m.name for m in materials(case)}
    picked = [names[key] for key in post.getlist("material") if key in names]
    return text + (f"（涉及材料：{'、'.join(picked)}）" if picked else "")


def _supplement_items(post, case: Case) -> list[dict]:
    keys = {m.key for m in materials(case)}
    items = [
        {"key": key, "reason": (post.get(f"reason:{key}") or "").strip()[:300]}
        for key in post.getlist("item")
        if key in keys
    ]
    extra_name = (post.get("extra_name") or "").strip()
    if extra_name:
        items.append({"name": extra_name[:200], "reason": (post.get("extra_reason") or "").strip()[:300]})
    return items


ACTIONS = {
    "claim": (
        lambda case, user, post: review.claim(case=case, user=user, channel=EventChannel.ONLINE),
        gettext_noop("已认领，受理计时开始"),
    ),
    "unclaim": (
        lambda case, user, post: review.unclaim(case=case, user=user, channel=EventChannel.ONLINE),
        gettext_noop("已退回部门待办"),
    ),
    "approve": (
        lambda case, user, post: review.approve(
            case=case, user=user, note=(post.get("note") or "")[:2000], channel=EventChannel.ONLINE
        ),
        gettext_noop("已准予，正在出具决定书"),
    ),
    "reject": (
        lambda case, user, post: review.reject(
            case=case, user=user, reasons=_reject_reasons(post, case), channel=EventChannel.ONLINE
        ),
        gettext_noop("已作出不予决定，正在出具决定书"),
    ),
    "supplement": (
        lambda case, user, post: review.request_supplement(
            case=case,
            user=user,
            items=_supplement_items(post, case),
            note=(post.get("note") or "")[:1000],
            channel=EventChannel.ONLINE,
        ),
        gettext_noop("已一次性告知申请人补正"),
    ),
    "inspection": (
        lambda case, user, post: review.record_inspection(
            case=case,
            user=user,
            passed=post.get("passed") == "1",
            note=(post.get("note") or "")[:5000],
            channel=EventChannel.ONLINE,
        ),
        gettext_noop("已记录现场核查结果"),
    ),
}
# the names the case API logs refusals under
API_NAMES = {"supplement": "request-supplement"}


@handler_required
def act(request, pk: int, action: str):
    """One handler action on one case; a domain error comes back as the message on the case page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in ACTIONS:
        raise Http404(_("没有这个操作"))
    name = API_NAMES.get(action, action)
    try:
        case = api.handler_case(request, pk, what=f"workbench:{name}")
    except CaseNotFound as error:
        raise Http404(str(error)) from error
    except NotAllowed as error:
        raise PermissionDenied(str(error)) from error
    run, done = ACTIONS[action]
    try:
        run(case, request.user, request.POST)
    except (NotAllowed, TaskTaken) as error:
        api._refuse(case, request, f"{name}:{error.code}")
        messages.error(request, str(error))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _(done))
    if action == "claim" and request.POST.get("next") == "queue":
        return redirect("workbench:queue")
    return redirect("workbench:case", pk=case.pk)
