"""The department's red round seal (公章) drawn as SVG: the name on an arc, a five-pointed star in
the middle and the seal's purpose (e.g. 行政审批专用章) below it.

Characters are placed one by one along the arc (WeasyPrint's SVG renderer does not lay out
``textPath``), each rotated to face the centre, like a real seal. No image files are used.

The full-width characters of the name are one ``<text>`` with a position and a rotation per
character (``x``/``y``/``rotate`` lists), each placed by its start so that it stays centred on its
point of the arc: WeasyPrint draws a ``text-anchor="middle"`` node in a group of its own and lays it
out twice, which made the seal a fifth of a notice's drawing time. Narrower characters (digits,
Latin letters) keep a centred ``<text>`` each, since their width is not known here. The seal of a
department is built once per process (``seal_data_uri`` is cached).
"""

import base64
import functools
import math
import unicodedata
from html import escape

RED = "#d7261e"


def _star(cx: float, cy: float, r_outer: float) -> str:
    r_inner = r_outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        r = r_outer if i % 2 == 0 else r_inner
        angle = math.radians(-90 + i * 36)
        points.append(f"{cx + r * math.cos(angle):.2f},{cy + r * math.sin(angle):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{RED}"/>'


def seal_svg(name: str, purpose: str = "", *, size_mm: float = 42) -> str:
    """An inline SVG of a round seal; ``name`` and ``purpose`` are escaped."""
    c, ring = 100.0, 93.0
    chars = list(name)
    n = max(len(chars), 1)
    span = min(250.0, 28.0 * n + 30)  # degrees of arc the name takes, centred on the top
    arc = math.radians(span) * 74
    font_size = max(12.0, min(27.0, 0.92 * arc / n))
    baseline = 87.0 - 0.88 * font_size  # glyph tops stay just inside the ring
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="{size_mm}mm" height="{size_mm}mm">',
        f'<circle cx="{c}" cy="{c}" r="{ring}" fill="none" stroke="{RED}" stroke-width="5.5"/>',
    ]
    xs, ys, angles, placed = [], [], [], []
    for index, char in enumerate(chars):
        angle = -span / 2 + span * (index + 0.5) / n
        rad = math.radians(angle - 90)
        x, y = c + baseline * math.cos(rad), c + baseline * math.sin(rad)
        if unicodedata.east_asian_width(char) in ("W", "F"):
            # one em wide: start half an em back along the rotated baseline, so the glyph is centred on (x, y)
            turn = math.radians(angle)
            xs.append(x - font_size / 2 * math.cos(turn))
            ys.append(y - font_size / 2 * math.sin(turn))
            angles.append(angle)
            placed.append(char)
            continue
        parts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" transform="rotate({angle:.2f} {x:.2f} {y:.2f})" font-size="{font_size:.1f}" '
            f'font-family="Noto Serif CJK SC" font-weight="bold" fill="{RED}" text-anchor="middle">{escape(char)}</text>'
        )
    if placed:
        parts.append(
            f'<text x="{" ".join(f"{v:.2f}" for v in xs)}" y="{" ".join(f"{v:.2f}" for v in ys)}" '
            f'rotate="{" ".join(f"{v:.2f}" for v in angles)}" font-size="{font_size:.1f}" '
            f'font-family="Noto Serif CJK SC" font-weight="bold" fill="{RED}">{escape("".join(placed))}</text>'
        )
    parts.append(_star(c, c - 2, 27))
    if purpose:
        if all(unicodedata.east_asian_width(char) in ("W", "F") for char in purpose):
            # n characters of one em each: start n/2 em left of the centre
            position = f'x="{c - 14 * len(purpose) / 2:.2f}"'
        else:
            position = f'x="{c}" text-anchor="middle"'
        parts.append(
            f'<text {position} y="{c + 54}" font-size="14" font-family="Noto Serif CJK SC" font-weight="bold" '
            f'fill="{RED}">{escape(purpose)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@functools.lru_cache(maxsize=256)
def seal_data_uri(name: str, purpose: str = "") -> str:
    svg = seal_svg(name, purpose)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
