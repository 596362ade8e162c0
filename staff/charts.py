"""Bar charts drawn on the server as inline SVG: no script, no style attribute, no dependency.

Each chart is an image with a name and a description (`role="img"`,
`<title>`, `<desc>`, both referenced by `aria-labelledby`) and carries its
numbers as rows for a table the template shows beside it, so a screen
reader, or anyone who cannot tell the colors apart, reads the same figures.

Colors are SVG presentation attributes (`fill="#0b5cad"`): the admin's
Content-Security-Policy refuses inline `style`. The chart paints its own
white background, so each color's contrast is known whatever the admin's
theme (light or dark); every bar color reaches 3:1 against it (WCAG 2.2
non-text contrast) and the text 4.5:1, which tests/staff/test_home.py checks.
Stacked segments are parted by a white line, so each one meets the
background rather than only its neighbour.
"""

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

BACKGROUND = "#ffffff"
TEXT = "#1f1f1f"
GRID = "#767676"  # 4.5:1 on white: the axis and its lines read as well as the text
# Eight colors, each 4.5:1 or more on white, in an order where neighbours differ in hue.
PALETTE = [
    "#0b5cad",  # blue
    "#b3261e",  # red
    "#1a7f37",  # green
    "#6f42c1",  # purple
    "#8a4b00",  # brown
    "#4d4d4d",  # grey
    "#a3147a",  # magenta
    "#00677f",  # teal
]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass
class Chart:
    """What a template needs: the SVG, and the same numbers as a table."""

    key: str  # unique on the page: the ids of the title and description
    title: str
    description: str
    headers: list[str]
    rows: list[list]  # first cell a label, the others numbers
    svg: SafeString = field(default=SafeString(""))


def nice_step(largest: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most `ticks` steps up to `largest`."""
    if largest <= ticks:
        return 1
    raw = largest / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= raw:
            return int(multiple * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def _svg(chart: Chart, width: int, height: int) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "role": "img",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "class": "home-chart",
            "aria-labelledby": f"{chart.key}-title {chart.key}-desc",
            "font-family": FONT,
            "font-size": "12",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart.key}-title"}).text = chart.title
    ET.SubElement(svg, "desc", {"id": f"{chart.key}-desc"}).text = chart.description
    ET.SubElement(
        svg, "rect", {"x": "0", "y": "0", "width": str(width), "height": str(height)}
    ).set("fill", BACKGROUND)
    return svg


def _text(parent, x, y, content, **attributes) -> None:
    attributes = {"x": f"{x:g}", "y": f"{y:g}", "fill": TEXT, **attributes}
    ET.SubElement(
        parent, "text", {k.replace("_", "-"): str(v) for k, v in attributes.items()}
    ).text = str(content)


def _done(svg: ET.Element) -> SafeString:
    # ElementTree escapes every text and attribute it writes.
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308


def stacked_columns(
    chart: Chart, categories: list[str], stacks: list[tuple[str, str, list[int]]]
) -> Chart:
    """One column per category, stacked from `stacks`: (name, color, a value per category).

    The legend under the columns lists the stacks in the order they are
    stacked, bottom first.
    """
    width, plot_top, plot_height, left, right = 600, 16, 200, 40, 8
    legend_columns = 3
    legend_rows = math.ceil(len(stacks) / legend_columns)
    height = plot_top + plot_height + 28 + legend_rows * 22 + 8
    svg = _svg(chart, width, height)
    totals = [sum(values[i] for _n, _c, values in stacks) for i in range(len(categories))]
    step = nice_step(max(totals, default=0))
    top = max(step * math.ceil(max(totals, default=0) / step), step)
    bottom = plot_top + plot_height
    scale = plot_height / top

    for tick in range(0, top + 1, step):
        y = bottom - tick * scale
        ET.SubElement(
            svg,
            "line",
            {"x1": str(left), "x2": str(width - right), "y1": f"{y:g}", "y2": f"{y:g}"},
        ).attrib.update({"stroke": GRID, "stroke-width": "1" if tick == 0 else "0.5"})
        _text(svg, left - 6, y + 4, tick, text_anchor="end")

    slot = (width - left - right) / max(len(categories), 1)
    bar = slot * 0.6
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar) / 2
        y = bottom
        for _name, color, values in stacks:
            if not values[i]:
                continue
            h = values[i] * scale
            y -= h
            ET.SubElement(
                svg,
                "rect",
                {
                    "x": f"{x:g}",
                    "y": f"{y:g}",
                    "width": f"{bar:g}",
                    "height": f"{h:g}",
                    "fill": color,
                    "stroke": BACKGROUND,
                    "stroke-width": "1",
                },
            )
        _text(svg, x + bar / 2, bottom + 16, category, text_anchor="middle")

    legend_top = bottom + 36
    for n, (name, color, _values) in enumerate(stacks):
        x = left + (n % legend_columns) * 180
        y = legend_top + (n // legend_columns) * 22
        ET.SubElement(
            svg,
            "rect",
            {"x": f"{x:g}", "y": f"{y - 11:g}", "width": "14", "height": "14", "fill": color},
        )
        _text(svg, x + 20, y, name)
    chart.svg = _done(svg)
    return chart


def horizontal_bars(chart: Chart, bars: list[tuple[str, int]], color: str = PALETTE[0]) -> Chart:
    """One bar per (label, value), its value written at its end."""
    width, left, right, row, top_margin = 600, 120, 48, 30, 10
    height = top_margin + row * len(bars) + 10
    svg = _svg(chart, width, height)
    largest = max((value for _label, value in bars), default=0)
    scale = (width - left - right) / largest if largest else 0
    for i, (label, value) in enumerate(bars):
        y = top_margin + i * row
        _text(svg, left - 8, y + 17, label, text_anchor="end")
        if value:
            ET.SubElement(
                svg,
                "rect",
                {
                    "x": str(left),
                    "y": str(y + 4),
                    "width": f"{value * scale:g}",
                    "height": "18",
                    "fill": color,
                },
            )
        _text(svg, left + value * scale + 6, y + 17, value)
    ET.SubElement(
        svg,
        "line",
        {"x1": str(left), "x2": str(left), "y1": str(top_margin), "y2": str(height - 10)},
    ).attrib.update({"stroke": GRID, "stroke-width": "1"})
    chart.svg = _done(svg)
    return chart
