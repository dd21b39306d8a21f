"""vl-convert's SVG made safe for the page: no inline styles, ids unique on the page, never empty."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from nutgraf.kernel.diagnostics import NutgrafError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# CSS properties that SVG also accepts as presentation attributes (a CSP-safe spelling of style="…").
PRESENTATION = frozenset(
    {
        *("fill", "fill-opacity", "fill-rule", "opacity", "display", "visibility", "clip-path", "cursor"),
        *("stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-dashoffset"),
        *("stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "mix-blend-mode", "pointer-events"),
        *("font-family", "font-size", "font-style", "font-weight", "text-anchor", "dominant-baseline"),
    }
)
_URL_REFERENCE = re.compile(r"url\(#([^)]+)\)")


class EmptyChartError(NutgrafError):
    """The SVG draws no mark: vl-convert's answer to a spec whose data or fields did not resolve."""


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def drawn_marks(root: ET.Element) -> int:
    """How many marks (not axes, legends or titles) the chart draws."""
    count = 0
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = (group.get("class") or "").split()
        if "role-mark" in classes:
            count += len(group)
    return count


def clean_svg(svg: str, id_prefix: str, css_class: str) -> str:
    """The SVG with style attributes turned into presentation attributes, <style> dropped, ids prefixed."""
    root = ET.fromstring(svg)
    if drawn_marks(root) == 0 or any("from NaN to NaN" in (g.get("aria-label") or "") for g in root.iter()):
        msg = "the chart draws nothing: its data did not load or its fields match no column"
        raise EmptyChartError(msg)
    for parent in root.iter():
        for child in [child for child in parent if _tag(child) == "style"]:
            parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _, value = declaration.partition(":")
                name, value = name.strip(), value.strip()
                if name in PRESENTATION and value and name not in element.attrib:
                    element.set(name, value)
        if "id" in element.attrib:
            element.set("id", f"{id_prefix}-{element.get('id')}")
        for attribute, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(attribute, _URL_REFERENCE.sub(lambda m: f"url(#{id_prefix}-{m[1]})", value))
            elif attribute in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
                element.set(attribute, f"#{id_prefix}-{value[1:]}")
    root.set("class", css_class)
    root.set("aria-hidden", "true")
    root.set("focusable", "false")
    return ET.tostring(root, encoding="unicode")
