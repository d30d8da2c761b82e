"""The holder's grant page: fill in → preview exactly what will be read → confirm (EU OOTS preview step)."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogs.errors import DomainError
from catalogs.models import Department, LicenseType
from catalogs.models.license_types import HolderKind, LicenseTypeStatus
from licenses.selectors import license_index_for_holder

from .preview import SENSITIVITY_LABELS, preview_consent
from .services import grant_consent


class ConsentForm(forms.Form):
    grantee_department = forms.ModelChoiceField(label=_("被授权部门"), queryset=Department.objects.order_by("region__code", "name"))
    type_codes = forms.MultipleChoiceField(label=_("授权使用的证照"), widget=forms.CheckboxSelectMultiple)
    purpose = forms.CharField(label=_("用证事由"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}))
    max_sensitivity = forms.TypedChoiceField(label=_("允许读取的最高敏感级别"), coerce=int, initial=2,
                                             choices=[(grade, format_lazy("{} {}", grade, _(label))) for grade, label in SENSITIVITY_LABELS.items()])
    expires_in_days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=365, initial=30)

    def __init__(self, *args, holder_code: str, holder_code_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        held = {row["type_code"] for row in license_index_for_holder(holder_code)}
        kind = HolderKind.ENTERPRISE if holder_code_type == "001" else HolderKind.PERSON
        # licenses issued in other provinces are not in this registry, so every type for this kind of holder is offered
        types = LicenseType.objects.filter(holder_kind=kind, status=LicenseTypeStatus.ACTIVE).order_by("code")
        in_registry = gettext("（本省证照库中已有）")
        self.fields["type_codes"].choices = [(t.code, f"{t.name}{in_registry if t.code in held else ''}") for t in types]


@login_required
def grant_page(request):
    if not request.user.holder_code:
        messages.error(request, gettext("只有完成实名核验的持证人可以授权用证"))
        return redirect("licenses:my-consents")
    form = ConsentForm(request.POST or None, holder_code=request.user.holder_code, holder_code_type=request.user.holder_code_type)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("confirm") == "1":
                grant_consent(holder=request.user, grantee_department=data["grantee_department"], type_codes=data["type_codes"],
                              purpose=data["purpose"], max_sensitivity=data["max_sensitivity"],
                              expires_at=timezone.now() + timedelta(days=data["expires_in_days"]))
                messages.success(request, gettext("已授权；您可随时在此撤回"))
                return redirect("licenses:my-consents")
            preview = preview_consent(holder_code=request.user.holder_code, type_codes=data["type_codes"], purpose=data["purpose"],
                                      max_sensitivity=data["max_sensitivity"])
        except DomainError as error:
            form.add_error(None, error.message)
    return render(request, "licenses/consent_grant.html", {"form": form, "preview": preview})
