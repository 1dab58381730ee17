"""평가위원 채점표 written per subcommittee (``write_panel_workbook``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evalkit import InputError
from evalkit.workbooks import write_panel_workbook


def test_panel_workbook_rejects_bad_evaluator_name(mini_rubric: Any, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be a sheet name"):
        write_panel_workbook(mini_rubric, tmp_path / "p.xlsx", ["a" * 32])
    assert not (tmp_path / "p.xlsx").exists()
