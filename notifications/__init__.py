"""Notifications (消息通知): the in-app inbox and delivery by e-mail or SMS, fed by the case event log.

``workflows`` knows nothing of this app: ``apps.ready`` listens to ``post_save`` of ``CaseEvent`` and queues the
work on commit, so a notification can never block or roll back a case.
"""
