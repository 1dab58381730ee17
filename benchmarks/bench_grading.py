"""Benchmark: assign_grades on 1,000,000 random scores against numpy.argsort of the same array.

One timed run of each after a small warm-up (imports, first-call set-up), printed as a ratio.
Target: assign_grades ≤ 3 × argsort; with ``by=`` over ``--groups`` groups (default 1,000),
≤ 5 × argsort. ``--check`` exits 1 when a target is missed.

    python benchmarks/bench_grading.py [--n 1000000] [--seed 2024] [--groups 1000] [--check]
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from evalkit import assign_grades, grade_quotas

TARGET = 3.0
TARGET_BY = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--groups", type=int, default=1000, help="groups for the by= case")
    parser.add_argument("--check", action="store_true", help="exit 1 above the target ratio")
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    # Scores on the usual 0-100 scale with full float precision (so rounding to 2 places
    # happens inside assign_grades, ties included).
    scores = rng.uniform(0.0, 100.0, args.n)

    warm = scores[:1000].copy()
    np.argsort(warm)
    assign_grades(warm)

    t0 = time.perf_counter()
    np.argsort(scores)
    t_argsort = time.perf_counter() - t0

    t0 = time.perf_counter()
    grades = assign_grades(scores)
    t_grades = time.perf_counter() - t0

    ratio = t_grades / t_argsort
    counts = grades.value_counts()
    print(f"n = {args.n:,}")
    print(f"numpy.argsort : {t_argsort * 1000:8.1f} ms")
    print(f"assign_grades : {t_grades * 1000:8.1f} ms")
    print(f"ratio         : {ratio:8.2f} x  (target <= {TARGET:g} x)")
    quotas = grade_quotas(args.n)
    print("grade counts vs quotas (ties share a grade, so counts may differ by a tie group):")
    for name, quota in zip(grades.cat.categories[::-1], quotas, strict=True):
        print(f"  {name:<6} {counts[name]:>9,} / {quota:>9,}")
    slow = ratio > TARGET
    if args.groups > 0:
        labels = rng.integers(0, args.groups, args.n)
        assign_grades(warm, by=labels[:1000])
        t0 = time.perf_counter()
        assign_grades(scores, by=labels)
        t_by = time.perf_counter() - t0
        ratio_by = t_by / t_argsort
        print(f"by= {args.groups:,} groups: {t_by * 1000:8.1f} ms")
        print(f"ratio (by=)   : {ratio_by:8.2f} x  (target <= {TARGET_BY:g} x)")
        slow = slow or ratio_by > TARGET_BY
    if slow:
        print("SLOWER than the target", file=sys.stderr)
        return 1 if args.check else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
