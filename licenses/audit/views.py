"""HTML pages of sharing for the holder: who read my licenses, my consents (revoke at once)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from licenses.consent.selectors import consents_of_holder
from licenses.consent.services import revoke_consent
from licenses.presenting import access_rows, consent_cards

from .selectors import access_history_of_holder


@login_required
def my_access_log(request):
    include_own = request.GET.get("own") == "1"
    entries = access_history_of_holder(user=request.user, include_own=include_own).select_related("node")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = access_rows(list(page.object_list), consents=consents_of_holder(user=request.user))
    return render(
        request, "licenses/access_log.html", {"rows": rows, "page": page, "include_own": include_own}
    )


@login_required
def my_consents(request):
    return render(
        request, "licenses/consents.html", {"cards": consent_cards(consents_of_holder(user=request.user))}
    )


@login_required
def revoke_my_consent(request, reference):
    """GET: what revoking stops, and a button to confirm; POST: revoke at once."""
    consent = get_object_or_404(consents_of_holder(user=request.user), reference=reference)
    if request.method != "POST":
        if consent.state != "active":
            return redirect("licenses:my-consents")
        return render(request, "licenses/consent_revoke.html", {"card": consent_cards([consent])[0]})
    consent = revoke_consent(consent=consent, holder=request.user, reason="持证人在授权管理页撤回")
    messages.success(
        request,
        _("已撤回“%(purpose)s”的授权（%(time)s），%(grantee)s自此不能再读取您的证照。")
        % {
            "purpose": consent.purpose,
            "grantee": consent.grantee_name,
            "time": f"{timezone.localtime(consent.revoked_at):%Y-%m-%d %H:%M}",
        },
    )
    if consent.pending_remote_revocations:
        messages.warning(request, _("部分外省节点暂时无法通知，系统将自动重试；本节点已立即停止读取"))
    return redirect("licenses:my-consents")
