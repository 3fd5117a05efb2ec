"""Development settings: `make html`, `make serve`, and the base of publishconf.py."""

SITENAME = "Xây dựng Đảng – Công an tỉnh Hải Dương"
SITE_UNIT = "Đảng bộ Công an tỉnh Hải Dương"
SITE_MOTTO = "ĐOÀN KẾT – DÂN CHỦ – KỶ CƯƠNG – TRÁCH NHIỆM – HIỆU QUẢ"
SITE_DESCRIPTION = (
    "Trang tin công tác xây dựng Đảng và phát triển đảng viên của Đảng bộ Công an tỉnh Hải Dương"
)
CONTACT_EMAIL = "bantuyengiao@example.vn"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"  # unused by the theme: dates go through vn_format filters
# Markdown only: docutils has no 'vi' localisation, and an .html file would be read past
# the editors' contract (raw scripts and all); portal_content reports such files.
READERS = {"rst": None, "html": None, "htm": None}
DEFAULT_PAGINATION = 10


def newest_first(article):
    """Newest first; articles of the same minute by slug (unique). Pelican reads the
    files in set order, random per run, so equal dates alone would reorder lists from
    one build to the next (and re-render every page that shows them)."""
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = newest_first
ARTICLE_TRANSLATION_ID = None  # one language; duplicate slugs are errors (portal_content)
PAGE_TRANSLATION_ID = None
# auto_reload off: each build makes new environments anyway, and with it on every
# {% include %} of every page stat()s the template file again.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
                     "auto_reload": False}

# Extra navigation entries after the sections: (label, URL relative to SITEURL).
MENU_LINKS = [("Thống kê", "thong-ke/"), ("Giới thiệu", "gioi-thieu/"), ("Liên hệ", "lien-he/")]
SUMMARY_MAX_LENGTH = None  # summaries come from metadata or the first paragraph

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "portal_content",
    "vn_format",
    "theme_assets",
    "admission_stats",
    "feeds",
    # After the plugins that fill the context (feeds, admission_stats): the search
    # page's shared partials are rendered from it when indexing starts.
    "search_index",
    "pelican.plugins.sitemap",
]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "portal_content.figures": {},
    },
    "output_format": "html5",
}

# URLs: Vietnamese slugs, directories so pagination never collides.
ARTICLE_URL = "{category}/{slug}.html"
ARTICLE_SAVE_AS = "{category}/{slug}.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = "tac-gia/index.html"
INDEX_URL = ""
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404"]
PAGINATED_TEMPLATES = {
    "index": None, "category": None, "tag": None, "author": None, "archives": None,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# Pelican's own feeds are off: the feeds plugin writes them with feedgen.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
FEED_ATOM = None
FEED_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# portal_content: False reports content errors and builds the rest; True fails the build.
PORTAL_STRICT = False
# The sections (chuyên mục): the name readers see, which an article's Category (Chuyên
# mục) must spell exactly, and its folder under content/articles/ (where `make new`
# writes). A category that is not declared here is an error.
PORTAL_SECTIONS = [
    ("Phát triển đảng viên", "phat-trien-dang-vien"),
    ("Xây dựng Đảng", "xay-dung-dang"),
    ("Tin hoạt động", "tin-hoat-dong"),
    ("Gương điển hình", "guong-dien-hinh"),
    ("Học tập và làm theo Bác", "hoc-tap-va-lam-theo-bac"),
]
# Content messages for editors in Vietnamese; "en" for developers (or `make check LANG=en`).
PORTAL_MESSAGES_LANGUAGE = "vi"

SITEMAP = {"format": "xml", "exclude": [r"^404\.html$"]}

# feeds: RSS 2.0 allows only GIF/JPEG/PNG as the channel image.
FEEDS_RSS_IMAGE = "theme/img/emblem-144.png"

# Pelican's content cache (the default "reader" layer: content_object_init still runs
# for every article, so portal_content and admission_stats see cached ones too): a
# rebuild re-reads and re-renders the Markdown of changed files only. Stamps are file
# mtimes; `rm -rf cache` (or `pelican --ignore-cache`) after changing MARKDOWN settings or
# the figures extension.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
GZIP_CACHE = False  # compressing the cache cost more than reading it saved
# portal_content: a rebuild leaves pages whose inputs did not change as they are
# (plugins/portal_content/incremental.py); on whenever the content cache is.
PORTAL_SKIP_UNCHANGED_PAGES = True
