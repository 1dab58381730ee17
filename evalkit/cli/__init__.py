"""The ``evalkit`` command line: validate, schema, template, score, report, demo, whatif.

Every command exits non-zero on bad input, prints each problem with its place and fix, and
writes no output file unless everything succeeded.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from ._common import app

# Each command module registers its commands on `app` when imported; `--help` lists them in
# this order (the round's order: rubric, workbooks and scores, reports).
for _module in ("_rubric", "_roundfile", "_round", "_report", "_diff", "_whatif"):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point."""
    app(args=list(argv) if argv is not None else None, prog_name="evalkit")
