"""Bar and line charts drawn on the server as SVG: readable without JavaScript and in print, and
accessible (role="img", a <title> and a <desc>; the page shows the data table beside each).

Lines are told apart by pattern as well as colour (a dashed line), and each bar carries its
value in figures, so a chart printed in black and white still reads."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

WIDTH = 640
MAX_BARS = 15
COLOURS = ["#1d4f91", "#c2410c", "#15803d", "#7c3aed"]
DASHES = ["", "6 4", "2 3", "10 3 2 3"]


def _number(value):
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def _scale_max(values):
    """A round top for the axis, at least 1."""
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 1
    step = 10 ** (len(str(int(top))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= top:
            return step * factor
    return top


def _svg(uid, title, description, height, body):
    return format_html(
        '<svg class="bilan-chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="{uid}-title {uid}-desc" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
        '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        uid=uid,
        title=title,
        desc=description,
        body=mark_safe(body),
    )


def bar_chart(uid, title, description, labels, series):
    """Horizontal bars, one group per label; series = [(name, values)]."""
    label_width, bar, gap = 200, 14, 10
    names = [name for name, _values in series]
    all_values = [v for _name, values in series for v in values]
    top = _scale_max(all_values)
    plot = WIDTH - label_width - 60
    group = bar * len(series) + gap
    legend = 22 if len(series) > 1 else 0
    height = legend + group * len(labels) + 10
    parts = []
    if legend:
        room = (WIDTH - label_width) // len(names)
        for i, name in enumerate(names):
            parts.append(
                format_html(
                    '<rect x="{}" y="4" width="12" height="12" fill="{}"{}/>'
                    '<text x="{}" y="14">{}</text>',
                    label_width + i * room,
                    COLOURS[i % len(COLOURS)],
                    mark_safe(' fill-opacity="0.55"' if i else ""),
                    label_width + i * room + 16,
                    Truncator(name).chars(max(room // 7 - 3, 4)),
                )
            )
    for row, label in enumerate(labels):
        y = legend + row * group + 5
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                label_width - 8,
                y + bar * len(series) / 2 + 4,
                Truncator(str(label)).chars(32),
            )
        )
        for i, (_name, values) in enumerate(series):
            value = values[row] or 0
            length = plot * value / top
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>'
                    '<text x="{}" y="{}">{}</text>',
                    label_width,
                    y + i * bar,
                    f"{length:.1f}",
                    bar - 2,
                    COLOURS[i % len(COLOURS)],
                    mark_safe(' fill-opacity="0.55"' if i else ""),
                    f"{label_width + length + 4:.1f}",
                    y + i * bar + bar - 4,
                    _number(values[row]),
                )
            )
    return _svg(uid, title, description, height, "".join(parts))


def line_chart(uid, title, description, labels, series):
    """One line per series over the labels (months); series = [(name, values)]."""
    left, right, top_margin, bottom = 48, 16, 28, 28
    height = 240
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = _scale_max([v for _name, values in series for v in values])
    step_x = plot_w / max(len(labels) - 1, 1)
    parts = []
    for tick in range(5):
        value = top * tick / 4
        y = top_margin + plot_h - plot_h * tick / 4
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc"/>'
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                WIDTH - right,
                f"{y:.1f}",
                f"{y:.1f}",
                left - 6,
                f"{y + 4:.1f}",
                _number(value),
            )
        )
    # One label in every `every`, so that they do not run into each other (about 60 px each).
    every = max(1, -(-len(labels) * 60 // plot_w))
    for i, label in enumerate(labels):
        if i % every:
            continue
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{left + i * step_x:.1f}",
                height - 8,
                label,
            )
        )
    for s, (name, values) in enumerate(series):
        points = " ".join(
            f"{left + i * step_x:.1f},{top_margin + plot_h - plot_h * (v or 0) / top:.1f}"
            for i, v in enumerate(values)
        )
        colour, dash = COLOURS[s % len(COLOURS)], DASHES[s % len(DASHES)]
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}/>',
                points,
                colour,
                mark_safe(f' stroke-dasharray="{dash}"' if dash else ""),
            )
        )
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="12" y2="12" stroke="{}" stroke-width="2"{}/>'
                '<text x="{}" y="16">{}</text>',
                left + s * 200,
                left + s * 200 + 24,
                colour,
                mark_safe(f' stroke-dasharray="{dash}"' if dash else ""),
                left + s * 200 + 30,
                name,
            )
        )
    return _svg(uid, title, description, height, "".join(parts))


def chart_for(table, uid):
    """The picture of a Table, or "" when it has none or nothing to draw."""
    if not table.chart or table.is_empty or not table.rows:
        return ""
    rows, description = table.rows, table.description or table.title
    if table.chart == "bar" and len(rows) > MAX_BARS:
        # Rows come largest first: the picture shows the head, the table beside lists them all.
        rows = rows[:MAX_BARS]
        description = gettext("%(title)s: the %(count)s largest (the table lists them all).") % {
            "title": description,
            "count": MAX_BARS,
        }
    labels = [row.label for row in rows]
    series = [
        (str(name), [row.values[i] for row in rows]) for i, name in enumerate(table.columns[1:])
    ]
    draw = line_chart if table.chart == "line" else bar_chart
    return draw(uid, table.title, description, labels, series)
