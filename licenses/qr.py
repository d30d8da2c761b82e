"""QR codes (segno) carrying a license version's public verification URL."""

import segno
from django.utils.safestring import mark_safe

from licenses.models import LicenseVersion
from licenses.selectors import verification_url


def verification_qr_svg(*, version: LicenseVersion, base_url: str, scale: int = 3) -> str:
    """Inline SVG of the absolute verification URL (base_url like ``https://host``)."""
    qr = segno.make(base_url.rstrip("/") + verification_url(version), error="m")
    return mark_safe(qr.svg_inline(scale=scale, title="扫码核验电子证照"))  # segno escapes its own output
