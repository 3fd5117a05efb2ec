"""The build step: records from the published articles' metadata, then the page and data.

Records are made from `article.metadata` once every generator has its context
(all_generators_finalized), never from state attached when a content object is
created, so a build from the content cache gives the same statistics as a cold one.
"""

from __future__ import annotations

import logging
import os

from pelican.generators import Generator

from .open_data import write_open_data
from .records import collect
from .settings import read_settings
from .views import build

logger = logging.getLogger(__name__)

TEMPLATE = "statistics"


class AdmissionStatsGenerator(Generator):
    """Writes the statistics page and the open data; `collect` fills the shared context."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stats_settings = read_settings(self.settings)
        self.stats = None

    def collect(self, articles):
        """Records from these (published) articles into context["admission_stats"]."""
        settings = self.stats_settings
        records, superseded = collect(articles, settings.site_unit)
        for item in superseded:
            logger.warning("%s", item)
        self.stats = build(records, superseded, settings)
        self.context["admission_stats"] = self.stats

    def generate_output(self, writer):
        settings = self.stats_settings
        writer.write_file(
            settings.save_as,
            self.get_template(TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=settings.url,
            template_name=TEMPLATE,
            page_name=os.path.splitext(settings.save_as)[0],
        )
        write_open_data(self.output_path, settings.csv_path, settings.json_path,
                        self.stats.records, settings.siteurl, settings.site_unit)
        logger.info("admission_stats: %d record(s) written to %s, %s and %s",
                    len(self.stats.records), settings.save_as, settings.csv_path,
                    settings.json_path)
