"""Consents (用证授权): a holder authorises one grantee to read named fields of named license types,
for one purpose, until an expiry; revocable at once. A consent that came from a partner node (the
grantee's node registered it with this registry) keeps the partner as its origin."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentState(models.TextChoices):
    ACTIVE = "active", _("有效")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已撤回")


class Consent(models.Model):
    reference = models.UUIDField(_("授权编号"), default=uuid.uuid4, editable=False)
    origin_node = models.ForeignKey(
        "licenses.PartnerNode",
        verbose_name=_("来源节点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
        help_text=_("空表示本节点的持证人直接授权"),
    )
    holder_code = models.CharField(_("持证主体代码"), max_length=18, db_index=True)
    holder_code_type = models.CharField(_("持证主体代码类型"), max_length=3)
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("授权人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    grantee_name = models.CharField(_("被授权方"), max_length=100)
    grantee_department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=_("被授权部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    service_item = models.ForeignKey(
        "catalogs.ServiceItem",
        verbose_name=_("政务服务事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case_reference = models.CharField(_("办件编号"), max_length=64, blank=True)
    purpose = models.CharField(_("用证事由"), max_length=200)
    fields = models.JSONField(
        _("授权读取的字段"),
        default=dict,
        help_text=_("证照类型代码 → 照面字段标识列表（预览时按事由与敏感级别最小化）"),
    )
    max_sensitivity = models.PositiveSmallIntegerField(_("最高敏感级别"), default=2)
    granted_at = models.DateTimeField(_("授权时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("失效时间"))
    revoked_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)
    pending_remote_revocations = models.JSONField(
        _("待通知撤回的节点"),
        default=list,
        blank=True,
        help_text=_("撤回时未能通知到的伙伴节点代码，后台任务重试"),
    )
    registered_with = models.JSONField(_("已登记的伙伴节点"), default=list, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("用证授权")
        verbose_name_plural = _("用证授权")
        permissions = [
            ("use_gateway", _("可以通过证照网关按授权读取证照")),
            ("read_under_legal_basis", _("可以依法定依据（无需授权）读取证照")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=models.Q(origin_node__isnull=True),
                name="consent_reference_unique_local",
            ),
            models.UniqueConstraint(
                fields=["origin_node", "reference"], name="consent_reference_unique_per_origin"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("granted_at")), name="consent_expires_after_grant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}（{self.reference}）"

    @property
    def type_codes(self) -> list[str]:
        return sorted(self.fields)

    def state_at(self, moment=None) -> str:
        moment = moment or timezone.now()
        if self.revoked_at is not None and self.revoked_at <= moment:
            return ConsentState.REVOKED
        if self.expires_at <= moment:
            return ConsentState.EXPIRED
        return ConsentState.ACTIVE

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def state_label(self) -> str:
        return ConsentState(self.state).label

    def terms(self) -> dict:
        """What a partner node needs to check a read against this consent (sent with every registry call)."""
        return {
            "reference": str(self.reference),
            "holder_code": self.holder_code,
            "holder_code_type": self.holder_code_type,
            "grantee_name": self.grantee_name,
            "purpose": self.purpose,
            "fields": {code: sorted(keys) for code, keys in sorted(self.fields.items())},
            "granted_at": self.granted_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
        }
