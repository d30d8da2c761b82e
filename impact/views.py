"""Pages of impact runs (policy staff only): start a run on a draft, follow its progress, read and export it.

Thin: ``impact.services`` starts and does the runs, ``impact.selectors`` decides who sees them.
"""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalogs.versioning import VersionStatus
from impact import services
from impact.errors import ImpactRefused
from impact.models import ChangeKind
from impact.selectors import may_use_impact, rows_of, runs_visible_to
from rules.models import RuleSet

PAGE_SIZE = 50


def policy_staff_only(view):
    def wrapped(request, *args, **kwargs):
        if not may_use_impact(request.user):
            raise PermissionDenied(gettext("只有规则管理员可以使用规则变更影响分析。"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


class StartForm(forms.Form):
    ruleset = forms.ModelChoiceField(
        label=_("规则集草稿"),
        queryset=RuleSet.objects.none(),
        empty_label=_("—— 请选择草稿 ——"),
    )
    days = forms.IntegerField(
        label=_("分析最近多少天的办件"),
        min_value=1,
        max_value=services.MAX_DAYS,
        initial=90,
        help_text=_("按办件的申请时间计，1 至 3660 天"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruleset"].queryset = RuleSet.objects.filter(status=VersionStatus.DRAFT).order_by(
            "service_code"
        )
        self.fields["ruleset"].label_from_instance = lambda r: (
            gettext("%(code)s · 第%(version)s版草稿 %(title)s")
            % {
                "code": r.service_code,
                "version": r.version,
                "title": r.title,
            }
        )


@policy_staff_only
def run_list(request):
    initial = {}
    if request.GET.get("ruleset", "").isdigit():
        initial["ruleset"] = int(request.GET["ruleset"])
    form = StartForm(initial=initial)
    runs = runs_visible_to(user=request.user)[:50]
    return render(request, "impact/list.html", {"form": form, "runs": runs})


@policy_staff_only
def start(request):
    if request.method != "POST":
        return redirect("impact:list")
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            run = services.start_impact_run(
                ruleset=form.cleaned_data["ruleset"], days=form.cleaned_data["days"], user=request.user
            )
        except ImpactRefused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, gettext("影响分析已开始，完成后本页显示结果。"))
            return redirect("impact:report", pk=run.pk)
    runs = runs_visible_to(user=request.user)[:50]
    return render(request, "impact/list.html", {"form": form, "runs": runs}, status=400)


@policy_staff_only
def report(request, pk):
    run = get_object_or_404(runs_visible_to(user=request.user), pk=pk)
    kind = request.GET.get("kind", "")
    if kind not in ChangeKind.values:
        kind = ""
    page = Paginator(rows_of(run=run, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(ChangeKind.choices)
    for row in page.object_list:
        row.labelled_changes = [{**c, "label": labels.get(c["kind"], c["kind"])} for c in row.changes]
    stale = bool(
        run.ruleset and run.ruleset.is_draft and _current_hash(run.ruleset) not in ("", run.spec_hash)
    )
    return render(
        request,
        "impact/report.html",
        {
            "run": run,
            "page": page,
            "kind": kind,
            "kind_counts": [
                (code, label, (run.totals.get("kinds") or {}).get(code, 0))
                for code, label in ChangeKind.choices
            ],
            "kind_label": labels.get(kind, ""),
            "stale": stale,
            "progress_url": reverse("impact:progress", args=[run.pk]),
        },
    )


def _current_hash(ruleset) -> str:
    from rules.resolution import draft_spec
    from rules.table import TableInvalid, spec_hash

    try:
        return spec_hash(draft_spec(ruleset=ruleset))
    except TableInvalid:
        return "invalid"


@require_GET
@policy_staff_only
def progress(request, pk):
    run = get_object_or_404(runs_visible_to(user=request.user), pk=pk)
    return JsonResponse(
        {
            "state": run.state,
            "state_label": run.get_state_display(),
            "processed": run.processed,
            "total": run.total,
            "percent": run.percent,
            "finished": run.is_finished,
        }
    )


def _csv_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
@policy_staff_only
def export_csv(request, pk):
    run = get_object_or_404(runs_visible_to(user=request.user), pk=pk)
    labels = dict(ChangeKind.choices)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impact-{run.pk}-{run.service_code}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV as Chinese only with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("办件编号"),
            gettext("申请时间"),
            gettext("申请主体（脱敏）"),
            gettext("主体代码（脱敏）"),
            gettext("原规则版本"),
            gettext("变化类别"),
            gettext("对象"),
            gettext("原结果"),
            gettext("草稿结果"),
        ]
    )
    for row in rows_of(run=run).iterator(chunk_size=1000):
        for change in row.changes:
            writer.writerow(
                [
                    _csv_cell(v)
                    for v in (
                        row.case_number,
                        timezone.localtime(row.opened_at).strftime("%Y-%m-%d %H:%M"),
                        row.holder_name_masked,
                        row.holder_code_masked,
                        row.ruleset_version,
                        labels.get(change["kind"], change["kind"]),
                        change["subject"],
                        change["before"],
                        change["after"],
                    )
                ]
            )
    return response
