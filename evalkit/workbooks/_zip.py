"""Deterministic xlsx bytes: the same workbook content always gives the same file.

openpyxl stamps the save time into the zip entries and into ``docProps/core.xml``; fixing both
means regenerated templates and example workbooks do not change unless their content does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

_FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: same input, same bytes


def _deterministic_zip(data: bytes) -> bytes:
    """The same xlsx with fixed zip timestamps and a fixed modified time in docProps/core.xml.

    openpyxl stamps the save time in both places; fixing them makes equal input give equal
    bytes, so generated example files do not change when regenerated.
    """
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    content,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, content)
    return out.getvalue()
