"""The inbox (站内消息): a person's own messages; opening one marks it read and goes where it points."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import services
from notifications.selectors import messages_for


@login_required
def inbox(request):
    rows = messages_for(user=request.user)
    if request.GET.get("unread") == "1":
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "only_unread": request.GET.get("unread") == "1"},
    )


@login_required
@require_POST
def read(request, pk: int):
    try:
        message = services.mark_read(user=request.user, message_pk=pk)
    except services.MessageNotFound as error:
        raise Http404(error.message) from error
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        message.link, allowed_hosts={request.get_host()}
    ):
        return redirect(message.link or "notifications:inbox")
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(user=request.user)
    flash.success(request, _("已将 %(count)d 条消息标为已读") % {"count": count})
    return redirect("notifications:inbox")
