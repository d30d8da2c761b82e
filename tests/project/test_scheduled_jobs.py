from django.conf import settings

from project.celery import app


def test_every_scheduled_job_names_a_registered_task():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "licenses.expire_licenses",
        "licenses.push_pending_revocations",
        "licenses.audit_checkpoint",
        "workflows.sweep_background_steps",
        "notifications.notify_due_soon",
        "notifications.retry_deliveries",
        "supervision.flag_deadlines",
    }
    assert scheduled <= set(app.tasks)
