"""E-licenses (电子证照): one ``ELicense`` per license, one immutable ``LicenseVersion`` per issue or
update (the old one is superseded, never edited), and the status history of the license."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogs.identifiers import HOLDER_CODE_CITIZEN, HOLDER_CODE_USCC


class LicenseStatus(models.TextChoices):
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("吊销")
    CANCELLED = "cancelled", _("注销")
    EXPIRED = "expired", _("过期")


class HolderCodeType(models.TextChoices):
    CITIZEN_ID = HOLDER_CODE_CITIZEN, _("居民身份证")
    USCC = HOLDER_CODE_USCC, _("统一社会信用代码")


class ELicense(models.Model):
    license_type = models.ForeignKey(
        "catalogs.LicenseType", verbose_name=_("证照类型"), on_delete=models.PROTECT, related_name="licenses"
    )
    issuer = models.ForeignKey(
        "catalogs.Department",
        verbose_name=pgettext_lazy("e-license", "发证部门"),
        on_delete=models.PROTECT,
        related_name="issued_licenses",
    )
    serial = models.CharField(_("顺序号"), max_length=20)
    holder_code = models.CharField(_("持证主体代码"), max_length=18, db_index=True)
    holder_code_type = models.CharField(_("持证主体代码类型"), max_length=3, choices=HolderCodeType.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=LicenseStatus.choices, default=LicenseStatus.VALID, db_index=True
    )
    source_status_code = models.CharField(
        _("源系统状态代码"), max_length=20, blank=True, help_text=_("存量证照导入时源系统的状态代码")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("电子证照")
        verbose_name_plural = _("电子证照")
        permissions = [
            ("issue_elicense", _("可以制发和变更电子证照")),
            ("manage_status_elicense", _("可以暂扣、恢复、吊销、注销电子证照")),
            ("import_elicense", _("可以批量导入存量证照")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["license_type", "issuer", "serial"], name="license_serial_unique_per_type_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.license_type.name}（{self.serial}）"

    @property
    def current_version(self) -> "LicenseVersion | None":
        return self.versions.filter(is_current=True).first()


class LicenseVersion(models.Model):
    """One sealed version: GB/T 36903-style metadata, the face fields and the issuer's seal."""

    license = models.ForeignKey(
        ELicense, verbose_name=_("电子证照"), on_delete=models.PROTECT, related_name="versions"
    )
    version = models.PositiveSmallIntegerField(_("版本号"))
    identifier = models.CharField(_("证照标识"), max_length=120, unique=True)
    is_current = models.BooleanField(pgettext_lazy("e-license", "当前版本"), default=True)
    superseded_at = models.DateTimeField(_("被替代时间"), null=True, blank=True)

    name = models.CharField(_("证照名称"), max_length=100)
    number = models.CharField(_("证照编号"), max_length=60)
    issuer_name = models.CharField(_("发证机构名称"), max_length=100)
    issue_date = models.DateField(_("颁证日期"))
    valid_from = models.DateField(_("有效期起始日期"))
    valid_until = models.DateField(
        _("有效期截止日期"), null=True, blank=True, help_text=_("留空表示长期有效")
    )
    area_code = models.CharField(_("颁证区划代码"), max_length=6)
    holder_name = models.CharField(_("持证主体"), max_length=100)
    face = models.JSONField(_("照面信息"), default=dict)

    seal_key = models.ForeignKey(
        "licenses.SealKey",
        verbose_name=_("签章密钥"),
        on_delete=models.PROTECT,
        related_name="sealed_versions",
    )
    seal_algorithm = models.CharField(_("签章算法"), max_length=20)
    seal_signature = models.TextField(_("签章值"))
    sealed_at = models.DateTimeField(_("签章时间"))
    verification_code = models.CharField(_("核验码"), max_length=12)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["license", "-version"]
        verbose_name = _("证照版本")
        verbose_name_plural = _("证照版本")
        constraints = [
            models.UniqueConstraint(fields=["license", "version"], name="license_version_unique"),
            models.UniqueConstraint(
                fields=["license"], condition=models.Q(is_current=True), name="license_one_current_version"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="license_version_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def is_long_term(self) -> bool:
        return self.valid_until is None

    def payload(self) -> dict:
        """The sealed data: metadata + face fields, JSON types only (RFC 8785 canonicalised)."""
        lic = self.license
        return {
            "identifier": self.identifier,
            "name": self.name,
            "number": self.number,
            "type_code": lic.license_type.code,
            "version": self.version,
            "issuer_name": self.issuer_name,
            "issuer_code": lic.issuer.uscc,
            "issue_date": self.issue_date.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "area_code": self.area_code,
            "holder_name": self.holder_name,
            "holder_code": lic.holder_code,
            "holder_code_type": lic.holder_code_type,
            "face": self.face,
        }

    def seal(self) -> dict:
        return {
            "algorithm": self.seal_algorithm,
            "key_id": self.seal_key.key_id,
            "signature": self.seal_signature,
            "signed_at": timezone.localtime(self.sealed_at).isoformat(),
            "issuer_uscc": self.license.issuer.uscc,
        }


class StatusAction(models.TextChoices):
    ISSUED = "issued", _("制发")
    IMPORTED = "imported", _("存量导入")
    UPDATED = "updated", _("变更（新版本）")
    SUSPENDED = "suspended", _("暂扣")
    RESTORED = "restored", _("恢复")
    REVOKED = "revoked", _("吊销")
    CANCELLED = "cancelled", _("注销")
    EXPIRED = "expired", _("到期")


class StatusChange(models.Model):
    """Who did what to a license, when and why (append-only).

    Sealed and chained like the versions (``licenses.services.history``): entry ``seq`` of a license signs, with the
    issuer's key, the license, the action, both statuses, the time and the digest of entry ``seq - 1``; so the status
    of a license can be checked against its history (check ``status_history`` of ``verify_license``)."""

    license = models.ForeignKey(
        ELicense, verbose_name=_("电子证照"), on_delete=models.PROTECT, related_name="history"
    )
    version = models.ForeignKey(
        LicenseVersion,
        verbose_name=_("版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=12, choices=StatusAction.choices)
    from_status = models.CharField(_("原状态"), max_length=10, choices=LicenseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=LicenseStatus.choices)
    reason = models.TextField(_("原因"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空表示系统（定时任务）"),
    )
    at = models.DateTimeField(_("时间"))
    seq = models.PositiveIntegerField(_("序号"), null=True, help_text=_("该证照的第几条状态变更"))
    prev_hash = models.CharField(_("前一条摘要"), max_length=64, blank=True)
    seal_key = models.ForeignKey(
        "licenses.SealKey", verbose_name=_("签章密钥"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    seal_signature = models.TextField(_("签章值"), blank=True)

    class Meta:
        ordering = ["license", "at", "id"]
        verbose_name = _("状态变更记录")
        verbose_name_plural = _("状态变更记录")
        constraints = [
            models.UniqueConstraint(fields=["license", "seq"], name="status_change_seq_unique_per_license")
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {timezone.localtime(self.at):%Y-%m-%d %H:%M}"  # Beijing time, as the columns show


class SerialCounter(models.Model):
    """Next serial number per (license type, issuer); rows are locked while serials are reserved."""

    license_type = models.ForeignKey("catalogs.LicenseType", on_delete=models.CASCADE, related_name="+")
    issuer = models.ForeignKey("catalogs.Department", on_delete=models.CASCADE, related_name="+")
    next_value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("顺序号计数器")
        verbose_name_plural = _("顺序号计数器")
        constraints = [
            models.UniqueConstraint(fields=["license_type", "issuer"], name="serial_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.license_type_id}/{self.issuer_id} → {self.next_value}"
