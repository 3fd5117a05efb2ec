"""Vietnamese formatting of dates and numbers as Jinja filters (Babel, never the system locale)."""

from .filters import FILTERS
from .plugin import register

__all__ = ["FILTERS", "register"]
