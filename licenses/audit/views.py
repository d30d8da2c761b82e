"""HTML pages of sharing for the holder: who read my licenses, my consents (revoke at once)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from licenses.consent.selectors import consents_of_holder
from licenses.consent.services import revoke_consent

from .selectors import access_history_of_holder


@login_required
def my_access_log(request):
    include_own = request.GET.get("own") == "1"
    entries = access_history_of_holder(user=request.user, include_own=include_own).select_related("node")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "licenses/access_log.html", {"entries": page.object_list, "page": page, "include_own": include_own})


@login_required
def my_consents(request):
    return render(request, "licenses/consents.html", {"consents": consents_of_holder(user=request.user)})


@login_required
@require_POST
def revoke_my_consent(request, reference):
    consent = get_object_or_404(consents_of_holder(user=request.user), reference=reference)
    consent = revoke_consent(consent=consent, holder=request.user, reason="持证人在授权管理页撤回")
    messages.success(request, _("授权已撤回，立即生效"))
    if consent.pending_remote_revocations:
        messages.warning(request, _("部分外省节点暂时无法通知，系统将自动重试；本节点已立即停止读取"))
    return redirect("licenses:my-consents")
