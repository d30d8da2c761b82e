"""Supervision pages: statistics (with charts and downloads), the overdue list per department, rectifications."""

from __future__ import annotations

from datetime import date
from functools import wraps

import tablib
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from supervision import charts, selectors
from supervision.figures import RATING_LEVELS, Filters, compute
from supervision.scope import department_filter, scope_of
from workflows.models import DeadlineFlag, RatingLevel, RectificationState

DOWNLOAD_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_DAYS = 3 * 366


def _date(value: str, errors: list[str], label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(
            _("%(label)s“%(value)s”不是有效日期，请按 2026-01-31 的格式填写")
            % {"label": label, "value": value}
        )
        return None


def _int(value: str) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(request, scope) -> tuple[Filters, list[str]]:
    errors: list[str] = []
    default = Filters.default()
    start = _date(request.GET.get("from", ""), errors, _("起始日期")) or default.date_from
    end = _date(request.GET.get("to", ""), errors, _("截止日期")) or default.date_to
    if end < start:
        errors.append(_("截止日期早于起始日期，已按默认范围统计"))
        start, end = default.date_from, default.date_to
    if (end - start).days > MAX_DAYS:
        errors.append(_("统计范围最长三年，已从截止日期往前取三年"))
        start = date.fromordinal(end.toordinal() - MAX_DAYS)
    return Filters(start, end, department_filter(scope, _int(request.GET.get("department", "")))), errors


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _days(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _group_table(stats) -> tuple[list[str], list[list]]:
    headers = [
        _("事项编码"), _("事项名称"), _("办理部门"), _("月份"), _("办件量"), _("全程免证办件"), _("免证率"),
        _("调取证照"), _("上传材料"), _("纸质材料"), _("调取占比"), _("预填字段"), _("手填字段"), _("预填率"),
        _("秒批"), _("已办结"), _("承诺时限（工作日）"), _("办结用时中位数"), _("办结用时90分位"),
        _("承诺时限内办结率"), _("逾期办件"), _("补正率"), _("免费办件"), _("减免费用（元）"),
        *[str(RatingLevel(level).label) for level in RATING_LEVELS], _("未办结整改"), _("逾期整改"),
    ]  # fmt: skip
    rows = [
        [
            r.service_code,
            r.service_name,
            r.department_name,
            r.month.strftime("%Y-%m") if r.month else "",
            r.cases,
            r.certificate_free,
            _pct(r.certificate_free_share),
            r.fetched,
            r.uploaded,
            r.paper,
            _pct(r.fetched_share),
            r.prefilled,
            r.typed,
            _pct(r.prefilled_share),
            r.instant,
            r.decided,
            r.promised_days if r.promised_days is not None else "—",
            _days(r.median_days),
            _days(r.p90_days),
            _pct(r.within_promise_share),
            r.overdue,
            _pct(r.supplement_share),
            r.exempt_cases,
            f"{r.fees_waived:.2f}",
            *[count for _level, count in r.rating_list],
            r.open_rectifications,
            r.overdue_rectifications,
        ]  # fmt: skip
        for r in stats.groups
    ]
    return headers, rows


def _month_table(stats) -> tuple[list[str], list[list]]:
    headers = [
        _("月份"), _("办件量"), _("免证率"), _("调取占比"), _("预填率"), _("秒批"), _("办结用时中位数"),
        _("办结用时90分位"), _("逾期办件"), _("补正率"), _("减免费用（元）"), _("好评率"), _("未办结整改"),
    ]  # fmt: skip
    rows = [
        [
            r.month.strftime("%Y-%m") if r.month else "",
            r.cases,
            _pct(r.certificate_free_share),
            _pct(r.fetched_share),
            _pct(r.prefilled_share),
            r.instant,
            _days(r.median_days),
            _days(r.p90_days),
            r.overdue,
            _pct(r.supplement_share),
            f"{r.fees_waived:.2f}",
            _pct(r.good_share),
            r.open_rectifications,
        ]  # fmt: skip
        for r in stats.months
    ]
    return headers, rows


def _flagged_table(cases) -> tuple[list[str], list[list]]:
    headers = [
        _("办件编号"),
        _("事项"),
        _("办理部门"),
        _("状态"),
        _("承诺办结日期"),
        _("时限预警"),
        _("审查人员"),
    ]
    rows = [
        [
            c.number,
            c.service_item.name,
            c.department.name,
            c.get_state_display(),
            c.due_on.isoformat(),
            c.get_deadline_flag_display(),
            str(c.reviewer or ""),
        ]  # fmt: skip
        for c in cases
    ]
    return headers, rows


def _rectification_table(items, today) -> tuple[list[str], list[list]]:
    headers = [_("办件编号"), _("事项"), _("责任部门"), _("评价"), _("评价内容"), _("整改状态"), _("整改期限"),
               _("是否逾期"), _("部门说明")]  # fmt: skip
    rows = [
        [
            r.rating.case.number,
            r.rating.case.service_item.name,
            r.department.name,
            r.rating.get_level_display(),
            r.rating.comment,
            r.get_state_display(),
            r.due_on.isoformat(),
            _("已逾期") if r.state != RectificationState.CLOSED and r.due_on < today else "",
            r.note,
        ]  # fmt: skip
        for r in items
    ]
    return headers, rows


def _body(rows: list[list], columns: int) -> SafeString:
    """A statistics table's rows as escaped HTML in one join (a template loop over thousands of cells costs
    more than the queries behind them)."""
    if not rows:
        return format_html('<tr><td colspan="{}">{}</td></tr>', columns, _("所选范围内没有办件。"))
    return mark_safe(
        "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    )


def _download(headers, rows, filename: str, fmt: str) -> HttpResponse:
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404(_("不支持的下载格式"))
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(["'" + v if isinstance(v, str) and v[:1] in "=+-@" and v != "—" else v for v in row])
    body = data.export(fmt)
    if fmt == "csv":
        body = "\ufeff" + body  # BOM so that Excel opens the Chinese text correctly
    response = HttpResponse(body, content_type=DOWNLOAD_FORMATS[fmt])
    response["Content-Disposition"] = f"attachment; filename={filename}.{fmt}"
    return response


def supervision_page(view):
    """Signed-in users only; someone outside the scope gets a 403 page saying why and what to do."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            scope = scope_of(request.user)
        except PermissionDenied as refused:
            return render(request, "supervision/refused.html", {"reason": str(refused)}, status=403)
        return view(request, scope, *args, **kwargs)

    return wrapped


@supervision_page
def statistics(request, scope):
    filters, errors = _filters(request, scope)
    stats = compute(filters)
    group_headers, group_rows = _group_table(stats)
    month_headers, month_rows = _month_table(stats)
    names = {level: str(RatingLevel(level).label) for level in RATING_LEVELS}
    context = {
        "scope": scope,
        "filters": filters,
        "errors": errors,
        "stats": stats,
        "total": stats.total,
        "departments": selectors.departments_for(scope),
        "group_headers": group_headers,
        "group_body": _body(group_rows, len(group_headers)),
        "month_headers": month_headers,
        "month_body": _body(month_rows, len(month_headers)),
        "query": request.GET.urlencode(),
        "trend_chart": charts.trend(
            stats.months,
            title=_("每月办件量与全程免证办件量"),
            labels={"cases": _("办件量"), "free": _("全程免证"), "empty": _("所选范围内没有办件")},
        ),
        "materials_chart": charts.materials(
            stats.total,
            title=_("材料来源：调取电子证照、上传、纸质"),
            labels={"fetched": _("调取电子证照"), "uploaded": _("上传"), "paper": _("纸质")},
        ),
        "ratings_chart": charts.ratings(stats.total, title=_("好差评等级分布"), names=names),
        "rating_names": names,
    }
    return render(request, "supervision/statistics.html", context)


@supervision_page
def statistics_download(request, scope, table: str, fmt: str):
    filters, _errors = _filters(request, scope)
    stats = compute(filters)
    if table == "groups":
        headers, rows = _group_table(stats)
    elif table == "months":
        headers, rows = _month_table(stats)
    else:
        raise Http404(_("没有这张统计表"))
    return _download(headers, rows, f"supervision-{table}-{filters.date_from}-{filters.date_to}", fmt)


def _flag(request) -> str:
    flag = request.GET.get("flag", "")
    return flag if flag in (DeadlineFlag.OVERDUE, DeadlineFlag.DUE_SOON) else ""


@supervision_page
def overdue(request, scope):
    department_id, flag = _int(request.GET.get("department", "")), _flag(request)
    cases = selectors.flagged_cases(scope=scope, department_id=department_id, flag=flag)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    context = {
        "scope": scope,
        "per_department": selectors.flagged_per_department(scope=scope),
        "page": page,
        "department_id": scope.department_id or department_id,
        "flag": flag,
        "departments": selectors.departments_for(scope),
        "flags": [
            (DeadlineFlag.OVERDUE, DeadlineFlag.OVERDUE.label),
            (DeadlineFlag.DUE_SOON, DeadlineFlag.DUE_SOON.label),
        ],
        "query": request.GET.urlencode(),
    }
    return render(request, "supervision/overdue.html", context)


@supervision_page
def overdue_download(request, scope, fmt: str):
    cases = selectors.flagged_cases(
        scope=scope, department_id=_int(request.GET.get("department", "")), flag=_flag(request)
    )
    headers, rows = _flagged_table(cases.iterator(chunk_size=2000))
    return _download(headers, rows, "supervision-overdue", fmt)


def _rectification_rows(request, scope):
    state = request.GET.get("state", "")
    return selectors.rectifications(
        scope=scope,
        department_id=_int(request.GET.get("department", "")),
        state=state,
        overdue_only=request.GET.get("overdue") == "1",
    )


@supervision_page
def rectifications(request, scope):
    today = timezone.localdate()
    page = Paginator(_rectification_rows(request, scope), 50).get_page(request.GET.get("page"))
    for item in page:
        item.is_overdue = item.state != RectificationState.CLOSED and item.due_on < today
    context = {
        "scope": scope,
        "page": page,
        "states": RectificationState.choices,
        "state": request.GET.get("state", ""),
        "overdue_only": request.GET.get("overdue") == "1",
        "department_id": scope.department_id or _int(request.GET.get("department", "")),
        "departments": selectors.departments_for(scope),
        "query": request.GET.urlencode(),
    }
    return render(request, "supervision/rectifications.html", context)


@supervision_page
def rectifications_download(request, scope, fmt: str):
    headers, rows = _rectification_table(_rectification_rows(request, scope), timezone.localdate())
    return _download(headers, rows, "supervision-rectifications", fmt)
