from pelican import signals

from .filters import FILTERS


def add_filters(pelican):
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)


def register():
    signals.initialized.connect(add_filters)
