"""Text that XML 1.0 can carry.

XML 1.0 has no way to write most C0 control characters (U+0000-U+001F except tab,
line feed and carriage return), lone surrogates or U+FFFE/U+FFFF, not even as
character references; lxml refuses them and a hand-written document would not be
well-formed. They are removed. C1 controls (U+007F-U+009F) are legal but
"discouraged" and never meant in Vietnamese text, so they go too.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)


def xml_safe(text: str | None) -> str:
    """`text` without the characters XML cannot carry ('' for None)."""
    if not text:
        return ""
    return _NOT_XML.sub("", str(text))
