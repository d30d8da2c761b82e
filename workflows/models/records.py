"""What a case gathers on its way: licenses fetched (or not), uploads, documents issued and its event log."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class FetchState(models.TextChoices):
    PENDING = "pending", _("待核验")
    WAITING = "waiting", _("等待证照核验")
    VERIFIED = "verified", _("核验通过")
    FALLBACK = "fallback", _("转为上传")
    NOT_NEEDED = "not_needed", _("无需调取")


class CaseLicense(models.Model):
    """One license type the resolution names for a case: its mode, and what fetching and verifying found."""

    case = models.ForeignKey(
        "workflows.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="licenses"
    )
    license_type = models.ForeignKey(
        "catalogs.LicenseType", verbose_name=_("证照类型"), on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(
        _("判定方式"), max_length=10, help_text=_("规则判定的提交方式：auto/upload/paper/exempt")
    )
    required = models.BooleanField(_("必要"), default=True)
    rule_reason = models.CharField(_("判定理由"), max_length=300, blank=True)
    fetch_state = models.CharField(
        _("核验状态"), max_length=12, choices=FetchState.choices, default=FetchState.NOT_NEEDED
    )
    identifier = models.CharField(_("证照标识"), max_length=120, blank=True)
    gateway_status = models.CharField(_("网关结果"), max_length=20, blank=True)
    gateway_message = models.CharField(_("网关说明"), max_length=300, blank=True)
    source = models.CharField(_("证照来源"), max_length=100, blank=True)
    payload = models.JSONField(
        _("读取的证照数据"), default=dict, blank=True, help_text=_("按授权最小化后的照面信息与元数据")
    )
    report = models.JSONField(_("核验报告"), default=dict, blank=True)
    verified = models.BooleanField(_("核验通过"), default=False)
    fallback_reason = models.CharField(_("转为上传的原因"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("调取次数"), default=0)
    last_attempt_at = models.DateTimeField(_("最近调取时间"), null=True, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("办件证照")
        verbose_name_plural = _("办件证照")
        constraints = [
            models.UniqueConstraint(fields=["case", "license_type"], name="case_license_once_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.license_type_id}"

    @property
    def effective_mode(self) -> str:
        """The mode after fetching: an ``auto`` license that could not be used is uploaded instead."""
        return "upload" if self.fetch_state == FetchState.FALLBACK else self.mode


class UploadStorage(FileSystemStorage):
    """Uploads live outside the web root (``CASE_UPLOAD_ROOT``, read on every use) and have no public URL:
    they are served only through the case API's permission check."""

    @property
    def base_location(self):
        return str(settings.CASE_UPLOAD_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("uploads have no public URL; serve them through the case API")


def upload_storage() -> UploadStorage:
    return UploadStorage()


def _upload_path(instance: "CaseUpload", filename: str) -> str:
    return f"{instance.case_id}/{uuid.uuid4().hex}"


class CaseUpload(models.Model):
    """One file the applicant (or the window handler) submitted for a material that is still required."""

    case = models.ForeignKey(
        "workflows.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="uploads"
    )
    material_key = models.CharField(_("材料标识"), max_length=80)
    material_name = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(_("文件"), storage=upload_storage, upload_to=_upload_path, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    media_type = models.CharField(_("文件类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    round = models.PositiveSmallIntegerField(_("补正轮次"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    removed_at = models.DateTimeField(_("删除时间"), null=True, blank=True)

    class Meta:
        ordering = ["case", "uploaded_at", "id"]
        verbose_name = _("上传材料")
        verbose_name_plural = _("上传材料")
        indexes = [models.Index(fields=["case", "material_key"], name="case_upload_material")]

    def __str__(self) -> str:
        return f"{self.material_name}：{self.original_name}"


class CaseDocument(models.Model):
    """A document issued for a case, one per (case, kind, round); ``claim`` guards rendering it once."""

    case = models.ForeignKey(
        "workflows.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("文书类型"), max_length=20)
    round = models.PositiveSmallIntegerField(_("轮次"), default=0)
    document = models.OneToOneField(
        "forms.IssuedDocument",
        verbose_name=_("文书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_document",
    )
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("办件文书")
        verbose_name_plural = _("办件文书")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "round"], name="case_document_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.kind}/{self.round}"


class EventChannel(models.TextChoices):
    ONLINE = "online", _("网上")
    WINDOW = "window", _("窗口")
    API = "api", _("接口")
    SYSTEM = "system", _("系统")


class CaseEvent(models.Model):
    """One entry of the case's log: every transition and every refused attempt (who, when, what, channel)."""

    case = models.ForeignKey(
        "workflows.Case",
        verbose_name=_("办件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("操作人名称"), max_length=100, blank=True)
    channel = models.CharField(
        _("渠道"), max_length=10, choices=EventChannel.choices, default=EventChannel.SYSTEM
    )
    action = models.CharField(_("动作"), max_length=40)
    from_state = models.CharField(_("原状态"), max_length=20, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    refused = models.BooleanField(_("被拒绝的尝试"), default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办件日志")
        verbose_name_plural = _("办件日志")
        indexes = [models.Index(fields=["case", "at"], name="case_event_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class SiteInspection(models.Model):
    """The on-site inspection (现场核查) of an item whose flow has one (e.g. 不动产登记)."""

    case = models.OneToOneField(
        "workflows.Case", verbose_name=_("办件"), on_delete=models.CASCADE, related_name="inspection"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("核查人员"), on_delete=models.PROTECT, related_name="+"
    )
    inspected_at = models.DateTimeField(_("核查时间"), auto_now_add=True)
    passed = models.BooleanField(_("核查结论：符合"))
    note = models.TextField(_("核查情况"))

    class Meta:
        verbose_name = _("现场核查")
        verbose_name_plural = _("现场核查")

    def __str__(self) -> str:
        return f"{self.case_id}: {'符合' if self.passed else '不符合'}"
