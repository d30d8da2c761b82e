"""The home page (/): where each role starts. Pages of apps that may not be installed yet (the portal, the
workbench) are linked only when their URL exists; the others are shown as not yet available."""

from dataclasses import dataclass
from datetime import timedelta

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import APPLICANT, AUDITOR, HANDLER, ISSUER, POLICY_STAFF


@dataclass
class Tile:
    title: str
    text: str
    url: str = ""
    count: int | None = None


def url_or_blank(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def applicant_tiles(user) -> list[Tile]:
    return [
        Tile(
            _("办事指南"),
            _("查找政务服务事项，看清要准备什么、哪些证照免于提交"),
            url_or_blank("portal:guide"),
        ),
        Tile(
            _("我的办件"), _("办理进度、需要您补正或授权的事项、下载决定书"), url_or_blank("portal:my-cases")
        ),
        Tile(_("电子证照夹"), _("我的电子证照、谁读取了我的证照、我的授权"), url_or_blank("licenses:wallet")),
    ]


def with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if url else ""


HOME_DUE_SOON_DAYS = 3  # as the workbench's 即将到期 filter: due today or within the next three days


def handler_tiles(user) -> list[Tile]:
    from workflows.models import Case, CaseState

    mine = (
        Case.objects.filter(department_id=user.department_id) if user.department_id else Case.objects.none()
    )
    today = timezone.localdate()
    queue = url_or_blank("workbench:queue")
    return [
        Tile(
            _("本部门待受理"),
            _("进入本部门待办、等待认领受理的办件"),
            with_query(queue, "state=awaiting_acceptance"),
            mine.filter(state=CaseState.AWAITING_ACCEPTANCE).count(),
        ),
        Tile(
            _("我审查中的办件"),
            _("我已受理、正在审查的办件"),
            url_or_blank("workbench:mine") or queue,
            mine.filter(state=CaseState.IN_REVIEW, reviewer=user).count(),
        ),
        Tile(
            _("即将到期"),
            _("三天内到承诺办结日期的办件"),
            with_query(queue, "flag=due_soon"),
            mine.due_soon(on=today, until=today + timedelta(days=HOME_DUE_SOON_DAYS)).count(),
        ),
    ]


def policy_tiles(user) -> list[Tile]:
    return [
        Tile(
            pgettext_lazy("home tile", "政务服务事项"),
            _("事项目录、材料清单、发布新版本"),
            url_or_blank("admin:catalogs_serviceitem_changelist"),
        ),
        Tile(
            pgettext_lazy("home tile", "证照类型"),
            _("证照目录与照面字段"),
            url_or_blank("admin:catalogs_licensetype_changelist"),
        ),
        Tile(
            _("材料判定规则"), _("规则集的编辑、测试与发布"), url_or_blank("admin:rules_ruleset_changelist")
        ),
        Tile(_("规则试算"), _("以一位申请人的情况试算材料清单"), url_or_blank("rules:try")),
    ]


def issuer_tiles(user) -> list[Tile]:
    return [
        Tile(
            pgettext_lazy("home tile", "电子证照"),
            _("本部门制发的电子证照：制发、变更、吊销"),
            url_or_blank("admin:licenses_elicense_changelist"),
        ),
    ]


def auditor_tiles(user) -> list[Tile]:
    return [
        Tile(
            _("用证记录"),
            _("每一次读取证照：按持证人、读取方、日期查找"),
            url_or_blank("admin:licenses_accesslogentry_changelist"),
        ),
        Tile(
            _("审计核查"),
            _("核对用证记录哈希链、归档信息包四性检测"),
            url_or_blank("admin:licenses_accesslogentry_checks"),
        ),
        Tile(
            pgettext_lazy("home tile", "归档信息包"),
            _("已办结办件的归档信息包"),
            url_or_blank("admin:archives_archivepackage_changelist"),
        ),
    ]


SECTIONS = [  # (role, heading, tiles), in the order a person holding several roles sees them
    (APPLICANT, _("办事"), applicant_tiles),
    (HANDLER, _("我的工作台"), handler_tiles),
    (POLICY_STAFF, _("目录与规则"), policy_tiles),
    (ISSUER, _("证照制发"), issuer_tiles),
    (AUDITOR, _("监管审计"), auditor_tiles),
]


def home(request):
    user = request.user
    sections = []
    if user.is_authenticated:
        roles = set(user.groups.values_list("name", flat=True))
        if user.holder_code:
            roles.add(APPLICANT)  # a verified holder may always apply for themselves
        sections = [
            (heading, tiles(user)) for role, heading, tiles in SECTIONS if role in roles or user.is_superuser
        ]
    latest = []
    if user.is_authenticated:
        from notifications.selectors import messages_for

        latest = list(messages_for(user=user).filter(read_at__isnull=True)[:3])
    return render(request, "home.html", {"sections": sections, "latest": latest})
