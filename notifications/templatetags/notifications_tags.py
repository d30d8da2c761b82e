from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from notifications.selectors import unread_count

register = template.Library()

COUNT_STYLE = (
    "display:inline-block;min-width:1.3rem;padding:0 .35rem;border-radius:1rem;background:#fff;"
    "color:#c8161d;font-size:.8rem;font-weight:700;text-align:center"
)
HIDDEN_STYLE = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"


@register.simple_tag(takes_context=True)
def unread_messages(context) -> int:
    """The signed-in person's unread message count (once per request)."""
    request = context.get("request")
    user = context.get("user")
    if request is not None:
        if not hasattr(request, "_mzb_unread"):
            request._mzb_unread = unread_count(user=user)
        return request._mzb_unread
    return unread_count(user=user)


@register.simple_tag(takes_context=True)
def inbox_link(context) -> str:
    """The nav's 消息 link with the unread count (visible, and read out as "N 条未读"); nothing for a visitor,
    or where the inbox is not routed (a test's or an error page's own URLconf)."""
    user = context.get("user")
    if not getattr(user, "is_authenticated", False):
        return ""
    try:
        url = reverse("notifications:inbox")
    except NoReverseMatch:
        return ""
    unread = unread_messages(context)
    if not unread:
        return format_html('<a href="{}">{}</a>', url, pgettext("nav", "消息"))
    return format_html(
        '<a href="{}">{} <span class="count" style="{}">{}</span><span class="unread-label" style="{}">{}</span></a>',
        url,
        pgettext("nav", "消息"),
        COUNT_STYLE,
        unread,
        HIDDEN_STYLE,
        _("条未读"),
    )
