"""Facts for supervision statistics as columns on the case, and a backfill of the cases already there.

The counting rules are those of workflows.services.facts, written again here against the historical models.
"""

from django.db import migrations, models


def backfill(apps, schema_editor):
    from django.utils import timezone

    from catalogs.workdays import working_days_between

    Case = apps.get_model("workflows", "Case")
    for case in Case.objects.select_related("filled_form").iterator(chunk_size=500):
        case.materials_fetched = case.licenses.filter(fetch_state="verified").count()
        case.materials_uploaded = (
            case.uploads.filter(removed_at__isnull=True).values("material_key").distinct().count()
        )
        materials = (case.resolution or {}).get("materials", [])
        case.materials_paper = sum(1 for m in materials if m.get("mode") == "paper")
        form = case.filled_form
        case.fields_prefilled = form.prefilled_count if form else 0
        case.fields_typed = (form.field_count - form.prefilled_count) if form else 0
        level = apps.get_model("workflows", "Rating").objects.filter(case_id=case.pk).values_list("level", flat=True)
        case.rating_level = next(iter(level), None)
        rectification = (
            apps.get_model("workflows", "Rectification")
            .objects.filter(rating__case_id=case.pk)
            .values_list("state", "due_on")
            .first()
        )
        if rectification:
            case.rectification_open = rectification[0] != "closed"
            case.rectification_due_on = rectification[1]
        if case.decision in ("approved", "rejected") and case.accepted_at and case.decided_at:
            elapsed = working_days_between(
                timezone.localdate(case.accepted_at), timezone.localdate(case.decided_at)
            )
            case.decision_workdays = max(elapsed - case.suspended_days, 0)
        case.opened_month = timezone.localtime(case.opened_at).date().replace(day=1)
        case.save(
            update_fields=[
                "opened_month",
                "materials_fetched",
                "materials_uploaded",
                "materials_paper",
                "fields_prefilled",
                "fields_typed",
                "rating_level",
                "rectification_open",
                "rectification_due_on",
                "decision_workdays",
            ]
        )


class Migration(migrations.Migration):

    dependencies = [
        ("catalogs", "0003_workday_calendar"),
        ("forms", "0001_initial"),
        ("workflows", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="rectification_open",
            field=models.BooleanField(default=False, verbose_name="差评整改未办结"),
        ),
        migrations.AddField(
            model_name="case",
            name="rectification_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="差评整改期限"),
        ),
        migrations.AddField(
            model_name="case",
            name="opened_month",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="申请时间所在月的第一天（本地时区）",
                null=True,
                verbose_name="申请月份",
            ),
        ),
        migrations.AddField(
            model_name='case',
            name='deadline_flag',
            field=models.CharField(blank=True, choices=[('', '正常'), ('due_soon', '即将到期'), ('overdue', '已逾期')], default='', max_length=10, verbose_name='时限预警'),
        ),
        migrations.AddField(
            model_name='case',
            name='decision_workdays',
            field=models.PositiveSmallIntegerField(blank=True, help_text='不含等待补正的工作日', null=True, verbose_name='受理至办结工作日'),
        ),
        migrations.AddField(
            model_name='case',
            name='fields_prefilled',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='预填的表单字段数'),
        ),
        migrations.AddField(
            model_name='case',
            name='fields_typed',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='手工填写的表单字段数'),
        ),
        migrations.AddField(
            model_name='case',
            name='materials_fetched',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='调取核验的证照数'),
        ),
        migrations.AddField(
            model_name='case',
            name='materials_paper',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='纸质提交的材料数'),
        ),
        migrations.AddField(
            model_name='case',
            name='materials_uploaded',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='上传的材料数'),
        ),
        migrations.AddField(
            model_name='case',
            name='rating_level',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='评价等级'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['opened_at'], name='case_opened_at'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['deadline_flag', 'department', 'due_on'], name='case_deadline_department'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
