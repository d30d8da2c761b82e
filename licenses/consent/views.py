"""The holder's grant page: fill in → preview exactly what will be read → confirm (EU OOTS preview step)."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.errors import DomainError
from catalogs.identifiers import HOLDER_CODE_USCC
from catalogs.models import Department, LicenseType
from catalogs.models.license_types import HolderKind, LicenseTypeStatus
from licenses.selectors import license_index_for_holder

from .preview import preview_consent
from .selectors import consent_grantee_departments
from .services import grant_consent

# what each sensitivity grade lets the grantee read, in the holder's words (the grades are catalogs.FaceField.sensitivity)
READ_SCOPES = {
    1: _("只读公开信息（证照名称、编号、有效期等）"),
    2: _("还可读取一般个人信息（如姓名、住址、准驾车型）"),
    3: _("还可读取敏感个人信息（如身份证号码、出生日期）"),
    4: _("全部信息，包括高度敏感信息"),
}


class ConsentForm(forms.Form):
    grantee_department = forms.ModelChoiceField(
        label=_("授权给哪个部门"),
        queryset=Department.objects.none(),
        help_text=_("只列出可以通过证照网关读取证照的办事部门"),
    )
    type_codes = forms.MultipleChoiceField(label=_("授权使用的证照"), widget=forms.CheckboxSelectMultiple)
    purpose = forms.CharField(
        label=_("用证事由"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：办理内地居民婚姻登记"),
    )
    max_sensitivity = forms.TypedChoiceField(
        label=_("对方可以读取哪些信息"),
        coerce=int,
        initial=2,
        widget=forms.RadioSelect,
        choices=list(READ_SCOPES.items()),
        help_text=_("下一步会逐项列出将被读取和不会被读取的内容"),
    )
    expires_in_days = forms.IntegerField(label=_("授权有效天数"), min_value=1, max_value=365, initial=30)

    def __init__(self, *args, holder_code: str, holder_code_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grantee_department"].queryset = consent_grantee_departments()
        held = {row["type_code"] for row in license_index_for_holder(holder_code)}
        kind = HolderKind.ENTERPRISE if holder_code_type == HOLDER_CODE_USCC else HolderKind.PERSON
        # only the licenses this holder holds in the registry (a license from another province is authorised
        # with the case that needs it, which names its type)
        types = LicenseType.objects.filter(
            holder_kind=kind, status=LicenseTypeStatus.ACTIVE, code__in=held
        ).order_by("code")
        self.fields["type_codes"].choices = [(t.code, t.name) for t in types]


@login_required
def grant_page(request):
    if not request.user.holder_code:
        messages.error(request, gettext("只有完成实名核验的持证人可以授权用证"))
        return redirect("licenses:my-consents")
    form = ConsentForm(
        request.POST or None,
        holder_code=request.user.holder_code,
        holder_code_type=request.user.holder_code_type,
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("confirm") == "1":
                grant_consent(
                    holder=request.user,
                    grantee_department=data["grantee_department"],
                    type_codes=data["type_codes"],
                    purpose=data["purpose"],
                    max_sensitivity=data["max_sensitivity"],
                    expires_at=timezone.now() + timedelta(days=data["expires_in_days"]),
                )
                messages.success(request, gettext("已授权；您可随时在此撤回"))
                return redirect("licenses:my-consents")
            preview = preview_consent(
                holder_code=request.user.holder_code,
                type_codes=data["type_codes"],
                purpose=data["purpose"],
                max_sensitivity=data["max_sensitivity"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
    return render(request, "licenses/consent_grant.html", {"form": form, "preview": preview})
