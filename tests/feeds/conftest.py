"""Makes this folder's helper modules (feed_sites, feed_checks) importable by the tests.

The project runs pytest with --import-mode=importlib and pythonpath=["tests"], so a
test folder is not on sys.path, and "feeds" itself names the plugin package.
"""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.append(HERE)  # after tests/, whose conftest the helpers import
