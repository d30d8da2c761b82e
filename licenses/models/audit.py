"""The access log (用证记录): one entry per read of a license, chained by hashes.

Each entry stores the SHA-256 of the previous entry's hash and its own canonical content, so any
change or deletion breaks the chain at that entry (``manage.py audit_verify``). The application
offers no way to change or delete an entry (save/delete and queryset update/delete refuse); on
PostgreSQL a trigger refuses UPDATE and DELETE as well. Appends are serialised by locking the
single ``AuditChainHead`` row (see ``licenses.audit.chain``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.errors import DomainError


class AuditImmutable(DomainError):
    code = "audit-immutable"
    status = 409


class AccessChannel(models.TextChoices):
    WALLET = "wallet", _("电子证照夹")
    API = "api", _("接口")
    ADMIN = "admin", _("管理后台")
    GATEWAY = "gateway", _("证照网关")
    REGISTRY = "registry", _("注册库（伙伴节点调用）")
    PUBLIC = "public", _("公开核验（持核验码）")
    COMMAND = "command", _("命令行")
    EXPORT = "export", _("导出")


class AccessResult(models.TextChoices):
    GRANTED = "granted", _("已读取")
    DENIED = "denied", _("已拒绝")
    UNAVAILABLE = "unavailable", _("节点不可用")
    REJECTED = "rejected", _("数据核验未通过")
    NOT_FOUND = "not-found", _("未找到")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("用证记录不可修改")

    def delete(self):
        raise AuditImmutable("用证记录不可删除")


class AccessLogEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"))
    channel = models.CharField(_("渠道"), max_length=10, choices=AccessChannel.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("读取人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(
        _("读取方"), max_length=150, help_text=_("用户名与所属部门，或伙伴节点，或“公众”")
    )
    node = models.ForeignKey(
        "licenses.PartnerNode",
        verbose_name=_("调用节点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    license = models.ForeignKey(
        "licenses.ELicense",
        verbose_name=_("电子证照"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_log",
    )
    license_identifier = models.CharField(_("证照标识"), max_length=120, blank=True)
    license_name = models.CharField(_("证照名称"), max_length=100, blank=True)
    holder_code = models.CharField(_("持证主体代码"), max_length=18, blank=True, db_index=True)
    case_reference = models.CharField(_("办件编号"), max_length=64, blank=True)
    purpose = models.CharField(_("用证事由"), max_length=200, blank=True)
    consent_reference = models.CharField(_("授权编号"), max_length=36, blank=True)
    legal_basis = models.CharField(_("法定依据"), max_length=40, blank=True)
    fields_read = models.JSONField(_("读取的字段"), default=list, blank=True)
    result = models.CharField(_("结果"), max_length=12, choices=AccessResult.choices)
    detail = models.CharField(_("说明"), max_length=300, blank=True)
    prev_hash = models.CharField(_("前一条摘要"), max_length=64)
    entry_hash = models.CharField(_("本条摘要"), max_length=64)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("用证记录")
        verbose_name_plural = _("用证记录")
        indexes = [models.Index(fields=["holder_code", "-seq"], name="access_log_holder_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.license_name or self.license_identifier} · {self.get_result_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not kwargs.pop("_append", False):
            raise AuditImmutable("用证记录只能由 licenses.audit.record_access 追加，不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("用证记录不可删除")


class AuditChainHead(models.Model):
    """The single row holding the chain's last sequence number and hash; locked while appending."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("用证记录链头")
        verbose_name_plural = _("用证记录链头")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
