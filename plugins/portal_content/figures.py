"""Markdown extension: a photo alone in its paragraph becomes a captioned <figure>.

`![Lễ kết nạp đảng viên](photo.svg)` renders as
<figure><img alt="" …><figcaption>Lễ kết nạp đảng viên</figcaption></figure>: the visible
caption describes the photo, so the alt text stays empty rather than have screen
readers read it twice (as for lead photos).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class FigureTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if _is_lone_image(child):
                    parent[index] = _figure(child[0])

def _is_lone_image(element: etree.Element) -> bool:
    return (
        element.tag == "p"
        and len(element) == 1
        and element[0].tag == "img"
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
    )


def _figure(image: etree.Element) -> etree.Element:
    figure = etree.Element("figure")
    image.tail = None
    image.set("loading", "lazy")
    figure.append(image)
    caption = image.get("alt", "").strip()
    if caption:
        etree.SubElement(figure, "figcaption").text = caption
        image.set("alt", "")
    return figure


class FigureExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(FigureTreeprocessor(md), "portal_figures", 5)


def makeExtension(**kwargs) -> FigureExtension:  # noqa: N802
    return FigureExtension(**kwargs)
