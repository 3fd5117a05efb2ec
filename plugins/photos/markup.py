"""The markup of a published photo, in one place: a <picture> with WebP and the
source's format at every width, `sizes` for the slot, and the displayed width and
height so nothing shifts as it loads. Templates call it through partials/photo.html;
in-body photos get it from `in_body`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
BODY_SIZES = "(max-width: 800px) 100vw, 760px"
# An in-body photo as Markdown and the figures extension write it.
_BODY_IMAGE = re.compile(r'<img\b(?P<before>[^>]*?)\bsrc="\{static\}/(?P<path>[^"]+)"'
                         r'(?P<after>[^>]*)>')


@dataclass(frozen=True)
class PhotoSet:
    width: int  # the largest copy's, as displayed (upright)
    height: int
    fmt: str  # the source's format
    sources: tuple[tuple[str, int, str], ...]  # (save_as, width, format), every copy


PUBLISHED: dict[str, PhotoSet] = {}  # this build's photos, by their path under the site


def _srcset(found: PhotoSet, fmt: str, siteurl: str) -> str:
    return ", ".join(f"{siteurl}/{save_as} {width}w"
                     for save_as, width, kind in found.sources if kind == fmt)


def picture(path: str, siteurl: str = "", sizes: str = "100vw", lazy: bool = True,
            width: int | None = None, height: int | None = None) -> Markup:
    """The photo at `path` (site-relative, 'images/anh.jpg'); a plain <img> for a file
    that is no processed photo (an SVG drawing), with the width and height given."""
    found = PUBLISHED.get(path)
    loading = ' loading="lazy"' if lazy else ""
    src = escape(f"{siteurl}/{path}")
    if found is None:
        size = f' width="{int(width)}" height="{int(height)}"' if width and height else ""
        return Markup(f'<img src="{src}" alt=""{loading}{size}>')
    webp = _srcset(found, "WEBP", siteurl) if found.fmt != "WEBP" else ""
    own = _srcset(found, found.fmt, siteurl)
    source = (f'<source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">'
              if webp else "")
    return Markup(f'<picture>{source}<img src="{src}" srcset="{escape(own)}" '
                  f'sizes="{escape(sizes)}" width="{found.width}" height="{found.height}" '
                  f'alt=""{loading}></picture>')


SHARED_WIDTH = 640  # what feeds, the open data and the sitemap point to


def shared_copy(path: str) -> str:
    """The copy of the photo at `path` that other sites and readers get (feed
    enclosures, the open data, the sitemap): the widest one up to SHARED_WIDTH in the
    source's format (JPEG for a camera photo); `path` itself for a file that is no
    processed photo."""
    found = PUBLISHED.get(path)
    if found is None:
        return path
    fitting = [(width, save_as) for save_as, width, fmt in found.sources
               if fmt == found.fmt and width <= SHARED_WIDTH]
    return max(fitting)[1] if fitting else path


def in_body(html: str, siteurl: str) -> str:
    """Each `{static}` photo of a body as a <picture> (its src stays for Pelican)."""
    if "{static}/" not in html:
        return html

    def replace(match: re.Match) -> str:
        found = PUBLISHED.get(match["path"])
        if found is None:
            return match[0]
        attributes = f'{match["before"]}{match["after"]}'.rstrip(" /")
        webp = _srcset(found, "WEBP", siteurl) if found.fmt != "WEBP" else ""
        source = (f'<source type="image/webp" srcset="{escape(webp)}" sizes="{BODY_SIZES}">'
                  if webp else "")
        return (f'<picture>{source}<img{attributes} src="{{static}}/{match["path"]}" '
                f'srcset="{escape(_srcset(found, found.fmt, siteurl))}" sizes="{BODY_SIZES}" '
                f'width="{found.width}" height="{found.height}"></picture>')

    return _BODY_IMAGE.sub(replace, html)
