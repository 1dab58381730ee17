from __future__ import annotations

import pytest
import strategies  # noqa: F401  (registers and loads the hypothesis profiles first)
from _paths import MINI, MOTIE, SEED


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip(f"seed plan not found at {SEED} (shared/ sits beside the project root)")
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def mini_rubric():  # type: ignore[no-untyped-def]
    import evalkit

    return evalkit.load_rubric(MINI)


@pytest.fixture(scope="session")
def motie_rubric():  # type: ignore[no-untyped-def]
    import evalkit

    return evalkit.load_rubric(MOTIE)


@pytest.fixture(scope="session")
def filled_dir(tmp_path_factory, mini_rubric):  # type: ignore[no-untyped-def]
    """Blank templates for the mini rubric, filled in programmatically like a user would."""
    from _workbooks import make_filled

    d = tmp_path_factory.mktemp("filled")
    return d, make_filled(d, mini_rubric)


@pytest.fixture()
def work(filled_dir, tmp_path):  # type: ignore[no-untyped-def]
    """A private copy of the filled workbooks to break."""
    import shutil

    d = tmp_path / "in"
    shutil.copytree(filled_dir[0], d)
    return d
