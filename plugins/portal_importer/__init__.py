"""portal_importer: `make import SRC=… CATEGORY=…` brings a unit's old portal articles in.

A command, not a Pelican plugin: it reads pages saved from an old portal (saved HTML or
text copied from the browser) and writes one Markdown article each, through the same
editors' contract as every other article (portal_content).
"""
