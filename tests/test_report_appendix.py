"""붙임 (evalkit._report._appendix): the full ranking and the rubric-wide data notes."""

from __future__ import annotations

from _report_data import motie_scoreboard

import evalkit
from evalkit._report import Bullet, build_report


def test_rubric_wide_notes_go_to_an_appendix(motie_rubric: evalkit.Rubric) -> None:
    rep = build_report(motie_scoreboard(motie_rubric))
    notes = rep.sections[-1]
    assert (notes.number, notes.title) == ("붙임 2", "자료 주석")
    texts_ = [b.text for b in notes.blocks if isinstance(b, Bullet) and b.level == 4]
    assert any("원문 2553행" in t for t in texts_)
    assert len(rep.tasks) == 83
