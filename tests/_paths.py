"""Paths shared by the tests (importable as `_paths`: pytest puts tests/ on sys.path)."""

import functools
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "004_8f797e5fffb9ba62.txt"
MINI = ROOT / "examples" / "mini" / "rubric.yaml"
MOTIE = ROOT / "rubrics" / "motie-2024.yaml"


@functools.cache
def mini_cap120() -> Path:
    """The tutorial rubric with a 120 % rate cap instead of its 100 %.

    The hand-worked scoring and report examples exercise over-achievement and its cap, so
    they run on this variant; the shipped tutorial keeps every criterion within its points.
    """
    text = MINI.read_text(encoding="utf-8")
    assert "  cap: 100\n" in text
    path = Path(tempfile.mkdtemp(prefix="evalkit-mini120-")) / "rubric.yaml"
    path.write_text(text.replace("  cap: 100\n", "  cap: 120\n"), encoding="utf-8")
    return path
