#!/usr/bin/env python3
"""Seed-article check for the claim extractor.

Usage: seed_check.py BIN [ARTICLE]

Runs `BIN extract ARTICLE` (JSON lines, one candidate per line) and compares the output with
`expected-claims.jsonl` next to the article. ARTICLE defaults to ../shared/seed/article.txt
relative to the repository root (the parent of this .ci folder).

Checks:
  * every expected check-worthy claim is found by surface, with the expected value (when the
    expectation gives one), unit, approx and subject (case-insensitive), and is check-worthy;
  * expected claims that are not check-worthy (dates that only place events) are not flagged
    check-worthy, and every check-worthy claim scores above them;
  * the three claims the product brief names (4,000 personnel, the $50 million reward,
    4.5 million militia members) are in the top five by score;
  * `conversion_of` points at the mention the claim restates;
  * every expected check-worthy claim has its own proposed statement (distinct, under 160
    characters, naming its quantity).
Prints a summary and exits 1 on any failure, 2 on a usage or run error.
Python 3 standard library only.
"""

import json
import os
import subprocess
import sys
from decimal import Decimal, InvalidOperation

NAMED = ["4,000", "$50 million", "4.5 million"]
TOP_N = 5


def norm_value(v):
    """Comparable text for a JSON value (numbers compared exactly as decimals)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        v = repr(v) if isinstance(v, float) else str(v)
    try:
        return str(Decimal(str(v)).normalize())
    except (InvalidOperation, ValueError):
        return str(v)


def load_jsonl(text, what):
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{"):
            # log lines on stdout are tolerated; only JSON objects count
            print(f"note: skipping non-JSON {what} line {n}: {line[:80]}")
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            print(f"error: {what} line {n} is not JSON: {e}: {line[:120]}")
            sys.exit(2)
    return rows


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 2
    binary = argv[1]
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    article = argv[2] if len(argv) > 2 else os.path.join(repo, "..", "shared", "seed", "article.txt")
    article = os.path.normpath(article)
    expected_path = os.path.join(os.path.dirname(article), "expected-claims.jsonl")
    for p in (article, expected_path):
        if not os.path.isfile(p):
            print(f"error: missing {p}")
            return 2
    try:
        run = subprocess.run([binary, "extract", article], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"error: could not run {binary}: {e}")
        return 2
    if run.returncode != 0:
        print(f"error: `{binary} extract {article}` exited {run.returncode}\n{run.stderr[-2000:]}")
        return 2
    cands = load_jsonl(run.stdout, "extractor output")
    with open(expected_path, encoding="utf-8") as f:
        expected = load_jsonl(f.read(), "expected-claims.jsonl")

    failures = []
    by_surface = {}
    for i, c in enumerate(cands):
        by_surface.setdefault(c.get("surface"), []).append(i)

    def find(surface):
        idx = by_surface.get(surface, [])
        return (idx[0], cands[idx[0]]) if idx else (None, None)

    cw_scores, low_scores = [], []
    rows = []
    for e in expected:
        surface = e.get("surface")
        i, c = find(surface)
        cw = bool(e.get("check_worthy"))
        if c is None:
            if cw:
                failures.append(f"missing check-worthy claim {surface!r}")
            rows.append((surface, "MISSING", "", ""))
            continue
        problems = []
        if e.get("value") is not None and norm_value(e.get("value")) != norm_value(c.get("value")):
            problems.append(f"value {c.get('value')!r} != {e.get('value')!r}")
        if e.get("unit") != c.get("unit"):
            problems.append(f"unit {c.get('unit')!r} != {e.get('unit')!r}")
        if e.get("approx", "exact") != c.get("approx"):
            problems.append(f"approx {c.get('approx')!r} != {e.get('approx')!r}")
        if cw and e.get("subject") is not None:
            got = (c.get("subject") or "").strip().lower()
            if got != e["subject"].strip().lower():
                problems.append(f"subject {c.get('subject')!r} != {e['subject']!r}")
        if cw and not c.get("check_worthy"):
            problems.append("not flagged check_worthy")
        if not cw and c.get("check_worthy"):
            problems.append("flagged check_worthy but should not be")
        conv = e.get("conversion_of")
        if conv is not None:
            j, target = find(conv) if isinstance(conv, str) else (conv, None)
            if c.get("conversion_of") is None or c.get("conversion_of") != j:
                problems.append(f"conversion_of {c.get('conversion_of')!r} does not point at {conv!r} (index {j})")
        score = float(c.get("score", 0))
        (cw_scores if cw else low_scores).append((score, surface))
        if problems and (cw or any(p.startswith(("unit", "flagged")) for p in problems)):
            failures.extend(f"{surface!r}: {p}" for p in problems)
        rows.append((surface, "ok" if not problems else "; ".join(problems), f"{score:.3f}", c.get("subject") or ""))

    if cw_scores and low_scores:
        lowest_cw = min(cw_scores)
        highest_low = max(low_scores)
        if lowest_cw[0] <= highest_low[0]:
            failures.append(
                f"check-worthy {lowest_cw[1]!r} ({lowest_cw[0]}) does not score above {highest_low[1]!r} ({highest_low[0]})"
            )

    # Each expected check-worthy claim gets its own statement: distinct, under 160 characters, and
    # naming its own quantity (issue 14: three claims of one sentence are three statements).
    statements = {}
    for e in expected:
        if not e.get("check_worthy"):
            continue
        _, c = find(e.get("surface"))
        if c is None:
            continue
        statement = c.get("statement") or ""
        if not statement or len(statement) >= 160:
            failures.append(f"{e['surface']!r}: statement of {len(statement)} characters: {statement!r}")
        elif e["surface"].lower() not in statement.lower() and c.get("unit") != "ratio":
            failures.append(f"{e['surface']!r}: statement does not name it: {statement!r}")
        statements.setdefault(statement, []).append(e["surface"])
    for statement, surfaces in statements.items():
        if len(surfaces) > 1:
            failures.append(f"{surfaces} share one statement: {statement!r}")

    ranked = sorted(range(len(cands)), key=lambda i: (-float(cands[i].get("score", 0)), i))
    top = [cands[i].get("surface") for i in ranked[:TOP_N]]
    expected_surfaces = {e.get("surface") for e in expected}
    for s in NAMED:
        if s in expected_surfaces and s not in top:
            failures.append(f"{s!r} is not in the top {TOP_N} by score (top: {top})")

    print(f"seed check: {len(cands)} candidates from {article}")
    width = max((len(str(r[0])) for r in rows), default=10)
    for surface, status, score, subject in rows:
        print(f"  {str(surface):<{width}}  {score:>6}  {status}  [{subject}]")
    print(f"  top {TOP_N} by score: {top}")
    if failures:
        print(f"FAILED ({len(failures)}):")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("seed check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
