"""admission_stats: the party-member development figures that articles report, collected
at build time into a sidebar panel, a statistics page, an article box and open data."""

from .plugin import register

__all__ = ["register"]
