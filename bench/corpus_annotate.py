#!/usr/bin/env python3
"""Turn an annotation draft into the final corpus .txt + .jsonl with UTF-8 byte offsets.

Usage: python3 bench/corpus_annotate.py DRAFT.src... [--out DIR]   (default out: tests/corpus)

A draft (*.src) is the article text, a line "=====", then one annotation per line.
Two annotation syntaxes are accepted (may be mixed):

1. JSON object: {"surface": "...", "occurrence": 2, "value": ..., "value_high": ..., "unit": ...,
   "approx": ..., "subject": ..., "speaker": ..., "check_worthy": ..., "conversion_of": "<surface>"}
2. Compact pipe form:
   surface | value | unit | approx | subject | speaker | y/n [| occ=N] [| conv=SURFACE]
   value: a decimal number, "LOW..HIGH" for a range, "-" for null, anything else is an ISO string.
   unit/subject/speaker "-" means null.

"occurrence" (occ=N) is the Nth occurrence of the surface in the whole text (1-based); without it the
next occurrence after the previous entry's end is used. Offsets are computed on the UTF-8 bytes and
verified: text.encode()[start:end].decode() == surface.
conversion_of is resolved to the 0-based index of the nearest preceding entry with that surface,
and implied_rate = value / other.value rounded to 6 significant digits.
"""
import json
import os
import re
import sys
from decimal import Decimal

NUM_RE = re.compile(r"^-?\d+(\.\d+)?$")
SPELLED = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|double|doubled|"
    r"triple|tripled|twice|halved|quadrupled|percent|per cent|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|quarter|score)\b", re.I)


def num(s):
    d = Decimal(s)
    if d == d.to_integral_value():
        return int(d)
    return float(s)  # shortest repr of a short decimal literal round-trips exactly as written


def parse_compact(line):
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 7:
        raise ValueError("need 7 fields: %r" % line)
    surface, value, unit, approx, subject, speaker, cw = parts[:7]
    e = {"surface": surface}
    vh = None
    if value == "-":
        v = None
    elif ".." in value:
        lo, hi = value.split("..")
        v, vh = num(lo), num(hi)
    elif NUM_RE.match(value):
        v = num(value)
    else:
        v = value
    e.update(value=v, value_high=vh, unit=None if unit == "-" else unit, approx=approx,
             subject=None if subject == "-" else subject,
             speaker=None if speaker == "-" else speaker,
             check_worthy={"y": True, "n": False}[cw])
    for opt in parts[7:]:
        k, _, val = opt.partition("=")
        if k == "occ":
            e["occurrence"] = int(val)
        elif k == "conv":
            e["conversion_of"] = val
        else:
            raise ValueError("bad option %r" % opt)
    return e


def find_word(text, s, pos):
    """text.find(s, pos) but never inside a word: no letter/digit right before or after the match."""
    i = text.find(s, pos)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(s)] if i + len(s) < len(text) else " "
        ok_b = not (s[0].isalnum() and before.isalnum())
        # Korean particles glue to the quantity ("1발을", "800㎞를"): a Hangul letter may follow
        hangul = "\uac00" <= after <= "\ud7a3"
        ok_a = not (s[-1].isalnum() and after.isalnum()) or hangul
        if ok_b and ok_a:
            return i
        i = text.find(s, i + 1)
    return -1


def process(src, outdir):
    raw = open(src, encoding="utf-8").read()
    text, sep, ann = raw.partition("\n=====\n")
    if not sep:
        raise SystemExit("%s: no ===== separator" % src)
    text = text.rstrip("\n") + "\n"
    entries = []
    for ln, line in enumerate(ann.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entries.append(json.loads(line) if line.lstrip().startswith("{") else parse_compact(line))
    out = []
    pos = 0
    b = text.encode("utf-8")
    for e in entries:
        s = e["surface"]
        if "occurrence" in e:
            i = -1
            for _ in range(e["occurrence"]):
                i = find_word(text, s, i + 1)
                if i < 0:
                    break
        else:
            i = find_word(text, s, pos)
        if i < 0:
            raise SystemExit("%s: surface %r not found (after char %d)" % (src, s, pos))
        pos = i + len(s)
        start = len(text[:i].encode("utf-8"))
        end = start + len(s.encode("utf-8"))
        assert b[start:end].decode("utf-8") == s
        rec = {"surface": s, "start": start, "end": end, "value": e.get("value"),
               "value_high": e.get("value_high"), "unit": e.get("unit"), "approx": e.get("approx", "exact"),
               "subject": e.get("subject"), "speaker": e.get("speaker"),
               "check_worthy": e["check_worthy"], "conversion_of": None}
        if e.get("conversion_of") is not None:
            tgt = e["conversion_of"]
            idx = None
            for j in range(len(out) - 1, -1, -1):
                if out[j]["surface"] == tgt:
                    idx = j
                    break
            if idx is None:
                raise SystemExit("%s: conversion_of %r not found before %r" % (src, tgt, s))
            rec["conversion_of"] = idx
            rate = rec["value"] / out[idx]["value"]
            rec["implied_rate"] = num("%.6g" % rate) if "e" not in "%.6g" % rate else round(rate, 6)
        out.append(rec)
    # sort by start (document order), keeping conversion_of indices consistent
    order = sorted(range(len(out)), key=lambda k: out[k]["start"])
    if order != list(range(len(out))):
        remap = {old: new for new, old in enumerate(order)}
        out = [out[k] for k in order]
        for r in out:
            if r["conversion_of"] is not None:
                r["conversion_of"] = remap[r["conversion_of"]]
    base = os.path.splitext(os.path.basename(src))[0]
    with open(os.path.join(outdir, base + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(outdir, base + ".jsonl"), "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # lint: numeric-looking tokens not covered by any annotation
    covered = bytearray(len(text))
    for r in out:
        cs = len(b[:r["start"]].decode("utf-8"))
        ce = cs + len(r["surface"])
        for k in range(cs, ce):
            covered[k] = 1
    warn = []
    for m in re.finditer(r"\d+", text):
        if not any(covered[m.start():m.end()]):
            warn.append("digits %r at %d: %r" % (m.group(), m.start(), text[max(0, m.start()-25):m.end()+25]))
    for m in SPELLED.finditer(text):
        if not any(covered[m.start():m.end()]):
            warn.append("word %r: %r" % (m.group(), text[max(0, m.start()-30):m.end()+30]))
    words = len(text.split())
    cw = sum(r["check_worthy"] for r in out)
    print("%s: %d words, %d mentions, %d check-worthy" % (base, words, len(out), cw))
    for w in warn:
        print("   uncovered", w.replace("\n", " "))
    return len(out)


def main(argv):
    outdir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "corpus")
    if "--out" in argv:
        k = argv.index("--out")
        outdir = argv[k + 1]
        del argv[k:k + 2]
    os.makedirs(outdir, exist_ok=True)
    for src in argv:
        process(src, outdir)


if __name__ == "__main__":
    main(sys.argv[1:])
