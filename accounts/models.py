from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.identifiers import HOLDER_CODE_CITIZEN, HOLDER_CODE_USCC, check_holder_code, mask_code


class HolderCodeType(models.TextChoices):
    CITIZEN_ID = HOLDER_CODE_CITIZEN, _("居民身份证")
    USCC = HOLDER_CODE_USCC, _("统一社会信用代码")


class User(AbstractUser):
    """A person who signs in: applicant, handler, policy staff, issuer or auditor.

    ``holder_code`` is the verified code the person acts for: their citizen ID, or, for an
    enterprise's agent, the enterprise's USCC. Staff belong to a department.
    """

    real_name = models.CharField(_("真实姓名"), max_length=50, blank=True)
    holder_code = models.CharField(_("持证主体代码"), max_length=18, blank=True, db_index=True)
    holder_code_type = models.CharField(
        _("代码类型"), max_length=3, choices=HolderCodeType.choices, blank=True
    )
    holder_verified_at = models.DateTimeField(_("实名核验时间"), null=True, blank=True)
    department = models.ForeignKey(
        "catalogs.Department",
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        # the auditor's one declared permission (accounts/permissions.py grants it to the role): reads every
        # department's licenses, consents and archive packages; ``roles.SEES_EVERYTHING`` names it
        permissions = [("audit_all", _("查阅全部部门的证照、授权与归档（监管）"))]

    def __str__(self) -> str:
        return self.real_name or self.username

    @property
    def masked_holder_code(self) -> str:
        return mask_code(self.holder_code)

    def has_role(self, role: str) -> bool:
        return self.groups.filter(name=role).exists()

    def clean(self) -> None:
        super().clean()
        if bool(self.holder_code) != bool(self.holder_code_type):
            raise ValidationError({"holder_code_type": "持证主体代码与代码类型须同时填写"})
        if self.holder_code:
            try:
                self.holder_code = check_holder_code(self.holder_code, self.holder_code_type).value
            except ValidationError as error:
                raise ValidationError({"holder_code": error.messages}) from error
