"""Rebuilds leave unchanged pages as they are: each page's digest (its template and
everything it shows) against the previous build's; see pages.py."""

from .plugin import register

__all__ = ["register"]
