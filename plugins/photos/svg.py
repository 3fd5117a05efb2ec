"""SVG drawings: published only when nothing in them can run or reach outside the site.

An SVG is a document, not a picture: opened on its own (a link to it, a feed reader),
it runs its scripts and event handlers, follows external references and shows HTML in
<foreignObject>. Each drawing is read with the XML parser (no DTD: a DOCTYPE or an
entity is refused, which also rules out entity bombs), and walked against an allow-list
of drawing elements and attributes. A clean drawing is published byte for byte; one
with active or outside parts is published without them and each part is named (an
error: a publish refuses it); editor metadata (Inkscape, RDF) is removed with a warning.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# What drawing programs keep about the file (who drew it, the program's state).
METADATA_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
}
DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "feTile",
    "image", "style", "switch", "a",
}
# Where a reference may point: inside the drawing, or an embedded raster picture.
INSIDE = re.compile(r"\s*#")
EMBEDDED_PICTURE = re.compile(r"\s*data:image/(png|jpeg|gif|webp);base64,", re.I)
LINK_SCHEMES = {"", "http", "https", "mailto"}  # where a link (<a>) may lead
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
ACTIVE_CSS = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:", re.I)
# A DTD (entities, bombs) or a stylesheet instruction (an outside reference), which the
# parser would not hand to the walk.
DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)|<\?xml-stylesheet", re.I)


@dataclass
class Cleaned:
    """The drawing to publish (None: it cannot be read) and what was taken out."""

    data: bytes | None
    unsafe: list[str] = field(default_factory=list)  # active or outside parts
    metadata: list[str] = field(default_factory=list)  # a drawing program's notes


def _local(name: str) -> tuple[str, str]:
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    return namespace, local


def _link_scheme(value: str) -> str | None:
    try:
        return urlsplit("".join(value.split())).scheme.lower()  # browsers drop whitespace
    except ValueError:
        return None


def _outside_css(text: str) -> bool:
    return bool(ACTIVE_CSS.search(text)) or any(
        target and not target.startswith("#") for target in CSS_URL.findall(text))


def _attribute_problem(element: str, name: str, value: str) -> bool:
    namespace, local = _local(name)
    if local.lower().startswith("on"):
        return True
    if local == "href" and namespace in ("", XLINK):
        allowed = (INSIDE.match(value) or (element == "image" and EMBEDDED_PICTURE.match(value))
                   or (element == "a" and _link_scheme(value) in LINK_SCHEMES))
        return not allowed
    return _outside_css(value) if ("url(" in value.lower() or ":" in value) else False


class _Walk:
    def __init__(self) -> None:
        self.unsafe: list[str] = []
        self.metadata: list[str] = []

    def clean(self, parent: ElementTree.Element) -> None:
        for child in list(parent):
            namespace, local = _local(child.tag) if isinstance(child.tag, str) else ("", "")
            if namespace in METADATA_NAMESPACES or (namespace == SVG and local == "metadata"):
                self.metadata.append(f"<{local}>")
                parent.remove(child)
                continue
            if namespace != SVG or local not in DRAWING:
                self.unsafe.append(f"<{local or 'comment'}>")
                parent.remove(child)
                continue
            if local == "style" and _outside_css(child.text or ""):
                self.unsafe.append("<style> url()/@import")
                parent.remove(child)
                continue
            self.attributes(child, local)
            self.clean(child)

    def attributes(self, element: ElementTree.Element, local: str) -> None:
        for name, value in list(element.attrib.items()):
            namespace, attribute = _local(name)
            if namespace in METADATA_NAMESPACES:
                self.metadata.append(attribute)
                del element.attrib[name]
            elif _attribute_problem(local, name, value):
                self.unsafe.append(f'{attribute}="{value[:40]}"')
                del element.attrib[name]


def clean_svg(data: bytes) -> Cleaned:
    """`data` if it is a safe drawing; else the drawing without its active, outside and
    metadata parts, and their names; `data` None when it is no SVG that can be read."""
    if DECLARATION.search(data):
        return Cleaned(None, ["<!DOCTYPE>/<!ENTITY>/<?xml-stylesheet?>"])
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return Cleaned(None)
    if root.tag != f"{{{SVG}}}svg":
        return Cleaned(None)
    walk = _Walk()
    walk.attributes(root, "svg")
    walk.clean(root)
    if not walk.unsafe and not walk.metadata:
        return Cleaned(data)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    cleaned = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return Cleaned(cleaned, walk.unsafe, walk.metadata)
