"""All-or-nothing output files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from evalkit._files import InputTooLargeError, NotAFileError, read_bounded, write_files
from evalkit.renderers import atomic_write


def test_write_files_all_or_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    targets = [(tmp_path / "one.csv", b"1"), (blocker / "two.csv", b"2")]
    with pytest.raises(OSError):
        write_files(targets)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]  # no one.csv, no temp


def test_write_files_replaces_and_keeps_mode(tmp_path: Path) -> None:
    old = tmp_path / "out.csv"
    old.write_bytes(b"old")
    os.chmod(old, 0o640)
    new = tmp_path / "sub" / "new.csv"
    assert write_files([(old, b"new"), (new, b"x")]) == [old, new]
    assert old.read_bytes() == b"new" and new.read_bytes() == b"x"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "sub"]


def test_atomic_write_is_one_file_all_or_nothing(tmp_path: Path) -> None:
    out = atomic_write(tmp_path / "r" / "report.pdf", b"%PDF")
    assert out.read_bytes() == b"%PDF"
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.pdf"]


# --- reading input: only regular files, at most a limit ------------------------------------------


def test_read_bounded_reads_a_file_up_to_its_limit(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"x" * 100)
    assert read_bounded(p, 100) == b"x" * 100
    with pytest.raises(InputTooLargeError) as info:
        read_bounded(p, 99)
    assert info.value.limit == 99


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_read_bounded_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = {"folder": tmp_path, "fifo": tmp_path / "p", "device": Path("/dev/zero")}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    with pytest.raises(NotAFileError):
        read_bounded(target, 1 << 20)


def test_read_bounded_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "none", 10)


# --- output the system refuses: OutputError with the place, no temporary file left -------------


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("folder-in-place", "폴더가 있어"),
        ("below-a-file", "파일이 있어 폴더를"),
        ("deep-below-a-file", "폴더가 아니라 파일입니다"),
        ("name-too-long", "길이보다 깁니다"),
    ],
)
def test_write_files_refusals_are_located_output_errors(
    tmp_path: Path, case: str, words: str
) -> None:
    from evalkit._errors import InputError, OutputError

    (tmp_path / "file").write_text("x")
    (tmp_path / "dir.csv").mkdir()
    target = {
        "folder-in-place": tmp_path / "dir.csv",
        "below-a-file": tmp_path / "file" / "a.csv",
        "deep-below-a-file": tmp_path / "file" / "b" / "a.csv",
        "name-too-long": tmp_path / ("x" * 300 + ".csv"),
    }[case]
    with pytest.raises(OutputError) as info:
        write_files([(tmp_path / "first.csv", b"1"), (target, b"2")])
    assert isinstance(info.value, OSError) and isinstance(info.value, InputError)
    (p,) = info.value.problems
    assert words in p.message and p.fix and p.file
    assert sorted(q.name for q in tmp_path.iterdir()) == ["dir.csv", "file"]


def test_a_failed_move_into_place_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evalkit._errors import OutputError

    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError, match="디스크 공간"):
        write_files([(tmp_path / "a.csv", b"1"), (tmp_path / "b.csv", b"2")])
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_that_fits_is_written(tmp_path: Path) -> None:
    # The temporary name must not be longer than the target's (255 bytes is the usual limit).
    target = tmp_path / ("x" * 250 + ".csv")
    assert write_files([(target, b"1")]) == [target] and target.read_bytes() == b"1"
