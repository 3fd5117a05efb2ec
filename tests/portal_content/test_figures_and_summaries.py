"""Captioned figures from Markdown photos, summaries from the first paragraph."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from portal_content.summaries import first_paragraph

pytestmark = pytest.mark.unit


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["portal_content.figures"])
    return BeautifulSoup(html, "html.parser")


def test_photo_alone_in_a_paragraph_becomes_a_figure():
    soup = render("Đoạn đầu.\n\n![Lễ kết nạp đảng viên](anh.svg)\n\nĐoạn sau.")
    figure = soup.find("figure")
    assert figure.find("img")["src"] == "anh.svg"
    assert figure.find("img")["alt"] == ""  # the caption describes it: not read twice
    assert figure.find("figcaption").get_text() == "Lễ kết nạp đảng viên"
    assert [p.get_text() for p in soup.find_all("p")] == ["Đoạn đầu.", "Đoạn sau."]


def test_caption_is_escaped():
    soup = render('![<script>x</script> & "ảnh"](a.svg)')
    assert soup.find("script") is None
    assert "&" in soup.find("figcaption").get_text()


def test_inline_photo_in_text_stays_inline():
    soup = render("Xem ảnh ![nhỏ](a.svg) trong câu.")
    assert soup.find("figure") is None
    assert soup.find("p").find("img") is not None


def test_photo_without_alt_has_no_empty_caption():
    soup = render("![](a.svg)")
    assert soup.find("figure") is not None
    assert soup.find("figcaption") is None


def test_first_paragraph_skips_empty_and_photo_paragraphs():
    html = "<p> </p><p><img src='a.svg'/></p><p>Đoạn <strong>đầu</strong>.</p><p>Hai.</p>"
    assert first_paragraph(html) == "Đoạn <strong>đầu</strong>."
    assert first_paragraph("<h3>Tiêu đề</h3><ul><li>mục</li></ul>") == ""


def test_related_are_the_newest_others_of_the_same_section():
    from types import SimpleNamespace

    from portal_content.content_objects import attach_related

    a = [SimpleNamespace(category="A", n=i) for i in range(9)]  # newest first
    b = [SimpleNamespace(category="B", n=i) for i in range(2)]
    hidden = SimpleNamespace(category="A", n=99)
    attach_related([a[0], b[0], *a[1:], b[1]], [hidden], count=6)
    assert [x.n for x in a[0].related] == [1, 2, 3, 4, 5, 6]
    assert [x.n for x in a[8].related] == [0, 1, 2, 3, 4, 5]
    assert [x.n for x in a[3].related] == [0, 1, 2, 4, 5, 6]
    assert b[0].related == [b[1]] and b[1].related == [b[0]]
    assert [x.n for x in hidden.related] == [0, 1, 2, 3, 4, 5]


def _article(body: str, **metadata):
    """A Pelican Article made as the generator makes one, refreshed as Pelican refreshes
    it after every generator's context (refresh_metadata_intersite_links); portal_content's
    content_object_init handler run by hand (no plugin is connected in unit tests)."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from portal_content.content_objects import check_made_article, enrich

    settings = {**DEFAULT_CONFIG, "PATH": "/site/content", "SUMMARY_MAX_LENGTH": None}
    article = Article(body, metadata={"title": "Tiêu đề", **metadata}, settings=settings,
                      source_path="/site/content/articles/a.md",
                      context={"generated_content": {}, "static_content": {}})
    check_made_article(article)
    enrich(article)
    article.refresh_metadata_intersite_links()
    return article


@pytest.fixture
def report(monkeypatch):
    from portal_content import content_objects
    from portal_content.build_report import BuildReport

    fresh = BuildReport()
    monkeypatch.setattr(content_objects, "REPORT", fresh)
    return fresh


def test_without_a_summary_field_listings_get_the_first_paragraph(report):
    article = _article("<p><img src='a.svg'/></p><p>Đoạn đầu.</p><p>Đoạn hai.</p>")
    assert article.lead == ""  # the body's own paragraph: not printed twice on its page
    assert article.summary == article.metadata["summary"] == "Đoạn đầu."


def test_a_summary_field_is_the_lead_and_the_summary(report):
    article = _article("<p>Đoạn đầu.</p>", summary="<p>Sapo.</p>")
    assert article.lead == "<p>Sapo.</p>"
    assert article.summary == "<p>Sapo.</p>"


def test_a_summary_from_an_older_readers_cache_stays_clean_after_pelicans_refresh(report):
    """Pelican keeps a copy of the summary it was made with (`_summary`) and copies it
    back at refresh_metadata_intersite_links: the cleaned summary must be that copy."""
    article = _article("<p>Đoạn đầu.</p>",
                       summary='<p>Sapo<script>alert(1)</script><img src=x onerror="a()"></p>')
    assert "script" not in article.summary and "onerror" not in article.summary
    assert "script" not in article.metadata["summary"]
    assert [v.key for v in report.violations] == ["summary"]
