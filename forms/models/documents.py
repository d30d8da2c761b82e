"""The register of issued documents (文书登记): number, check code and fingerprint of every PDF issued.

A document's QR code points at ``/documents/verify/<number>?h=<check code>``; the verification page
looks the number up here and shows what the document is, who issued it and the SHA-256 of the PDF,
so a reader can tell a genuine copy from an altered one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("申请表")
    ACCEPTANCE_NOTICE = "acceptance_notice", _("受理通知书")
    SUPPLEMENT_NOTICE = "supplement_notice", _("一次性告知书")
    DECISION = "decision", _("决定书")
    LICENSE_FACE = "license_face", _("证照文件")


class DocumentSequence(models.Model):
    """The last serial used per department, kind and year; rows are locked to hand out numbers."""

    department = models.ForeignKey("catalogs.Department", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("文书编号序列")
        verbose_name_plural = _("文书编号序列")
        constraints = [
            models.UniqueConstraint(fields=["department", "kind", "year"], name="document_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.kind}/{self.year}: {self.last}"


class IssuedDocument(models.Model):
    number = models.CharField(_("文书编号"), max_length=40, unique=True)
    kind = models.CharField(_("文书类型"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    department = models.ForeignKey(
        "catalogs.Department", verbose_name=_("出具部门"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("办件编号或证照标识"), max_length=120, db_index=True)
    subject_masked = models.CharField(_("当事人（脱敏）"), max_length=100)
    content_digest = models.CharField(_("内容摘要（SHA-256）"), max_length=64)
    check_code = models.CharField(_("校验码"), max_length=16)
    pdf_sha256 = models.CharField(_("PDF 文件 SHA-256"), max_length=64)
    pdf = models.FileField(_("PDF 文件"), upload_to="documents/%Y/", max_length=200)
    pdf_variant = models.CharField(_("PDF 标准"), max_length=12, blank=True)
    page_count = models.PositiveSmallIntegerField(_("页数"), default=1)
    issued_at = models.DateTimeField(_("出具时间"))

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("出具文书")
        verbose_name_plural = _("出具文书")

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"
