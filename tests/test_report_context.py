"""The report build's shared context (evalkit._report._context): the fixed document date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from evalkit._report import fixed_created


def test_document_date_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert fixed_created(2024) == datetime(2025, 1, 1, tzinfo=UTC)
    assert fixed_created(2024, date(2025, 2, 3)) == datetime(2025, 2, 3, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert fixed_created(2024, date(2025, 2, 3)) == datetime.fromtimestamp(1700000000, tz=UTC)
