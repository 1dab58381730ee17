"""Paths shared by the tests (importable as `_paths`: pytest puts tests/ on sys.path)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "004_8f797e5fffb9ba62.txt"
MINI = ROOT / "examples" / "mini" / "rubric.yaml"
MOTIE = ROOT / "rubrics" / "motie-2024.yaml"
