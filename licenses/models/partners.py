"""The directory of partner nodes (数据服务目录): which node serves which issuer regions, how to reach
it, the credentials both ways, and the trust list imported from it (checked, not trusted blindly)."""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class PartnerNode(models.Model):
    code = models.SlugField(_("节点代码"), max_length=32, unique=True)
    name = models.CharField(_("节点名称"), max_length=100)
    base_url = models.URLField(
        _("接口地址"), help_text=_("如 https://gs.example.gov.cn/，注册库接口在 api/v1/registry/ 下")
    )
    region_codes = models.JSONField(
        _("服务的发证区划"), default=list, help_text=_('省级区划代码列表，如 ["620000"]')
    )
    enabled = models.BooleanField(_("启用"), default=True)
    inbound_token_hash = models.CharField(
        _("来访凭据摘要"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("对方调用本节点时出示的令牌的 SHA-256"),
    )
    outbound_token_encrypted = models.TextField(_("出访凭据密文"), blank=True, editable=False)
    connect_timeout = models.FloatField(_("连接超时（秒）"), default=2.0)
    read_timeout = models.FloatField(_("读取超时（秒）"), default=5.0)
    max_retries = models.PositiveSmallIntegerField(_("最多重试次数"), default=2)
    trust_list_sha256 = models.CharField(_("信任列表摘要"), max_length=64, blank=True)
    trust_list_imported_at = models.DateTimeField(_("信任列表导入时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("伙伴节点")
        verbose_name_plural = _("伙伴节点")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        url = urlparse(self.base_url or "")
        if url.scheme != "https" and url.hostname not in LOOPBACK_HOSTS:
            raise ValidationError(
                {
                    "base_url": _(
                        "伙伴节点必须使用 HTTPS（令牌与证照数据不得明文传输；仅本机回环地址可用 HTTP）"
                    )
                }
            )
        codes = self.region_codes if isinstance(self.region_codes, list) else []
        if not codes or not all(isinstance(c, str) and len(c) == 6 and c.isdigit() for c in codes):
            raise ValidationError({"region_codes": _("请填写至少一个 6 位行政区划代码")})

    def serves_region(self, region_code: str) -> bool:
        return any(region_code[:2] == code[:2] for code in self.region_codes)


class PartnerKey(models.Model):
    """One issuer key from a partner node's trust list, after the import checks passed."""

    node = models.ForeignKey(
        PartnerNode, verbose_name=_("伙伴节点"), on_delete=models.CASCADE, related_name="keys"
    )
    key_id = models.CharField(_("密钥标识"), max_length=64)
    issuer_uscc = models.CharField(_("发证部门统一社会信用代码"), max_length=18)
    issuer_name = models.CharField(pgettext_lazy("e-license", "发证部门"), max_length=100)
    algorithm = models.CharField(_("算法"), max_length=20)
    public_key = models.TextField(_("公钥（PEM）"))
    valid_from = models.DateTimeField(_("启用时间"))
    valid_until = models.DateTimeField(_("停用时间"), null=True, blank=True)
    compromised_at = models.DateTimeField(_("泄露起始时间"), null=True, blank=True)

    class Meta:
        ordering = ["node", "issuer_uscc", "key_id"]
        verbose_name = _("伙伴节点信任密钥")
        verbose_name_plural = _("伙伴节点信任密钥")
        constraints = [models.UniqueConstraint(fields=["node", "key_id"], name="partner_key_unique_per_node")]

    def __str__(self) -> str:
        return f"{self.issuer_name} · {self.key_id}"

    def valid_at(self, moment) -> bool:
        return self.valid_from <= moment and (self.valid_until is None or moment < self.valid_until)

    def compromised_for(self, moment) -> bool:
        return self.compromised_at is not None and moment >= self.compromised_at
