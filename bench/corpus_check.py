#!/usr/bin/env python3
"""Validate the claim-extractor evaluation corpus (tests/corpus/*.txt + *.jsonl).

Usage: python3 bench/corpus_check.py [CORPUS_DIR]     (default: tests/corpus next to this script's repo)

Checks, for every NN-domain-slug.txt / .jsonl pair:
  * the text is UTF-8 and every .jsonl line is a JSON object with the required fields;
  * start/end are UTF-8 byte offsets with text_bytes[start:end].decode() == surface;
  * mentions are sorted by start and do not overlap;
  * unit is in the allowed set of the conventions (ISO 4217 code for money), approx in the allowed set;
  * value types: number for numeric units, ISO string for date/time, null for identifiers;
    value_high only with approx "range" (and >= value);
  * conversion_of points to an earlier-or-later mention in the same file (not itself), with implied_rate.
Prints a per-domain summary and exits non-zero on any error.
"""
import glob
import json
import os
import re
import sys
from collections import defaultdict

REQUIRED = ["surface", "start", "end", "value", "value_high", "unit", "approx", "subject", "speaker", "check_worthy"]
APPROX = {"exact", "more_than", "less_than", "about", "range"}
PHYSICAL = {"km", "m", "cm", "mm", "mi", "nmi", "km2", "ha", "acre", "kg", "g", "t", "lb", "L", "bbl", "MW", "GW",
            "kW", "kWh", "MWh", "GWh", "TWh", "degC", "degF", "km/h", "mph", "knot", "ft", "in", "yd", "m2", "m3"}
OTHER = {"person", "count", "percent", "percentage_point", "ratio", "duration", "months", "years", "date", "year",
         "ordinal", "age", "time"}
CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CNY", "KRW", "RUB", "INR", "CHF", "BRL", "MXN", "TRY", "ZAR", "VES", "PEN",
              "CAD", "AUD", "HKD", "NZD", "SGD", "PLN", "PHP", "SEK", "NOK", "DKK", "IDR", "NGN", "KES", "EGP",
              "SAR", "AED", "THB", "VND", "TWD", "ARS", "CLP", "COP", "UAH", "CZK", "HUF", "ILS", "PKR", "BDT",
              "MYR", "QAR", "KWD", "ETB", "GHS", "MAD", "XOF"}
ALLOWED_UNITS = PHYSICAL | OTHER | CURRENCIES | {None}
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}|---\d{2})$")
TIME_RE = re.compile(r"^\d{2}:\d{2}$")
NAME_RE = re.compile(r"^(\d{2,3})-([a-z]+)-[a-z0-9-]+$")


def check_file(txt_path, errors):
    base = os.path.splitext(txt_path)[0]
    name = os.path.basename(base)
    jl = base + ".jsonl"
    def err(msg):
        errors.append("%s: %s" % (name, msg))
    if not NAME_RE.match(name):
        err("file name does not match NN-domain-slug")
    try:
        raw = open(txt_path, "rb").read()
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err("not UTF-8: %s" % e)
        return None
    if not os.path.exists(jl):
        err("missing .jsonl")
        return None
    recs = []
    for ln, line in enumerate(open(jl, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err("line %d: bad JSON: %s" % (ln, e))
            continue
        if not isinstance(r, dict):
            err("line %d: not an object" % ln)
            continue
        missing = [k for k in REQUIRED if k not in r]
        if missing:
            err("line %d: missing fields %s" % (ln, missing))
            continue
        if "e" in line.split('"value"')[1].split(",")[0].lower().replace("null", ""):
            err("line %d: exponent notation in value" % ln)
        recs.append((ln, r))
    prev_end = -1
    prev_start = -1
    for ln, r in recs:
        s, e, surf = r["start"], r["end"], r["surface"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(raw)):
            err("line %d: bad offsets %r %r" % (ln, s, e))
            continue
        try:
            got = raw[s:e].decode("utf-8")
        except UnicodeDecodeError:
            got = None
        if got != surf:
            err("line %d: text[%d:%d]=%r != surface %r" % (ln, s, e, got, surf))
        if s < prev_start:
            err("line %d: not sorted by start" % ln)
        if s < prev_end:
            err("line %d: overlaps previous mention" % ln)
        prev_start, prev_end = s, max(prev_end, e)
        u, v, vh, a = r["unit"], r["value"], r["value_high"], r["approx"]
        if u not in ALLOWED_UNITS:
            err("line %d: unit %r not allowed" % (ln, u))
        if a not in APPROX:
            err("line %d: approx %r not allowed" % (ln, a))
        if not isinstance(r["check_worthy"], bool):
            err("line %d: check_worthy not a bool" % ln)
        for k in ("subject", "speaker"):
            if r[k] is not None and not (isinstance(r[k], str) and r[k].strip()):
                err("line %d: %s must be a non-empty string or null" % (ln, k))
        if u == "date":
            if not (isinstance(v, str) and DATE_RE.match(v)):
                err("line %d: date value %r not ISO" % (ln, v))
        elif u == "time":
            if not (isinstance(v, str) and TIME_RE.match(v)):
                err("line %d: time value %r not HH:MM" % (ln, v))
        elif u is None:
            if v is not None:
                err("line %d: unit null but value %r" % (ln, v))
        elif u == "year" and a == "range":
            pass
        else:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                err("line %d: value %r should be a number for unit %s" % (ln, v, u))
        if u == "year" and a != "range" and not isinstance(v, int):
            err("line %d: year value must be an integer" % ln)
        if a == "range":
            if vh is None or not isinstance(vh, (int, float)) or vh < v:
                err("line %d: range needs value_high >= value" % ln)
        elif vh is not None:
            err("line %d: value_high set but approx is %r" % (ln, a))
        c = r.get("conversion_of")
        if c is not None:
            if not (isinstance(c, int) and 0 <= c < len(recs)) or recs[c][1] is r:
                err("line %d: bad conversion_of %r" % (ln, c))
            elif "implied_rate" not in r:
                err("line %d: conversion_of without implied_rate" % ln)
    return name, len(raw.decode("utf-8").split()), [r for _, r in recs]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "corpus")
    errors = []
    txts = sorted(glob.glob(os.path.join(d, "*.txt")))
    for j in sorted(glob.glob(os.path.join(d, "*.jsonl"))):
        if not os.path.exists(j[:-6] + ".txt"):
            errors.append("%s: .jsonl without .txt" % os.path.basename(j))
    per = defaultdict(lambda: [0, 0, 0, 0])
    words = []
    for t in txts:
        res = check_file(t, errors)
        if res is None:
            continue
        name, nwords, recs = res
        m = NAME_RE.match(name)
        dom = m.group(2) if m else "?"
        p = per[dom]
        p[0] += 1
        p[1] += len(recs)
        p[2] += sum(1 for r in recs if r["check_worthy"])
        p[3] += nwords
        words.append(nwords)
    print("%-14s %8s %9s %13s %7s" % ("domain", "articles", "mentions", "check_worthy", "words"))
    tot = [0, 0, 0, 0]
    for dom in sorted(per):
        p = per[dom]
        print("%-14s %8d %9d %13d %7d" % (dom, p[0], p[1], p[2], p[3]))
        tot = [a + b for a, b in zip(tot, p)]
    print("%-14s %8d %9d %13d %7d" % ("TOTAL", *tot))
    if words:
        print("article length: min %d, max %d words" % (min(words), max(words)))
    for e in errors:
        print("ERROR", e)
    print("%d files checked, %d errors" % (len(txts), len(errors)))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
