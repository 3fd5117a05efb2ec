"""The search service, a WSGI application.

    GET /search?q=…&page=N&category=…&year=…      results page in the site's theme
    GET /api/search?q=…&page=N&category=…&year=…  the same as JSON

`application` reads SEARCH_INDEX_DIR (the folder holding `current`, default
./search_index) and SEARCH_CHECK_SECONDS (how often to look for a swapped index,
default 1). `create_app(index_dir)` builds one explicitly.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import threading
from types import SimpleNamespace
from urllib.parse import urlencode

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader
from markupsafe import Markup
from upstream import whoosh_names
from vn_format import FILTERS
from vn_format.filters import iso_datetime

from .query import PAGE_SIZE, BadRequest, SearchRequest, parse_request
from .searching import Generation, IndexUnavailable, RecentCache, SearchEngine, SearchResult

logger = logging.getLogger(__name__)

SEARCH_PATHS = ("/search", "/search/")
API_PATHS = ("/api/search", "/api/search/")
UNAVAILABLE = "Chức năng tìm kiếm tạm thời chưa sẵn sàng. Vui lòng thử lại sau."
FAILED = "Đã có lỗi khi tìm kiếm. Vui lòng thử lại sau."
NOT_FOUND = "Không tìm thấy trang này."
METHOD_NOT_ALLOWED = "Chỉ hỗ trợ yêu cầu GET."
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           500: "Internal Server Error", 503: "Service Unavailable"}
RESPONSE_CACHE_SIZE = 256  # pages are ~20 KB each
PAGINATION_SPAN = 2  # pages linked on each side of the current one
MINIMAL_PAGE = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm</title>'
    '</head><body><main><h1>Tìm kiếm</h1><p role="alert">{message}</p></main></body></html>'
)


def create_app(index_dir, check_interval: float = 1.0, cache_size: int | None = None):
    whoosh_names.require()  # snippets and ranking rely on whoosh3 internals
    options = {} if cache_size is None else {"cache_size": cache_size}
    return SearchService(SearchEngine(index_dir, check_interval=check_interval, **options))


class SearchService:
    def __init__(self, engine: SearchEngine):
        self.engine = engine
        self.responses = RecentCache(RESPONSE_CACHE_SIZE)  # rendered 200 bodies
        self._environments: dict = {}  # generation path -> Jinja environment
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        is_api = path in API_PATHS
        try:
            if not is_api and path not in SEARCH_PATHS:
                return self._error(environ, start_response, 404, NOT_FOUND, is_api)
            if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
                return self._error(environ, start_response, 405, METHOD_NOT_ALLOWED, is_api)
            try:
                request = parse_request(environ.get("QUERY_STRING", ""))
            except BadRequest as error:
                return self._answer(environ, start_response, 400, error.request,
                                    SearchResult(error.request.text, 1, message=str(error)),
                                    is_api)
            try:
                generation = self.engine.generation()
            except IndexUnavailable:
                return self._error(environ, start_response, 503, UNAVAILABLE, is_api)
            try:
                body, _partial = self.responses.get_or_compute(
                    (str(generation.path), is_api, request),
                    lambda: self._body(generation, request, is_api),
                    keep=lambda answer: not answer[1])
            except IndexUnavailable:  # it failed, and no good generation is left
                return self._error(environ, start_response, 503, UNAVAILABLE, is_api)
            return _respond(environ, start_response, 200, body,
                            "application/json" if is_api else "text/html")
        except Exception:
            logger.exception("search request failed: %s?%s", path,
                             environ.get("QUERY_STRING", "")[:300])
            return self._error(environ, start_response, 500, FAILED, is_api)

    # Responses

    def _body(self, generation: Generation, request: SearchRequest, is_api: bool
              ) -> tuple[bytes, bool]:
        """The 200 body, and whether the result is partial (then not kept)."""
        result = self.engine.search(request)
        generation = self._generation_or_none() or generation  # the one that answered
        if is_api:
            return _json_bytes(result_json(request, result, _siteurl(generation))), result.partial
        return self._render(generation, request, result, 200).encode("utf-8"), result.partial

    def _answer(self, environ, start_response, status, request, result, is_api):
        generation = self._generation_or_none()
        if is_api:
            body = _json_bytes(result_json(request, result, _siteurl(generation)))
            return _respond(environ, start_response, status, body, "application/json")
        if generation is None:
            return self._error(environ, start_response, status, _messages(request, result)[0],
                               is_api)
        body = self._render(generation, request, result, status).encode("utf-8")
        return _respond(environ, start_response, status, body, "text/html")

    def _error(self, environ, start_response, status, message, is_api):
        if is_api:
            body = _json_bytes({**result_json(SearchRequest(), SearchResult("", 1), ""),
                                "message": message})
            return _respond(environ, start_response, status, body, "application/json")
        html = MINIMAL_PAGE.format(message=Markup.escape(message))
        try:
            generation = self._generation_or_none() if status != 503 else None
            if generation is not None:
                html = self._render(generation, SearchRequest(),
                                    SearchResult("", 1, message=message), status)
        except Exception:
            logger.exception("cannot render the search page")
        return _respond(environ, start_response, status, html.encode("utf-8"), "text/html")

    def _generation_or_none(self) -> Generation | None:
        try:
            return self.engine.generation()
        except IndexUnavailable:
            return None

    # The results page

    def _render(self, generation: Generation, request: SearchRequest, result: SearchResult,
                status: int) -> str:
        site = generation.site
        settings = site.get("settings", {})
        siteurl = settings.get("SITEURL", "")
        section = generation.section(request.category) if request.category else None
        filters = {"category": section.slug if section else request.category,
                   "year": request.year}
        context = {
            **settings,
            "categories": [(section, []) for section in generation.sections],
            "pages": [SimpleNamespace(**page) for page in site.get("pages", [])],
            "search_page": True,
            "search_query": request.text,
            "search_status": status,
            "search_messages": _messages(request, result),
            "search_total": result.total,
            "search_page_number": result.page,
            "search_pages": result.pages,
            "search_first_number": (result.page - 1) * PAGE_SIZE + 1,
            "search_results": [_hit_context(hit, siteurl) for hit in result.hits],
            "search_suggestion": result.suggestion,
            "search_suggestion_url": (_search_url(siteurl, result.suggestion, filters)
                                      if result.suggestion else None),
            "search_sections": generation.sections,
            "search_years": site.get("years", []),
            "search_category": filters["category"],
            "search_year": request.year,
            "search_pagination": _pagination(siteurl, request.text, filters, result),
        }
        return self._environment(generation).get_template("search.html").render(context)

    def _environment(self, generation: Generation) -> Environment:
        with self._lock:
            environment = self._environments.get(generation.path)
            if environment is None:
                environment = _make_environment(generation)
                self._environments = {generation.path: environment}  # only the newest
            return environment


def result_json(request: SearchRequest, result: SearchResult, siteurl: str) -> dict:
    messages = _messages(request, result)
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "results": [{
            "url": f"{siteurl}/{hit.url}",
            "title": hit.title,
            "date": iso_datetime(hit.date) if hit.date else None,
            "category": hit.category,
            "snippet": hit.snippet,
        } for hit in result.hits],
        "suggestion": result.suggestion,
        "message": " ".join(messages) if messages else None,
    }


def _messages(request: SearchRequest, result: SearchResult) -> list[str]:
    return [*request.notices, *([result.message] if result.message else [])]


def _hit_context(hit, siteurl: str) -> dict:
    return {"url": f"{siteurl}/{hit.url}", "title": hit.title, "date": hit.date,
            "category": hit.category, "snippet": Markup(hit.snippet)}


def _search_url(siteurl: str, text: str, filters: dict, page: int = 1) -> str:
    params = {"q": text, **filters, "page": page if page > 1 else ""}
    return f"{siteurl}/search?" + urlencode({k: v for k, v in params.items() if v})


def _pagination(siteurl: str, text: str, filters: dict, result: SearchResult) -> dict | None:
    if result.pages <= 1 or result.page > result.pages:
        return None
    current, last = result.page, result.pages
    numbers = sorted({1, last, *range(max(1, current - PAGINATION_SPAN),
                                      min(last, current + PAGINATION_SPAN) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number > previous + 1:
            links.append(None)  # a gap
        links.append({"number": number, "url": _search_url(siteurl, text, filters, number),
                      "current": number == current})
        previous = number
    return {
        "links": links,
        "previous": _search_url(siteurl, text, filters, current - 1) if current > 1 else None,
        "next": _search_url(siteurl, text, filters, current + 1) if current < last else None,
    }


def _make_environment(generation: Generation) -> Environment:
    site = generation.site
    options = site.get("settings", {}).get("JINJA_ENVIRONMENT", {})
    # A partial rendered at build time is served from the globals, as markup the
    # build escaped: its name maps to a template that only outputs it.
    fragments = DictLoader({name: f"{{{{ search_fragments[{json.dumps(name)}] }}}}"
                            for name in site.get("fragments", {})})
    folders = FileSystemLoader([str(generation.path / d) for d in site.get("template_dirs", [])])
    environment = Environment(
        loader=ChoiceLoader([fragments, folders]),
        autoescape=True,
        trim_blocks=bool(options.get("trim_blocks", True)),
        lstrip_blocks=bool(options.get("lstrip_blocks", True)),
        extensions=[e for e in options.get("extensions", []) if isinstance(e, str)],
    )
    environment.globals["search_fragments"] = {
        name: Markup(html) for name, html in site.get("fragments", {}).items()}
    environment.filters.update(_imported_filters(site.get("jinja_filters", {})))
    environment.filters.update(FILTERS)
    return environment


def _imported_filters(paths: dict[str, str]) -> dict:
    """The build's other Jinja filters, where importable without Pelican."""
    filters = {}
    for name, path in paths.items():
        module_name, _, qualname = path.partition(":")
        try:
            target = importlib.import_module(module_name)
            for part in qualname.split("."):
                target = getattr(target, part)
        except Exception:  # a filter we cannot load is simply not offered
            logger.warning("search page: Jinja filter %s (%s) is not importable", name, path)
            continue
        filters[name] = target
    return filters


def _siteurl(generation: Generation | None) -> str:
    if generation is None:
        return ""
    return generation.site.get("settings", {}).get("SITEURL", "")


def _json_bytes(data: dict) -> bytes:
    # <, > and & as \u escapes: the same JSON, and inert if pasted into HTML.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def _respond(environ, start_response, status: int, body: bytes, content_type: str):
    headers = [
        ("Content-Type", f"{content_type}; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "no-cache" if status == 200 else "no-store"),
    ]
    if status == 405:
        headers.append(("Allow", "GET, HEAD"))
    start_response(f"{status} {REASONS[status]}", headers)
    return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


_default_app = None
_default_app_lock = threading.Lock()


def application(environ, start_response):
    """The service configured from the environment, created on first use."""
    global _default_app
    if _default_app is None:
        with _default_app_lock:
            if _default_app is None:
                _default_app = create_app(
                    os.environ.get("SEARCH_INDEX_DIR", "search_index"),
                    check_interval=float(os.environ.get("SEARCH_CHECK_SECONDS", "1")),
                )
    return _default_app(environ, start_response)
