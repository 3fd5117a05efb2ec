"""SVG drawings: nothing in one can run or reach outside the site. A clean drawing is
published as it is; an active or outside part is left out and named (a publish
refuses the file); a drawing that cannot be read safely is not published."""

from __future__ import annotations

import pytest
from conftest import CONTENT, run_pelican, write_article
from photos.svg import clean_svg

pytestmark = pytest.mark.build

SITE = {"PLUGINS": ["portal_content", "photos", "vn_format", "theme_assets"],
        "SITEURL": "https://example.vn"}
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
PLAIN = (OPEN + 'viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"/>'
         '</linearGradient></defs><rect width="10" height="10" fill="url(#g)" '
         'style="stroke:#b71c1c"/><use href="#g"/><text x="1" y="5">Chi bộ</text></svg>')
# name -> (drawing, a fragment of what is named, a marker no published file may hold)
HOSTILE = {
    "script": (OPEN + '><script>alert("xdau")</script><rect width="1"/></svg>',
               "<script>", "alert("),
    "handler": (OPEN + '><rect width="1" onclick="xdauclick()"/></svg>',
                'onclick="xdauclick()"', "xdauclick"),
    "load": (OPEN + 'onload="xdauload()"><rect width="1"/></svg>', "onload=", "xdauload"),
    "javascript-link": (OPEN + '><a href="javascript:xdaujs()"><rect width="1"/></a></svg>',
                        "href=", "xdaujs"),
    "outside-use": (OPEN + '><use xlink:href="https://example.com/x.svg#xdauuse"/></svg>',
                    "href=", "xdauuse"),
    "outside-image": (OPEN + '><image href="https://example.com/xdauimg.png"/></svg>',
                      "href=", "xdauimg"),
    "foreign": (OPEN + '><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">xdauhtml</p>'
                '</foreignObject></svg>', "<foreignObject>", "xdauhtml"),
    "css-import": (OPEN + '><style>@import url(https://example.com/xdaucss.css);</style>'
                   '<rect width="1"/></svg>', "<style>", "xdaucss"),
    "css-url": (OPEN + '><rect width="1" fill="url(https://example.com/xdaufill#p)"/></svg>',
                "fill=", "xdaufill"),
    "animate": (OPEN + '><a><set attributeName="href" to="javascript:xdauset()"/></a></svg>',
                "<set>", "xdauset"),
}
BOMB = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "xdaubomb"><!ENTITY b "&a;&a;&a;">]>'
        + OPEN + '><text>&b;</text></svg>')
STYLESHEET = ('<?xml-stylesheet href="https://example.com/xdaupi.css"?>' + OPEN
              + '><rect width="1"/></svg>')
INKSCAPE = (OPEN + 'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
            'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
            'inkscape:version="1.2"><sodipodi:namedview id="v"/><metadata>xdaumeta</metadata>'
            '<rect width="1" inkscape:label="Lớp 1"/></svg>')


def test_links_to_web_pages_stay():
    drawing = (OPEN + '><a href="https://example.vn/tin.html"><rect width="1"/></a>'
               '<a href="tin.html"><rect width="2"/></a></svg>').encode()
    assert clean_svg(drawing).data == drawing


def test_a_plain_drawing_is_kept_byte_for_byte():
    cleaned = clean_svg(PLAIN.encode())
    assert cleaned.data == PLAIN.encode() and not cleaned.unsafe and not cleaned.metadata


def test_the_sample_drawings_are_all_plain():
    for path in (CONTENT / "images").glob("*.svg"):
        cleaned = clean_svg(path.read_bytes())
        assert cleaned.data == path.read_bytes() and not cleaned.unsafe, path.name


@pytest.mark.parametrize("name", list(HOSTILE))
def test_active_and_outside_parts_are_named_and_left_out(name):
    drawing, named, marker = HOSTILE[name]
    cleaned = clean_svg(drawing.encode())
    assert cleaned.data is not None and marker.encode() not in cleaned.data
    assert any(named in item for item in cleaned.unsafe), cleaned.unsafe
    assert b"<svg" in cleaned.data  # still a drawing


@pytest.mark.parametrize("drawing", [BOMB, STYLESHEET, "<svg", "<html><body>x</body></html>",
                                     '<svg xmlns="http://example.com/not-svg"/>'])
def test_what_cannot_be_read_safely_is_not_published(drawing):
    assert clean_svg(drawing.encode()).data is None


def test_a_drawing_programs_metadata_is_removed_and_only_noted():
    cleaned = clean_svg(INKSCAPE.encode())
    assert not cleaned.unsafe and b"xdaumeta" not in cleaned.data
    assert b"inkscape" not in cleaned.data and b"sodipodi" not in cleaned.data
    assert {"<namedview>", "<metadata>", "label", "version"} <= set(cleaned.metadata)
    assert b'<rect width="1"' in cleaned.data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("drawings")
    content = root / "content"
    images = content / "images"
    images.mkdir(parents=True)
    (images / "sach.svg").write_text(PLAIN, encoding="utf-8")
    (images / "kich-ban.svg").write_text(HOSTILE["script"][0] + "\n", encoding="utf-8")
    (images / "bom.svg").write_text(BOMB, encoding="utf-8")
    (images / "inkscape.svg").write_text(INKSCAPE, encoding="utf-8")
    body = "".join(f"![Hình {name}]({{static}}/images/{name}.svg)\n\n"
                   for name in ("sach", "kich-ban", "inkscape"))
    write_article(content, "hinh-ve.md", body, Title="Bài có hình vẽ", Image="images/sach.svg",
                  Image_Caption="Sách")
    return root, run_pelican(content, root / "output", overrides=SITE)


def test_the_build_publishes_each_drawing_as_checked_and_names_each_problem(site):
    root, build = site
    assert build.returncode == 0, build.log  # a dev build carries on
    images = root / "output" / "images"
    assert (images / "sach.svg").read_text(encoding="utf-8") == PLAIN
    assert b"alert(" not in (images / "kich-ban.svg").read_bytes()
    assert not (images / "bom.svg").exists()
    assert b"xdaumeta" not in (images / "inkscape.svg").read_bytes()
    lines = build.log.splitlines()
    assert any(line.startswith("images/kich-ban.svg: ") and "<script>" in line
               and "hình vẽ SVG có phần có thể chạy mã" in line for line in lines), build.log
    assert any(line.startswith("images/bom.svg: ") and "không đọc được" in line
               for line in lines), build.log
    assert any(line.startswith("images/inkscape.svg: cảnh báo: ") for line in lines), build.log
    published = b"".join(p.read_bytes() for p in (root / "output").rglob("*") if p.is_file())
    for marker in ("alert(", "xdaubomb", "xdaumeta"):
        assert marker.encode() not in published, marker


def test_a_publish_refuses_an_unsafe_drawing_but_not_metadata(site, tmp_path):
    root, _ = site
    strict = run_pelican(root / "content", tmp_path / "out", conf="publishconf.py",
                         overrides=SITE)
    assert strict.returncode != 0
    assert "images/kich-ban.svg: " in strict.log and "images/bom.svg: " in strict.log
    (root / "content" / "images" / "kich-ban.svg").unlink()
    (root / "content" / "images" / "bom.svg").unlink()
    article = root / "content" / "articles" / "hinh-ve.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "![Hình kich-ban]({static}/images/kich-ban.svg)\n", ""), encoding="utf-8")
    again = run_pelican(root / "content", tmp_path / "again", conf="publishconf.py",
                        overrides=SITE)
    assert again.returncode == 0, again.log  # the metadata warning does not stop it
