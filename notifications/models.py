"""Messages (one per recipient and cause, under a unique key) and their deliveries (one per channel)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    CONSENT_NEEDED = "consent_needed", _("待授权")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("补正告知")
    DECIDED = "decided", _("办理结果")
    RATING_INVITED = "rating_invited", _("邀请评价")
    CASE_QUEUED = "case_queued", _("新办件待受理")
    SUPPLEMENT_RECEIVED = "supplement_received", _("补正材料已提交")
    DUE_SOON = "due_soon", _("即将到期")


class Message(models.Model):
    """One notice to one person, shown in their inbox. ``key`` makes each cause produce it once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=MessageKind.choices)
    case = models.ForeignKey(
        "workflows.Case",
        verbose_name=_("办件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    link = models.CharField(_("链接"), max_length=300, blank=True)
    key = models.CharField(_("去重键"), max_length=120, unique=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        indexes = [models.Index(fields=["recipient", "read_at"], name="message_recipient_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待发送")
    RETRYING = "retrying", _("等待重试")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """A message sent through one channel (e-mail, SMS); attempts and the last error are kept."""

    message = models.ForeignKey(
        Message, verbose_name=_("消息"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=20)
    address = models.CharField(_("地址"), max_length=254, help_text=_("电子邮箱或手机号码"))
    state = models.CharField(
        _("状态"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("投递")
        verbose_name_plural = _("投递")
        constraints = [
            models.UniqueConstraint(fields=["message", "channel"], name="delivery_once_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.message_id}/{self.channel}: {self.get_state_display()}"

    @property
    def masked_address(self) -> str:
        if "@" in self.address:
            name, _, domain = self.address.partition("@")
            return f"{name[:1]}***@{domain}"
        return self.address[:3] + "****" + self.address[-4:] if len(self.address) >= 11 else "***"


mobile_number = RegexValidator(r"^1[3-9]\d{9}$", _("请填写 11 位手机号码，例如 13800000000"))


class Contact(models.Model):
    """Where a person wants to be told: a mobile number for SMS, and whether to use e-mail / SMS at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="contact"
    )
    phone = models.CharField(_("手机号码"), max_length=11, blank=True, validators=[mobile_number])
    by_email = models.BooleanField(_("接收邮件通知"), default=True)
    by_sms = models.BooleanField(_("接收短信通知"), default=True)

    class Meta:
        verbose_name = _("通知方式")
        verbose_name_plural = _("通知方式")

    def __str__(self) -> str:
        return str(self.user)
