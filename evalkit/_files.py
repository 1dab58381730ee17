"""Writing output files all-or-nothing (nothing half-written is ever left behind) and
reproducibly (one zip rewriter for every zipped format).

Each file goes to a temporary file in its own directory first; ``os.replace`` then puts it in
place (atomic on one filesystem).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from ._errors import OutputError, Problem


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every file or none: all go to temporary files first, then move into place.

    A failure while staging removes the temporary files and leaves the targets untouched.

    Raises:
        OutputError: a target cannot be written (a folder in its place, a file where a folder
            should be, no permission, a name too long, a full disk), with the place and a fix.
    """
    for path, _ in files:
        try:
            folder_in_place = path.is_dir()
        except OSError as exc:  # e.g. a name too long
            raise output_error(exc, path) from exc
        if folder_in_place:
            raise output_error(IsADirectoryError(errno.EISDIR, "Is a directory"), path)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            make_dir(path.parent)
            # A short prefix: the temporary name must fit wherever the target's name fits.
            try:
                fd, tmp = tempfile.mkstemp(
                    prefix=f".{path.name[:32]}.", suffix=".tmp", dir=path.parent
                )
            except OSError as exc:
                raise output_error(exc, path) from exc
            staged.append((tmp, path))
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
            except OSError as exc:
                raise output_error(exc, path) from exc
            # mkstemp creates 0600; give the file the mode a plain open() would (or keep the
            # mode of the file it replaces).
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
    except BaseException:
        _remove(tmp for tmp, _ in staged)
        raise
    for i, (tmp, path) in enumerate(staged):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            _remove(t for t, _ in staged[i:])
            raise output_error(exc, path) from exc
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


def _remove(paths: Iterable[str]) -> None:
    for tmp in paths:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def make_dir(folder: Path) -> None:
    """Create ``folder`` and its parents (nothing if it exists); OutputError if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, folder) from exc


def _first_file(path: Path) -> Path | None:
    """The first of ``path`` and its parents that exists and is not a folder."""
    for p in (path, *path.parents):
        try:
            if p.exists() and not p.is_dir():
                return p
        except OSError:  # a name too long, a loop of links: not this one
            continue
    return None


def output_error(exc: OSError, path: Path) -> OutputError:
    """The located, Korean account of why ``path`` cannot be written."""
    code = exc.errno
    blocker = _first_file(path)
    if isinstance(exc, IsADirectoryError) or (code == errno.EISDIR):
        message, fix = (
            "이 자리에 폴더가 있어 파일을 쓸 수 없습니다",
            "--out에 파일 이름(예: scores.xlsx)까지 적거나 그 폴더를 옮기십시오",
        )
    elif code in (errno.ENOTDIR, errno.EEXIST) and blocker is not None and blocker != path:
        message, fix = (
            f"경로 중간의 {blocker} 는 폴더가 아니라 파일입니다",
            "다른 폴더를 적거나 그 파일의 이름을 바꾸십시오",
        )
    elif code in (errno.EEXIST, errno.ENOTDIR):
        message, fix = (
            "이 자리에 파일이 있어 폴더를 만들 수 없습니다",
            "--out에 다른 폴더 이름을 적거나 그 파일을 옮기십시오",
        )
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        message, fix = (
            "이 폴더에 쓸 권한이 없습니다",
            "쓸 수 있는 폴더를 --out으로 주십시오 (예: 바탕 화면이나 문서 폴더)",
        )
    elif code == errno.ENAMETOOLONG:
        message, fix = (
            "파일 이름이 파일 시스템이 허용하는 길이보다 깁니다",
            "더 짧은 파일 이름이나 폴더 이름을 쓰십시오",
        )
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        message, fix = ("디스크 공간이 모자랍니다", "공간을 비우거나 다른 디스크에 쓰십시오")
    else:
        message, fix = (
            f"쓸 수 없습니다 ({exc.strerror or exc})",
            "경로와 권한을 확인하십시오",
        )
    return OutputError([Problem(message, file=str(path), fix=fix)], f"{path}: {message}")


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
