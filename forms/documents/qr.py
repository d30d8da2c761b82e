"""QR codes (segno) for verification links, as SVG data URIs for ``<img>``."""

import segno


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
