from django import template

from notifications.selectors import unread_count

register = template.Library()


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
