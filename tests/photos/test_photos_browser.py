"""A phone's browser fetches only the photo copies it needs: on the home page at 360 px
every photo Chromium loads is the smallest copy that covers its slot, never the widest
copy, never an original."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import chromium_browser, static_server
from conftest import copy_images, run_pelican, write_article
from PIL import Image

pytestmark = pytest.mark.e2e

SITE = {"PLUGINS": ["portal_content", "photos", "vn_format", "theme_assets", "feeds",
                    "portal_meta"]}
COPY = re.compile(r"/images/(?P<name>camera-\d)-(?P<width>\d+)\.(?P<kind>webp|jpg)$")

# Each <img> as laid out: the copy it shows, the slot's width, and its candidates.
IMAGES_JS = """() => [...document.querySelectorAll('img')].map(img => {
  const source = img.closest('picture')?.querySelector('source[type="image/webp"]');
  const srcset = (source && img.currentSrc.endsWith('.webp')) ? source.srcset : img.srcset;
  return {current: img.currentSrc, slot: img.getBoundingClientRect().width,
          candidates: srcset ? srcset.split(',').map(c => parseInt(c.trim().split(' ')[1]))
                             : []};
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("photos-browser")
    content = root / "content"
    copy_images(content)
    for number in range(6):  # a big card and small ones on the home page
        image = Image.new("RGB", (2400, 1600), (40 * number, 90, 160))
        image.paste((230, 230, 230), (0, 0, 800, 600))
        image.save(content / "images" / f"camera-{number}.jpg", quality=90)
        write_article(content, f"bai-{number}.md", Title=f"Bài có ảnh số {number}",
                      Slug=f"bai-co-anh-{number}", Date=f"2022-05-0{number + 1} 08:00",
                      Image=f"images/camera-{number}.jpg", Image_Caption="Lễ kết nạp")
    build = run_pelican(content, root / "output", overrides=SITE)
    assert build.returncode == 0, build.log
    return root / "output"


@pytest.mark.parametrize("scale", [1, 2])
def test_home_at_360_px_fetches_only_copies_no_wider_than_needed(site, tmp_path, scale):
    phone = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": scale}
    with static_server(site) as base, chromium_browser(tmp_path, **phone) as browser:
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: request.resource_type == "image"
                and fetched.append(request.url))
        page.goto(base + "/", wait_until="networkidle")
        page.mouse.wheel(0, 20000)  # the lazy ones below the fold too
        page.wait_for_load_state("networkidle")
        images = [i for i in page.evaluate(IMAGES_JS) if "/images/camera-" in i["current"]]
        page.close()

    assert len(images) == 6
    photos = [url for url in fetched if "/images/camera-" in url]
    assert photos and all(COPY.search(url) for url in photos), photos  # copies only
    assert len(photos) == len(set(photos)) == len(images)  # one copy per photo
    for image in images:
        found = COPY.search(image["current"])
        assert found and found["kind"] == "webp", image
        needed = image["slot"] * scale
        fitting = [w for w in image["candidates"] if w >= needed]
        smallest = min(fitting) if fitting else max(image["candidates"])
        assert int(found["width"]) <= smallest, (image, needed)
        assert int(found["width"]) < max(image["candidates"]), image  # never the widest
