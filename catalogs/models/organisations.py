from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogs.identifiers import validate_region_code, validate_uscc


class Region(models.Model):
    """A GB/T 2260 administrative division (青海省 630000, 西宁市 630100 …)."""

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True, validators=[validate_region_code])
    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class DepartmentLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class Department(models.Model):
    """A government department: issues licenses and/or handles service items."""

    name = models.CharField(_("部门名称"), max_length=100)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="departments"
    )
    level = models.CharField(
        _("层级"), max_length=10, choices=DepartmentLevel.choices, default=DepartmentLevel.PROVINCE
    )

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="department_name_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name
