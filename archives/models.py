"""Archive packages (归档信息包) and the record of every 四性检测 run.

A package is immutable once written: the application has no update or delete path (the model and
queryset refuse both, the admin is read-only, and on PostgreSQL a trigger rejects UPDATE/DELETE).
Its files live in storage under ``archives/<package id>/``; the manifest lists them with SHA-256.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from archives.errors import ArchiveImmutable

IMMUTABLE_MESSAGE = "归档信息包一经形成不可修改或删除"


class ArchivePackageQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ArchiveImmutable(IMMUTABLE_MESSAGE)

    def delete(self):
        raise ArchiveImmutable(IMMUTABLE_MESSAGE)

    def due_for_appraisal(self, on):
        """Packages whose retention period has ended on ``on`` (for 鉴定/销毁 review, never automatic)."""
        return self.filter(retention_until__isnull=False, retention_until__lte=on)


class ArchivePackage(models.Model):
    package_id = models.CharField(_("档号"), max_length=80, unique=True)
    case_number = models.CharField(_("办件编号"), max_length=64, unique=True)
    service_item_code = models.CharField(_("事项编码"), max_length=64)
    service_item_version = models.PositiveIntegerField(_("事项版本"))
    service_item_name = models.CharField(_("事项名称"), max_length=200)
    department = models.ForeignKey(
        "catalogs.Department", verbose_name=_("归档部门"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("办理结果"), max_length=12)
    archived_at = models.DateTimeField(_("归档时间"))
    retention_years = models.PositiveSmallIntegerField(_("保管期限（年）"), help_text=_("0 表示永久"))
    retention_until = models.DateField(
        _("保管期满日期"), null=True, blank=True, help_text=_("留空表示永久保管")
    )
    storage_prefix = models.CharField(_("存储位置"), max_length=200)
    manifest_sha256 = models.CharField(_("清单 SHA-256"), max_length=64)
    seal_key_id = models.CharField(_("签章密钥"), max_length=80)
    file_count = models.PositiveIntegerField(_("文件数"))
    total_bytes = models.PositiveBigIntegerField(_("总字节数"))

    objects = ArchivePackageQuerySet.as_manager()

    class Meta:
        ordering = ["-archived_at"]
        verbose_name = _("归档信息包")
        verbose_name_plural = _("归档信息包")

    def __str__(self) -> str:
        return self.package_id

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ArchiveImmutable(IMMUTABLE_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ArchiveImmutable(IMMUTABLE_MESSAGE)


class CheckRun(models.Model):
    """One run of the 四性检测 over a stored package or an imported zip (append-only record)."""

    package = models.ForeignKey(
        ArchivePackage,
        verbose_name=_("归档信息包"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_runs",
    )
    source = models.CharField(_("检测对象"), max_length=300)
    ran_at = models.DateTimeField(_("检测时间"), auto_now_add=True)
    ok = models.BooleanField(_("通过"))
    failure_count = models.PositiveIntegerField(_("不通过项数"))
    report = models.JSONField(_("检测报告"))

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("四性检测记录")
        verbose_name_plural = _("四性检测记录")

    def __str__(self) -> str:
        return f"{self.source} {'通过' if self.ok else '不通过'}"
