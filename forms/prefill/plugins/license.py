"""Prefill from a face field of a verified e-license (``license:<type code>.<field>``)."""

from forms.prefill.plugins.base import Found, Missing, PrefillContext, PrefillPlugin, register
from forms.prefill.sources import Source


@register("license", label="电子证照")
class LicensePrefill(PrefillPlugin):
    """Reads a face field of a license of the named type — only if that license passed verification."""

    def lookup(self, source: Source, context: PrefillContext) -> Found | Missing:
        candidates = [e for e in context.evidence if e.type_code == source.type_code]
        verified = [e for e in candidates if e.verified]
        if not verified:
            if candidates:
                return Missing(f"证照核验未通过：{candidates[0].failure_reason}", refused=True)
            return Missing("未取得该电子证照")
        evidence = verified[0]
        values = {**evidence.metadata, **evidence.face}
        if source.attribute == "identifier":
            values.setdefault("identifier", evidence.identifier)
        value = values.get(source.attribute)
        if value in ("", None):
            return Missing("证照照面中没有该信息")
        return Found(value=value, origin=evidence.identifier)
