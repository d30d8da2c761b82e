"""Charts drawn on the server as inline SVG: no script, no CDN. Each is readable without colour: every series has
its own fill pattern and a text label with its value, and the page shows the same numbers in a table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED, LINE = "#1f2329", "#646a73", "#dee0e3"


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-solid" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#1d4e89"/></pattern>'
        f'<pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fdf6e9"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#b7791f" stroke-width="3"/></pattern>'
        f'<pattern id="{prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fdeeee"/><circle cx="3" cy="3" r="1.6" fill="#c8161d"/></pattern>'
        f'<pattern id="{prefix}-grid" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#eef8f0"/><path d="M0 0H6M0 0V6" stroke="#1a7f37" stroke-width="1.5"/>'
        "</pattern></defs>"
    )


def _svg(prefix: str, title: str, width: int, height: int, body: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart" role="img" aria-labelledby="{prefix}-title" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{prefix}-title">{escape(title)}</title>{_defs(prefix)}{body}</svg>'
    )


def _text(x, y, text, *, anchor="start", size=12, fill=INK, weight="normal") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" '
        f'font-weight="{weight}">{escape(str(text))}</text>'
    )


def _legend(prefix: str, entries: list[tuple[str, str]], x: float, y: float) -> str:
    parts = []
    for label, pattern in entries:
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="14" height="14" fill="url(#{prefix}-{pattern})" '
            f'stroke="{INK}" stroke-width=".5"/>'
        )
        parts.append(_text(x + 20, y + 2, label))
        x += 30 + 13 * len(label)
    return "".join(parts)


def trend(months, *, title: str, labels: dict[str, str]) -> SafeString:
    """Cases per month (solid) beside the fully certificate-free ones (hatched), each bar with its number."""
    prefix, width, height, top, bottom, left = "trend", 760, 260, 40, 40, 40
    if not months:
        return _svg(prefix, title, width, 60, _text(10, 30, labels["empty"], fill=MUTED))
    peak = max(row.cases for row in months) or 1
    slot = (width - left - 10) / len(months)
    bar = max(min(slot / 2 - 4, 28), 3)
    scale = (height - top - bottom) / peak
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="{LINE}"/>',
        _legend(prefix, [(labels["cases"], "solid"), (labels["free"], "hatch")], left, 16),
    ]
    for i, row in enumerate(months):
        x = left + i * slot + (slot - 2 * bar - 2) / 2
        for j, (value, pattern) in enumerate(((row.cases, "solid"), (row.certificate_free, "hatch"))):
            h = value * scale
            bx = x + j * (bar + 2)
            parts.append(
                f'<rect x="{bx:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="url(#{prefix}-{pattern})" stroke="{INK}" stroke-width=".5"/>'
            )
            if len(months) <= 14:
                parts.append(_text(bx + bar / 2, height - bottom - h - 4, value, anchor="middle", size=10))
        month = row.month.strftime("%Y-%m") if row.month else ""
        parts.append(_text(left + i * slot + slot / 2, height - bottom + 16, month, anchor="middle", size=10))
    return _svg(prefix, title, width, height, "".join(parts))


def _hbars(prefix, title, entries, width=760) -> SafeString:
    """One horizontal bar per entry (label, value, pattern), with the value and its share written beside it."""
    total = sum(value for _label, value, _p in entries) or 1
    peak = max((value for _l, value, _p in entries), default=0) or 1
    row_h, left, right = 30, 150, 150
    parts = []
    for i, (label, value, pattern) in enumerate(entries):
        y = 10 + i * row_h
        w = (width - left - right) * value / peak
        parts.append(_text(left - 8, y + 15, label, anchor="end"))
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="20" fill="url(#{prefix}-{pattern})" '
            f'stroke="{INK}" stroke-width=".5"/>'
        )
        parts.append(_text(left + w + 6, y + 15, f"{value}（{100 * value / total:.1f}%）"))
    return _svg(prefix, title, width, 20 + row_h * len(entries), "".join(parts))


def materials(total, *, title: str, labels: dict[str, str]) -> SafeString:
    return _hbars(
        "materials",
        title,
        [
            (labels["fetched"], total.fetched, "solid"),
            (labels["uploaded"], total.uploaded, "hatch"),
            (labels["paper"], total.paper, "dots"),
        ],
    )


def ratings(total, *, title: str, names: dict[int, str]) -> SafeString:
    patterns = {5: "solid", 4: "grid", 3: "hatch", 2: "dots", 1: "dots"}
    return _hbars(
        "ratings", title, [(names[level], count, patterns[level]) for level, count in total.rating_list]
    )
