"""The audit sheets' helpers: evaluator aliases."""

from __future__ import annotations

from evalkit.workbooks._audit import _alias_map


def test_aliases_follow_the_reading_order_and_go_past_z() -> None:
    names = [f"n{i}" for i in range(28)] + ["n0"]
    alias = _alias_map(names)
    assert alias["n0"] == "위원 A" and alias["n25"] == "위원 Z" and alias["n26"] == "위원 AA"
    assert len(set(alias.values())) == 28
