"""Small SVG charts drawn on the server (no chart library, no script; the console's CSP
forbids inline styles, so colours are SVG presentation attributes). Hand-written because the
two shapes we need — horizontal bars and stacked day columns — are a few lines each, and a
plotting library would add a large dependency for them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def bars(rows: Sequence[tuple[str, float]], width: int = 520, bar: int = 18,
         label_width: int = 190, fmt: str = "{:,.0f}") -> Markup:
    """Horizontal bars, one per ``(label, value)``."""
    if not rows:
        return Markup('<p class="muted">no data</p>')
    top = max(value for _, value in rows) or 1
    span = width - label_width - 60
    height = len(rows) * (bar + 6) + 4
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value) in enumerate(rows):
        y = 2 + i * (bar + 6)
        length = max(1, round(span * value / top))
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end" font-size="12">'
            f'{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar}" fill="{colour(0)}">'
            f'<title>{escape(label)}: {escape(fmt.format(value))}</title></rect>'
            f'<text x="{label_width + length + 4}" y="{y + bar - 5}" font-size="12">'
            f'{escape(fmt.format(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_days(days: Sequence[tuple[str, Mapping[str, int]]], series: Sequence[str],
                 width: int = 720, height: int = 220) -> Markup:
    """One column per day, stacked by series (platform), with a legend."""
    if not days:
        return Markup('<p class="muted">no data</p>')
    top = max(sum(counts.values()) for _, counts in days) or 1
    left, bottom, legend = 40, 30, 20
    plot_h = height - bottom - legend
    step = (width - left - 10) / len(days)
    col = max(2.0, step * 0.8)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="{left - 4}" y="{legend + 10}" text-anchor="end" font-size="11">{top}</text>',
             f'<text x="{left - 4}" y="{legend + plot_h}" text-anchor="end" font-size="11">0</text>',
             f'<line x1="{left}" y1="{legend + plot_h}" x2="{width - 10}" y2="{legend + plot_h}" '
             'stroke="#999"/>']
    for i, name in enumerate(series):
        x = left + i * 80  # eight platforms fit the 720-px width
        parts.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour(i)}"/>'
                     f'<text x="{x + 14}" y="13" font-size="11">{escape(name)}</text>')
    label_every = max(1, len(days) // 8)
    for d, (day, counts) in enumerate(days):
        x = left + d * step + (step - col) / 2
        y = legend + plot_h
        for i, name in enumerate(series):
            value = counts.get(name, 0)
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{col:.1f}" height="{h:.1f}" '
                         f'fill="{colour(i)}"><title>{escape(day)} {escape(name)}: {value}'
                         '</title></rect>')
        if d % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="10">{escape(day[5:])}'
                         '</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
