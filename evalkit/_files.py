"""Writing output files all-or-nothing: nothing half-written is ever left behind.

Each file goes to a temporary file in its own directory first; ``os.replace`` then puts it in
place (atomic on one filesystem).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
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
