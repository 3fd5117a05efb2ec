import os

from pelican import signals

from .version import asset_version


def add_asset_version(pelican):
    static = os.path.join(pelican.settings["THEME"], "static")
    version = asset_version(static)
    pelican.settings["THEME_ASSET_VERSION"] = version
    pelican.settings["THEME_ASSET_QUERY"] = f"?v={version}" if version else ""


def register():
    signals.initialized.connect(add_asset_version)
