"""What Vietnamese readers type finds the article they mean, through Pelican builds
and the real WSGI app: syllables standing together rank above scattered ones (exact
accents above other accents), numbers with or without dots, the statistics unit and
the source, old and new tone placement, and every title of the sample site."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, run_pelican, write_article
from search_index.indexer import MAX_BODY_CHARS
from search_index.searching import SearchEngine
from search_index.service import create_app
from search_kit import PLUGINS, api, call

pytestmark = pytest.mark.build

CATEGORY = ("Tin tức", "tin-tuc")
LONG_BODY = " ".join(["Công tác xây dựng đảng ở cơ sở."] * (MAX_BODY_CHARS // 30 + 100))

# slug -> (fields, body)
ARTICLES = {
    # A name standing together (accented), the same syllables in other accents standing
    # together in a short title (scored higher), and scattered through a title.
    "ten-dung-lien": ({"Title": "Gương sáng trong công tác dân vận ở cơ sở"},
                      "Đồng chí Đàn Văn Khéo, Bí thư chi bộ thôn, luôn gần dân, sát dân. "
                      "Chi bộ thôn được đánh giá hoàn thành tốt nhiệm vụ nhiều năm liền."),
    "ten-khac-dau": ({"Title": "Dân văn khéo"},
                     "Mô hình dân văn khéo của hội phụ nữ xã."),
    "ten-roi-rac": ({"Title": "Đàn hát, văn nghệ khéo léo mừng Đảng"},
                    "Tiếng đàn, lời ca khéo léo; chương trình văn nghệ mừng Đảng."),
    "tu-tuong": ({"Title": "Học tập tư tưởng của Bác"},
                 "Cán bộ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."),
    "ho-nuoc": ({"Title": "Hồ nước, chí khí và sự minh bạch"},
                "Hồ nước trong xanh. Chí khí người chiến sĩ. Minh bạch trong công tác, "
                "minh bạch tài chính; hồ sơ minh bạch."),
    "so-lieu": ({"Title": "Tổng kết công tác phát triển đảng viên"},
                "Toàn Đảng bộ hiện có 7.335 đảng viên, sinh hoạt tại 1.250 chi bộ."),
    "thong-ke": ({"Title": "Kết quả kết nạp trong năm", "Source": "Báo Thái Nguyên",
                  "Stats_Unit": "Đảng bộ xã Tân Khánh Trung", "Stats_Period": "2020",
                  "Stats_Target": "25", "Stats_Members": "412"},
                 "Năm qua, đơn vị hoàn thành chỉ tiêu được giao."),
    "hoa-binh": ({"Title": "Giữ vững hoà bình, ổn định ở địa bàn"},
                 "Lực lượng công an góp phần giữ gìn hoà bình, ổn định ở cơ sở; Tỉnh uỷ "
                 "ghi nhận."),
    "hoa-xuan": ({"Title": "Hoa xuân"}, "Hoa mai, hoa đào, hoa cúc nở rộ; hoa khoe sắc."),
    "uy-tin": ({"Title": "Uy tín"}, "Uy tín của người đảng viên; uy tín là gốc."),
    "bai-rat-dai": ({"Title": "Báo cáo rất dài"}, LONG_BODY + " kếtthúcriêngbiệt"),
    # A title whose words are all in a longer title, whose article says them more often.
    "phan-cong": ({"Title": "Hội nghị phân công an ninh ở cơ sở"},
                  "Hội nghị bàn việc phân công nhiệm vụ."),
    "phan-cong-phu-binh": ({"Title": "Hội nghị phân công an ninh ở cơ sở tại Phú Bình"},
                           "Hội nghị phân công an ninh ở cơ sở: an ninh cơ sở, phân công "
                           "rõ người, hội nghị thống nhất phân công an ninh ở cơ sở."),
}


def url(slug: str) -> str:
    return f"/{CATEGORY[1]}/{slug}.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("findability")
    for slug, (fields, body) in ARTICLES.items():
        write_article(root / "content", f"{slug}.md", body, Slug=slug, Category=CATEGORY[0],
                      **fields)
    build = run_pelican(root / "content", root / "output", overrides=PLUGINS)
    assert build.returncode == 0, build.log
    return build, root / "search_index"


@pytest.fixture(scope="module")
def app(site):
    return create_app(site[1], check_interval=0)


def ranked(app, text: str) -> list[str]:
    return [hit["url"] for hit in api(app, "q=" + quote(text))["results"]]


def test_a_name_standing_together_ranks_above_its_syllables_scattered(app):
    unaccented = ranked(app, "dan van kheo")
    assert set(unaccented[:2]) == {url("ten-dung-lien"), url("ten-khac-dau")}
    assert url("ten-roi-rac") in unaccented[2:]
    accented = ranked(app, "Đàn Văn Khéo")
    # As typed together, then in other accents together, then scattered.
    assert accented.index(url("ten-dung-lien")) == 0
    assert accented.index(url("ten-khac-dau")) < accented.index(url("ten-roi-rac"))


@pytest.mark.parametrize("text", ["ho chi minh", "Hồ Chí Minh", "HO CHI MINH"])
def test_ho_chi_minh_finds_the_article_where_the_name_stands(app, text):
    found = ranked(app, text)
    assert found[0] == url("tu-tuong"), found
    assert url("ho-nuoc") in found  # it holds the syllables too, apart


@pytest.mark.parametrize("text", ['"dan van kheo"', '"Đàn Văn Khéo"', '"van kheo"'])
def test_a_quoted_name_finds_only_where_it_stands(app, text):
    assert url("ten-roi-rac") not in ranked(app, text)
    assert url("ten-dung-lien") in ranked(app, text)


@pytest.mark.parametrize("text", ["7335", "7.335", "1250", "1.250", '"7335 đảng viên"'])
def test_numbers_are_found_with_or_without_their_dots(app, text):
    assert ranked(app, text) == [url("so-lieu")]


@pytest.mark.parametrize("text", ["Tân Khánh Trung", "tan khanh trung", "Báo Thái Nguyên",
                                  "bao thai nguyen"])
def test_the_statistics_unit_and_the_source_are_searched(app, text):
    assert ranked(app, text) == [url("thong-ke")]


@pytest.mark.parametrize("text", ["hòa", "hoà", "HÒA", "hòa bình", "hoà bình"])
def test_old_and_new_tone_placement_are_the_same_word(app, text):
    found = ranked(app, text)
    assert found[0] == url("hoa-binh"), found


@pytest.mark.parametrize("text", ["ủy", "uỷ", "tỉnh ủy"])
def test_uy_in_either_placement_ranks_the_exact_word_first(app, text):
    assert ranked(app, text)[0] == url("hoa-binh")


def test_snippets_mark_the_word_in_the_other_tone_placement(app):
    result = api(app, "q=" + quote("hòa bình"))["results"][0]
    assert "<mark>hoà</mark>" in result["snippet"]


def test_a_title_typed_whole_finds_its_article_before_a_longer_title(app):
    assert ranked(app, "Hội nghị phân công an ninh ở cơ sở")[:2] == \
        [url("phan-cong"), url("phan-cong-phu-binh")]
    assert ranked(app, "hoi nghi phan cong an ninh o co so tai phu binh")[0] == \
        url("phan-cong-phu-binh")


def test_a_body_over_the_cap_is_indexed_in_part_and_reported(site, app):
    build, _ = site
    warnings = [line for line in build.log.splitlines() if "bai-rat-dai.md" in line]
    assert warnings and f"first {MAX_BODY_CHARS}" in warnings[0], build.log[-3000:]
    assert ranked(app, "báo cáo rất dài") == [url("bai-rat-dai")]
    assert ranked(app, "kếtthúcriêngbiệt") == []


def test_a_query_whoosh_cannot_parse_gets_the_results_page_with_a_message(app):
    page = call(app, "/search", "q=" + quote("a ANDNOT ANDNOT b"))
    assert page.status == 200
    soup = BeautifulSoup(page.text, "html.parser")
    messages = [p.get_text() for p in soup.select(".search-message")]
    assert any("Không hiểu được từ khóa" in message for message in messages), messages
    assert soup.find("input", attrs={"name": "q"})["value"] == "a ANDNOT ANDNOT b"


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample-site")
    build = run_pelican(CONTENT, root / "output", overrides=PLUGINS)
    assert build.returncode == 0, build.log
    return root / "search_index"


def test_every_unique_title_of_the_sample_site_finds_its_own_article_first(sample_index):
    engine = SearchEngine(sample_index, cache_size=0)
    app = create_app(sample_index, check_interval=0)
    with engine.generation().searcher() as searcher:
        stored = [fields for fields in searcher.all_stored_fields()
                  if fields.get("kind") == "article"]
    titles = [fields["title"] for fields in stored]
    unique = [fields for fields in stored if titles.count(fields["title"]) == 1]
    assert len(unique) >= 25
    misses = [(fields["title"], ranked(app, fields["title"])[:3]) for fields in unique
              if ranked(app, fields["title"])[:1] != ["/" + fields["url"]]]
    assert misses == []
