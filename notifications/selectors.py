from notifications.models import Message


def messages_for(*, user):
    """A person's own messages, newest first (nobody ever sees another's)."""
    return Message.objects.filter(recipient=user).select_related("case")


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()
