"""The "try it" page (试算) for policy staff: sample facts in, resolution and trace out. Thin: the
form collects text, ``resolution.try_ruleset`` types it and evaluates; errors come back per field."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rules.errors import AnswersInvalid
from rules.facts import LICENSE_STATUSES
from rules.models import RuleSet
from rules.resolution import spec_for_trial, try_ruleset
from rules.services import save_trial_as_test
from rules.table import TableInvalid


class TryForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类别"), choices=[("person", _("自然人")), ("enterprise", _("法人"))]
    )
    age = forms.IntegerField(label=_("年龄（周岁）"), min_value=0, max_value=150, required=False)
    sex = forms.ChoiceField(
        label=_("性别"), choices=[("", "—"), ("male", _("男")), ("female", _("女"))], required=False
    )
    region = forms.RegexField(
        label=_("行政区划代码"),
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": _("应为6位数字")},
    )
    channel = forms.ChoiceField(
        label=_("办理渠道"), choices=[("online", _("网上办理")), ("window", _("窗口办理"))]
    )

    def __init__(self, *args, spec: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        for question in spec["questions"]:
            hint = {
                "bool": _("是/否"),
                "int": _("整数"),
                "decimal": _("金额，最多两位小数"),
                "date": _("如 2026-01-31"),
                "choice": "、".join(question["choices"]),
                "text": _("文本"),
            }[question["type"]]
            self.fields[f"answer__{question['key']}"] = forms.CharField(
                label=question["label"], required=False, help_text=hint, max_length=200
            )
        for code, name in spec["license_types"].items():
            self.fields[f"license__{code}"] = forms.ChoiceField(
                label=gettext("持有：%(name)s") % {"name": name},
                choices=[(c, _(label)) for c, label in LICENSE_STATUSES],
                initial="none",
            )

    def applicant(self) -> dict:
        data = self.cleaned_data
        person = data["applicant_kind"] == "person"
        return {
            "kind": data["applicant_kind"],
            "age": data.get("age") if person else None,
            "sex": (data.get("sex") or None) if person else None,
            "region": data.get("region") or None,
        }

    def answers(self) -> dict[str, str]:
        return {name[8:]: value for name, value in self.cleaned_data.items() if name.startswith("answer__")}

    def licenses(self) -> dict[str, str]:
        return {name[9:]: value for name, value in self.cleaned_data.items() if name.startswith("license__")}

    def add_problems(self, params: list[dict]) -> None:
        for param in params:
            field = param["name"].replace("answers.", "answer__").replace("licenses.", "license__")
            self.add_error(field if field in self.fields else None, param["reason"])


@login_required
@permission_required("rules.try_ruleset", raise_exception=True)
def try_it(request):
    rulesets = RuleSet.objects.order_by("service_code", "-version")
    ruleset_id = request.GET.get("ruleset", "")
    if not ruleset_id.isdigit():
        return render(request, "rules/try.html", {"rulesets": rulesets})
    ruleset = get_object_or_404(RuleSet, pk=int(ruleset_id))
    try:
        spec = spec_for_trial(ruleset=ruleset)
    except TableInvalid as invalid:
        return render(
            request,
            "rules/try.html",
            {"rulesets": rulesets, "ruleset": ruleset, "problems": [str(e) for e in invalid.errors]},
        )
    form = TryForm(request.POST or None, spec=spec)
    resolution = None
    can_save = ruleset.is_draft and request.user.has_perm("rules.add_ruletest")
    if request.method == "POST" and form.is_valid():
        inputs = {
            "applicant": form.applicant(),
            "answers": form.answers(),
            "licenses": form.licenses(),
            "channel": form.cleaned_data["channel"],
        }
        try:
            resolution = try_ruleset(ruleset=ruleset, **inputs)
            if "save_test" in request.POST:
                if not can_save:
                    raise PermissionDenied
                test = save_trial_as_test(ruleset=ruleset, name=request.POST.get("test_name", ""), **inputs)
                messages.success(
                    request,
                    gettext("已保存为规则测试“%(name)s”，期望结果取自本次试算。") % {"name": test.name},
                )
        except AnswersInvalid as error:
            form.add_problems(error.params)
    return render(
        request,
        "rules/try.html",
        {
            "rulesets": rulesets,
            "ruleset": ruleset,
            "form": form,
            "resolution": resolution,
            "can_save": can_save,
        },
    )
