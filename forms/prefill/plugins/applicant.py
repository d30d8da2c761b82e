"""Prefill from the signed-in applicant's verified identity (``applicant.<attribute>``)."""

from forms.prefill.plugins.base import Found, Missing, PrefillContext, PrefillPlugin, register
from forms.prefill.sources import Source


@register("applicant", label="申请人信息")
class ApplicantPrefill(PrefillPlugin):
    def lookup(self, source: Source, context: PrefillContext) -> Found | Missing:
        if context.applicant is None:
            return Missing("未提供申请人信息")
        value = getattr(context.applicant, source.attribute, "")
        if value in ("", None):
            return Missing("申请人账户中没有该信息")
        return Found(value=value, origin="applicant")
