"""One-off: data-note fields written with 0-based indicator indices -> the table number `no`.

Run on a goal file; rewrites only `field:` lines of data notes, then verifies the parsed
data is otherwise identical.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from evalkit._yaml import load_yaml  # noqa: E402

PG_LABEL = {}


def bump(m: re.Match[str]) -> str:
    return f"indicators[{int(m.group(1)) + 1}]"


for name in sys.argv[1:]:
    p = Path(name)
    before, _ = load_yaml(p)
    lines = p.read_text(encoding="utf-8").split("\n")
    codes = [pg["code"] for pg in before.data["performance_goals"]]
    out = []
    for line in lines:
        if re.match(r"^\s*(- )?field:", line):
            line = re.sub(r"indicators\[(\d+)\]", bump, line)
            line = re.sub(r"performance_goals\[(\d+)\]",
                          lambda m: f"performance_goals[{codes[int(m.group(1))]}]", line)
        out.append(line)
    p.write_text("\n".join(out), encoding="utf-8")
    after, _ = load_yaml(p)

    def strip(d):
        if isinstance(d, dict):
            return {k: strip(v) for k, v in d.items() if k != "field"}
        if isinstance(d, list):
            return [strip(x) for x in d]
        return d

    assert strip(before.data) == strip(after.data), name
    print("renumbered", name)
