"""Pelican's internal names this project relies on (see the package's docstring).

portal_content's register() calls require(): every plugin here runs with it.
"""

from __future__ import annotations

from . import TEXT, USED, Name
from . import missing as _missing
from . import require as _require

INCREMENTAL = "plugins/page_skip/pages.py"
LINKS = "plugins/portal_content/links.py"
CONTENT_OBJECTS = "plugins/portal_content/content_objects.py"
BUILD_REPORT = "plugins/portal_content/build_report.py"
PORTAL_PLUGIN = "plugins/portal_content/plugin.py"
PHOTOS = "plugins/photos/plugin.py"
BUILDER = "plugins/live_preview/builder.py"

NAMES = (
    # The page skip (page_skip.pages.SkippingWriter).
    Name("pelican.writers:Writer", "_open_w",
         "overridden: an unchanged page's file is left alone instead of opened for writing",
         (INCREMENTAL,)),
    Name("pelican.writers:Writer.write_file", "_open_w",
         "write_file opens each page it writes through self._open_w, after rendering it",
         (INCREMENTAL,), USED),
    Name("pelican.writers:Writer.__init__", "_written_files",
         "the set of paths written this build that _open_w checks; the override keeps it "
         "as Pelican would", (INCREMENTAL,), USED),
    Name("pelican.writers:Writer.__init__", "_overridden_files",
         "the set of paths written with override=True that _open_w checks; kept as "
         "Pelican would", (INCREMENTAL,), USED),
    Name("pelican.writers", "FileOverwriteFailedError",
         "the error _open_w raises for a path written twice (raised by the override; the "
         "report matches its class name)", (INCREMENTAL, BUILD_REPORT)),
    Name("pelican.contents:Content.__init__", "_context",
         "each content's reference to the whole build context, left out of page digests",
         (INCREMENTAL,), USED),
    # Contents' bodies and summaries.
    Name("pelican.contents:Content.__init__", "_content",
         "the body as the reader made it, before link replacement: read by the link check, "
         "the first-paragraph summary and the cleaning of old cached contents, rewritten "
         "by photos (in-body photos) before anything renders it; left out of digests",
         (LINKS, CONTENT_OBJECTS, PHOTOS, INCREMENTAL), USED),
    Name("pelican.contents:Content.__init__", "_summary",
         "a copy of metadata['summary'] made with a content that has one",
         (CONTENT_OBJECTS,), USED),
    Name("pelican.contents:Content.refresh_metadata_intersite_links", "_summary",
         "copied back into metadata['summary'] here: a summary changed after the content "
         "was made must change _summary too", (CONTENT_OBJECTS,), USED),
    Name("pelican.contents:Content", "_get_intrasite_link_regex",
         "the compiled regular expression of {filename}/{static}/… links", (LINKS,)),
    Name("pelican.contents:Content", "_update_content",
         "link replacement of an HTML text (the editor's Summary) as get_content does it",
         (LINKS,)),
    Name("pelican.contents:Content.get_url_setting", "override_",
         "a content's override_url attribute is returned as its url (frozen URLs)",
         (CONTENT_OBJECTS,), TEXT),
    Name("pelican.contents:Content.get_content", "cache",
         "pelican.utils.memoized's dict of rendered bodies, emptied by the long-lived "
         "build process", (BUILDER,)),
    # The build report (files Pelican fails on, its own log lines).
    Name("pelican.generators:ArticlesGenerator.generate_context", "read_file",
         "articles are read through the Readers instance's read_file, which the report "
         "wraps on that instance", (PORTAL_PLUGIN, BUILD_REPORT), USED),
    Name("pelican.generators:PagesGenerator.generate_context", "read_file",
         "pages too", (PORTAL_PLUGIN, BUILD_REPORT), USED),
    Name("pelican.generators:Generator", "_add_failed_source_path",
         "a file Pelican fails on is recorded as None in context['generated_content'] "
         "(the report lists such files as left out)", (BUILD_REPORT, PORTAL_PLUGIN)),
    Name("pelican.generators", "Could not process %s",
         "the message (logged by pelican.generators) the report drops for a file it "
         "explains itself", (BUILD_REPORT,), TEXT),
    Name("pelican.contents", "limit_msg",
         "the log record attribute ('extra') naming the group of a link warning",
         (BUILD_REPORT,), TEXT),
    Name("pelican.contents", "Other resources were not found and their urls not replaced",
         "the group of the 'Unable to find …' link warnings the link check replaces",
         (BUILD_REPORT,), TEXT),
    Name("pelican.contents", "Replacement Indicator ",
         "the start of the warning for a {kind} of link Pelican does not know",
         (BUILD_REPORT,), TEXT),
    Name("pelican.readers", "Empty alt attribute for image %s in %s",
         "the warning dropped for captioned photos (alt='' on purpose)", (BUILD_REPORT,),
         TEXT),
    # The live preview's build process.
    Name("pelican.log", "console",
         "the rich Console Pelican prints its progress line on", (BUILDER,)),
    Name("pelican.log:console", "quiet", "silences that console (rich's Console.quiet)",
         (BUILDER,)),
    Name("pelican.log", "init", "sets Pelican's log level and handler (level=, handler=)",
         (BUILDER,)),
)


def missing() -> list[Name]:
    return _missing(NAMES)


def require() -> None:
    _require(NAMES, "Pelican", "pelican", __name__)
