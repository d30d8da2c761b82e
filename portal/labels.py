"""What the case log's action codes say to the applicant (the timeline of 我的办件)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "created": _("创建申请"),
    "awaiting_consent": _("等待授权调取电子证照"),
    "consent_given": _("已授权调取电子证照"),
    "consent_declined": _("未授权，改为自行上传"),
    "fetch_waiting": _("等待证照核验"),
    "licenses_verified": _("电子证照调取核验完成"),
    "form_prefilled": _("申请表已自动填写"),
    "upload_added": _("上传材料"),
    "upload_removed": _("删除材料"),
    "submitted": _("提交申请"),
    "instant_declined": _("转人工审查"),
    "queued": _("进入部门待受理"),
    "accepted": _("已受理"),
    "claimed": _("审批人员认领"),
    "unclaimed": _("退回部门待办"),
    "returned_to_reviewer": _("补正材料已转审批人员"),
    "supplement_requested": _("一次性告知补正"),
    "supplement_submitted": _("提交补正材料"),
    "inspection_queued": _("等待现场核查"),
    "inspected": _("完成现场核查"),
    "approved_instantly": _("即时办结，准予"),
    "approved": _("准予"),
    "rejected": _("不予"),
    "license_issued": _("电子证照同步制发"),
    "license_issue_failed": _("证照制发未成功"),
    "concluded": _("出具文书"),
    "archived": _("归档"),
    "withdrawn": _("撤回申请"),
    "rated": _("评价"),
}

MODE_LABELS = {
    "auto": _("免提交"),
    "upload": _("上传"),
    "paper": _("纸质"),
    "exempt": _("免于提交"),
}

MODE_HINTS = {
    "auto": _("经您授权后由系统调取电子证照并核验，无需提交"),
    "upload": _("请上传电子材料（PDF、JPEG 或 PNG）"),
    "paper": _("请到窗口提交纸质材料"),
    "exempt": _("按您的情况无需提交"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
