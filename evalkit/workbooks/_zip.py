"""Deterministic xlsx bytes: the same workbook content always gives the same file.

openpyxl stamps the save time into the zip entries and into ``docProps/core.xml``; fixing both
means regenerated templates and example workbooks do not change unless their content does.
"""

from __future__ import annotations

import datetime as dt
import re

from .._files import fixed_zip

_FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: same input, same bytes


def _deterministic_zip(data: bytes) -> bytes:
    """The same xlsx with fixed zip timestamps and a fixed modified time in docProps/core.xml.

    openpyxl stamps the save time in both places; fixing them makes equal input give equal
    bytes, so generated example files do not change when regenerated.
    """
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fix_core(name: str, content: bytes) -> bytes:
        if name != "docProps/core.xml":
            return content
        return re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
            rb"\g<1>" + stamp + rb"\g<2>",
            content,
        )

    return fixed_zip(data, rewrite=fix_core)
