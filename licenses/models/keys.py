"""Issuer seal keys (发证部门电子印章密钥) and their lifecycle states."""

from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class KeyAlgorithm(models.TextChoices):
    ECDSA_P256 = "ecdsa-p256-sha256", _("ECDSA P-256 / SHA-256")
    SM2_SM3 = "sm2-sm3", _("SM2 / SM3（国密）")


class KeyState(models.TextChoices):
    ACTIVE = "active", _("使用中")
    RETIRED = "retired", _("已轮换（仅用于核验）")
    COMPROMISED = "compromised", _("已泄露")


class SealKeyQuerySet(models.QuerySet):
    def trusted(self):
        return self.filter(trusted=True)

    def usable_for_signing(self, *, department, at: datetime):
        return (
            self.filter(department=department, state=KeyState.ACTIVE, valid_from__lte=at)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=at))
            .exclude(private_key_encrypted="")
            .order_by("-valid_from", "-id")
        )


class SealKey(models.Model):
    """One signing key of an issuing department.

    The private key is stored encrypted (AES-256-GCM under a key from the environment, see
    ``licenses.signers.keystore``); the public key is published in the trust list when ``trusted``.
    A key marked compromised from ``compromised_at`` invalidates every seal made at or after that time.
    """

    department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=pgettext_lazy("e-license", "发证部门"),
        on_delete=models.PROTECT,
        related_name="seal_keys",
    )
    key_id = models.CharField(_("密钥标识"), max_length=64, unique=True)
    algorithm = models.CharField(_("算法"), max_length=20, choices=KeyAlgorithm.choices)
    public_key = models.TextField(_("公钥（PEM）"))
    private_key_encrypted = models.TextField(_("私钥密文"), blank=True, editable=False)
    valid_from = models.DateTimeField(_("启用时间"))
    valid_until = models.DateTimeField(_("停用时间"), null=True, blank=True, help_text=_("留空表示长期"))
    state = models.CharField(_("状态"), max_length=12, choices=KeyState.choices, default=KeyState.ACTIVE)
    compromised_at = models.DateTimeField(_("泄露起始时间"), null=True, blank=True)
    trusted = models.BooleanField(_("列入信任列表"), default=True)
    note = models.TextField(_("备注"), blank=True, help_text=_("轮换、泄露等操作的原因与操作人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = SealKeyQuerySet.as_manager()

    class Meta:
        ordering = ["department", "-valid_from"]
        verbose_name = _("签章密钥")
        verbose_name_plural = _("签章密钥")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gt=models.F("valid_from")),
                name="seal_key_validity_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="compromised") | models.Q(compromised_at__isnull=False),
                name="seal_key_compromised_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department.name} · {self.key_id}"

    def valid_at(self, moment: datetime) -> bool:
        return self.valid_from <= moment and (self.valid_until is None or moment < self.valid_until)

    def compromised_for(self, moment: datetime) -> bool:
        return self.compromised_at is not None and moment >= self.compromised_at
