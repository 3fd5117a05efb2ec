"""Camera photos as editors have them: published upright, without any metadata (GPS
above all), no wider than the theme shows them, never as the original file; bad ones
named and refused by a publish; nothing processed twice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import copy_images, run_pelican, write_article
from photos.plugin import LAST_BUILD
from PIL import Image, TiffImagePlugin

pytestmark = pytest.mark.build

PLUGINS = ["portal_content", "photos", "vn_format", "theme_assets", "feeds", "portal_meta"]
SITE = {"PLUGINS": PLUGINS, "SITEURL": "https://example.vn"}
GPS_IFD, EXIF_IFD = 0x8825, 0x8769


def camera_jpeg(path: Path, size=(4000, 3000), orientation: int = 6) -> bytes:
    """A phone photo: orientation 6 (turn 90° clockwise to view), camera model, GPS."""
    image = Image.new("RGB", size, (200, 30, 30))
    for x in range(0, size[0], 400):  # some detail, so the JPEG is not trivially small
        image.paste((20, 20 + x % 200, 160), (x, 0, x + 120, size[1] // 3))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SAMSUNG"
    exif[0x0110] = "SM-A536E"
    exif.get_ifd(GPS_IFD).update({
        1: "N", 2: (TiffImagePlugin.IFDRational(20), TiffImagePlugin.IFDRational(56),
                    TiffImagePlugin.IFDRational(12)),
        3: "E", 4: (TiffImagePlugin.IFDRational(106), TiffImagePlugin.IFDRational(19),
                    TiffImagePlugin.IFDRational(48))})
    image.save(path, "JPEG", quality=95, exif=exif, comment=b"Ha Duong 2024")
    return path.read_bytes()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photos")
    content = root / "content"
    copy_images(content)
    images = content / "images"
    originals = {"camera.jpg": camera_jpeg(images / "camera.jpg")}
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (100, 50, 500, 250))
    logo.save(images / "logo.png")
    originals["logo.png"] = (images / "logo.png").read_bytes()
    (images / "hong.jpg").write_bytes(originals["camera.jpg"][:5000])  # cut short
    (images / "trang.jpg").write_text("<html><body>không phải ảnh</body></html>")
    Image.new("L", (10000, 6000)).save(images / "khong-lo.png")  # 60 megapixels
    write_article(content, "anh-nho.md", Title="Bài ảnh nhỏ", Image="images/logo.png",
                  Date="2022-05-01 08:00")
    write_article(content, "co-anh.md", "Ảnh trong bài:\n\n![Lễ kết nạp]({static}/images/"
                  "camera.jpg)\n", Title="Bài có ảnh", Image="images/camera.jpg",
                  Image_Caption="Lễ kết nạp đảng viên")
    first = run_pelican(content, root / "output", overrides=SITE)
    assert first.returncode == 0, first.log
    root.joinpath("after-first.json").write_text(json.dumps(stamps(root)))
    root.joinpath("work-first.json").write_bytes(
        (root / "output-cache" / "photos" / LAST_BUILD).read_bytes())
    second = run_pelican(content, root / "output", overrides=SITE)
    return root, first, second, originals


def stamps(root: Path) -> dict[str, int]:
    """Each processed file in the cache and in the output, with its modification time."""
    found = [*(p for p in (root / "output-cache" / "photos").iterdir()
               if p.suffix in (".jpg", ".png", ".webp")),
             *(root / "output" / "images").glob("*.[jpw][pne][gb]*")]
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in found}


def test_no_published_file_carries_metadata_or_equals_an_original(site):
    root, first, _, originals = site
    images = sorted((root / "output" / "images").glob("*.[jpw][pne][gb]*"))
    assert {p.name for p in images if "-" not in p.name} == {"camera.jpg", "logo.png"}
    for path in images:
        assert path.read_bytes() not in originals.values()
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif and not exif.get_ifd(GPS_IFD), path
            assert not {"exif", "icc_profile", "comment", "xmp", "dpi"} & set(image.info), (
                path, image.info)
    data = b"".join(p.read_bytes() for p in (root / "output").rglob("*") if p.is_file())
    assert b"SAMSUNG" not in data and b"SM-A536E" not in data and b"Ha Duong" not in data


def test_the_photo_is_upright_and_no_wider_than_the_theme_shows(site):
    root, *_ = site
    with Image.open(root / "output" / "images" / "camera.jpg") as image:
        assert image.size == (1280, 1707)  # 4000×3000 turned to 3000×4000, then 1280 wide
        assert image.getpixel((640, 1700))[0] > 150  # the red that was on the right side
    camera = (root / "output" / "images" / "camera.jpg").stat().st_size
    assert camera < 400_000, camera


def test_transparency_survives(site):
    root, *_ = site
    with Image.open(root / "output" / "images" / "logo.png") as image:
        assert image.mode == "RGBA" and image.getpixel((10, 10))[3] == 0


@pytest.mark.parametrize(("name", "text"), [
    ("hong.jpg", "ảnh bị hỏng hoặc không trọn vẹn"),
    ("trang.jpg", "tệp có đuôi ảnh nhưng không phải ảnh"),
    ("khong-lo.png", "ảnh 10000×6000 điểm ảnh, quá giới hạn 50 triệu điểm ảnh"),
])
def test_bad_photos_are_named_and_left_out(site, name, text):
    root, first, *_ = site
    assert any(line.startswith(f"images/{name}: ") and text in line
               for line in first.log.splitlines()), first.log
    assert not (root / "output" / "images" / name).exists()


def test_a_second_build_processes_nothing(site):
    """The cache holds each copy of each good photo once; the second build wrote none of
    them again, in the cache or in the output."""
    root, *_ = site
    work = [json.loads(path.read_text()) for path in (
        root / "work-first.json", root / "output-cache" / "photos" / LAST_BUILD)]
    assert [(w["processed"], w["from_cache"]) for w in work] == [(2, 0), (0, 2)]
    spare = (os.cpu_count() or 1) > 1  # then new photos start while articles are read
    assert [w["started_early"] for w in work] == [2 if spare else 0, 0]
    after_first = json.loads(root.joinpath("after-first.json").read_text())
    assert len([k for k in after_first if "photos" in k]) == 8 + 4  # camera 8, logo 4
    assert stamps(root) == after_first


def test_a_publish_refuses_bad_photos(site, tmp_path):
    root, *_ = site
    strict = run_pelican(root / "content", tmp_path / "out", conf="publishconf.py",
                         overrides=SITE)
    assert strict.returncode != 0
    assert "images/trang.jpg: " in strict.log


def test_the_article_links_the_processed_photo(site):
    _, first, *_ = site
    page = first.soup("phat-trien-dang-vien/bai-co-anh.html")
    sources = {img["src"].rsplit("/", 1)[-1] for img in page.find_all("img")}
    assert "camera.jpg" in sources


def test_the_feed_encloses_the_published_photo_with_its_real_length(site):
    import feedparser

    root, *_ = site
    entries = feedparser.parse(str(root / "output" / "feeds" / "all.rss.xml")).entries
    [entry] = [e for e in entries if e.link.endswith("/bai-co-anh.html")]
    [enclosure] = entry.enclosures
    assert enclosure.href == "https://example.vn/images/camera-640.jpg"  # mid-size
    published = root / "output" / "images" / "camera-640.jpg"
    assert int(enclosure.length) == published.stat().st_size
    assert enclosure.type == "image/jpeg"
    with Image.open(published) as image:
        assert image.size == (640, 854) and not image.getexif()


def test_open_data_and_sitemap_point_to_the_mid_size_copy(site):
    root, *_ = site
    records = json.loads((root / "output" / "du-lieu" / "bai-viet.json").read_text("utf-8"))
    [record] = [r for r in records["articles"] if r["url"].endswith("/bai-co-anh.html")]
    assert record["image"] == "https://example.vn/images/camera-640.jpg"
    sitemap = (root / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert ("<lastmod>2022-04-19T16:27:00+07:00</lastmod><image:image><image:loc>"
            "https://example.vn/images/camera-640.jpg</image:loc></image:image>") in sitemap
    # a PNG keeps its format (and its transparency); 600 px wide: its own width
    assert "<image:loc>https://example.vn/images/logo.png</image:loc>" in sitemap


def test_every_width_is_published_as_webp_and_jpeg_never_wider_than_the_original(site):
    root, *_ = site
    images = root / "output" / "images"
    for width in (320, 640, 960):
        for suffix in ("jpg", "webp"):
            with Image.open(images / f"camera-{width}.{suffix}") as image:
                assert image.width == width and not image.getexif()
                assert image.height == round(1707 * width / 1280)
    assert (images / "camera-1280.webp").is_file()
    assert not (images / "camera-1280.jpg").exists()  # camera.jpg is that one
    assert {p.name for p in images.glob("logo*")} == {  # 600 px wide: no copy wider
        "logo.png", "logo-320.png", "logo-320.webp", "logo-600.webp"}


def test_markup_has_srcset_sizes_and_the_displayed_size(site):
    _, first, *_ = site
    page = first.soup("phat-trien-dang-vien/bai-co-anh.html")
    lead, body = page.find_all("picture")[:2]
    for picture in (lead, body):
        img, source = picture.find("img"), picture.find("source")
        assert (img["width"], img["height"]) == ("1280", "1707")
        assert source["type"] == "image/webp" and img.get("sizes") and source.get("sizes")
        widths = [int(c.split()[1].rstrip("w")) for c in img["srcset"].split(",")]
        assert widths == [1280, 320, 640, 960]
        assert all(c.split()[0].endswith(".webp") for c in source["srcset"].split(","))
    assert "loading" not in lead.find("img").attrs  # the page's lead photo: at once
    assert body.find("img")["loading"] == "lazy"
    assert body.find_parent("figure").find("figcaption").get_text() == "Lễ kết nạp"


def test_a_lead_photo_too_small_for_its_slot_is_a_warning(site):
    _, first, *_ = site
    assert ("articles/anh-nho.md:6: Image: cảnh báo: ảnh đại diện chỉ rộng 600 điểm ảnh"
            in first.log)
    assert "articles/co-anh.md:6: Image: cảnh báo" not in first.log
