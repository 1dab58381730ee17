"""Writing output files all-or-nothing: nothing half-written is ever left behind.

Each file goes to a temporary file in its own directory first; ``os.replace`` then puts it in
place (atomic on one filesystem).
"""

from __future__ import annotations

import contextlib
import os
import stat
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


class NotAFileError(OSError):
    """The path names something that is not a regular file (a folder, a device, a pipe)."""


class InputTooLargeError(OSError):
    """The file is larger than the reader's limit; ``limit`` is that limit in bytes."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path}: larger than {limit} bytes")
        self.limit = limit


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    A folder, a device (``/dev/zero``), a pipe or a socket is refused before anything is read
    (:class:`NotAFileError`), and at most ``limit + 1`` bytes are ever read, so a file that grows
    while it is read cannot exhaust memory (:class:`InputTooLargeError`).
    """
    # O_NONBLOCK: opening a pipe with no writer would otherwise wait for ever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(f"{path}: not a regular file")
        if info.st_size > limit:
            raise InputTooLargeError(path, limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputTooLargeError(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
