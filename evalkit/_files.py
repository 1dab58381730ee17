"""Writing output files all-or-nothing (nothing half-written is ever left behind) and
reproducibly (one zip rewriter for every zipped format).

Each file goes to a temporary file in its own directory first; ``os.replace`` then puts it in
place (atomic on one filesystem).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every file or none: all go to temporary files first, then move into place.

    A failure while staging removes the temporary files and leaves the targets untouched.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            # mkstemp creates 0600; give the file the mode a plain open() would (or keep the
            # mode of the file it replaces).
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
    return [p for _, p in staged]


ZipTime = tuple[int, int, int, int, int, int]


def fixed_zip(
    data: bytes,
    when: ZipTime | datetime = (1980, 1, 1, 0, 0, 0),
    *,
    first: Sequence[str] = (),
    sort_rest: bool = False,
    stored: Collection[str] = (),
    rewrite: Callable[[str, bytes], bytes] | None = None,
) -> bytes:
    """Rewrite a zip (DOCX, XLSX, HWPX) so the same content always gives the same bytes.

    Every entry gets one timestamp (``when``; zip cannot store years before 1980) and fixed
    attributes (Unix, mode 644, deflated unless named in ``stored``). Entries named in
    ``first`` lead in that order (HWPX needs ``mimetype`` first and stored); the rest keep
    their order, or are sorted by name with ``sort_rest``. ``rewrite(name, content)`` may
    replace an entry's content (an XLSX's save time in ``docProps/core.xml``).
    """
    if isinstance(when, datetime):
        when = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    date_time = (max(1980, when[0]), *when[1:6])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        names = zin.namelist()
        rest = [n for n in names if n not in first]
        lead = [n for n in first if n in names]
        for name in lead + (sorted(rest) if sort_rest else rest):
            zi = zipfile.ZipInfo(name, date_time=date_time)
            zi.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            content = zin.read(name)
            zout.writestr(zi, rewrite(name, content) if rewrite else content)
    return out.getvalue()
