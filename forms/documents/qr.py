"""QR codes (segno) for verification links, as PNG data URIs for ``<img>``.

A PNG (one pixel per module, scaled up with ``image-rendering: pixelated``) costs WeasyPrint far less
than an SVG path of hundreds of segments, and stays sharp at any zoom.
"""

import segno


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=2, dark="#000", light="#fff")
