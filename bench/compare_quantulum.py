#!/usr/bin/env python3
"""Compare the ClaimDesk claim extractor with quantulum3 on the annotated corpus (tests/corpus).

Run from the repository root:

    python3 bench/compare_quantulum.py [--bin target/release/claimdesk]

Setup (once):

    pip install 'quantulum3[classifier]'     # quantulum3 0.10.0 + scikit-learn, stemming, joblib
    # (plain `pip install quantulum3` also works: quantulum then runs without its unit
    #  disambiguation classifier, and the table says so)

quantulum3 0.10.0 ships a pickled classifier (clf.joblib) that current scikit-learn cannot load, so
when scikit-learn is importable this script retrains the classifier once from the training data that
ships inside the package (~5 s) and caches it in ~/.cache/claimdesk-bench/ (override with
--quantulum-clf PATH, or --no-classifier to skip it).

What is scored
--------------
Gold: every annotation in tests/corpus/*.jsonl with check_worthy == true and a numeric value
("check-worthy numeric mentions"). Non-check-worthy annotations (dates placing events, bylines,
phone numbers, model names...) are not gold, but predictions that land on them count as false positives.

Predictions:
  * claimdesk: `BIN extract FILE...` over all corpus .txt files in ONE process call; JSON lines with
    file, start, end (UTF-8 byte offsets), surface, value, value_high, unit, ... check_worthy.
    Only its check_worthy == true predictions count.
  * quantulum3: parser.parse(text) per file. quantulum has no check-worthiness flag, so ALL of its
    mentions count. Its spans are character offsets and are converted to byte offsets; its units are
    mapped to ours (currency -> ISO 4217 code, percentage/per cent -> percent, dimensionless -> count,
    hours/minutes/days/weeks -> duration in seconds, months/years/decades -> months/years, physical units
    -> our symbols, dozen -> count x 12, milligram -> g).

Matching: a prediction and a gold mention match when their byte spans overlap.
  precision        = predictions overlapping a gold mention / all counted predictions
  precision (lenient) = same, but predictions that only overlap NON-check-worthy annotations are
                     left out of the denominator (they are neither right nor wrong there)
  recall           = gold mentions overlapped by at least one prediction / gold mentions
  value+unit acc.  = on recalled gold mentions, the best-overlapping prediction has the same value
                     (relative tolerance 1e-6; for gold ranges the low end, or the midpoint, which is
                     what quantulum reports for ranges) and the same unit
  unit acc. (person=count) = unit agreement when person and count are treated as one class
                     (quantulum cannot tell counts of people from other counts)
Throughput: corpus bytes / median wall time of 3 runs: for claimdesk the whole process call
(including process start-up), for quantulum the summed parser.parse() time (library already loaded,
one warm-up parse done first).

Testing without the binary: --pred-file FILE reads claimdesk-format JSON lines instead of running the
binary; --gold-as-pred uses the annotations themselves as claimdesk predictions (expects F1 = 1.0).
--json FILE writes all figures as JSON.
"""
import argparse
import glob
import json
import math
import os
import statistics
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# ----------------------------------------------------------------------------- corpus


def load_corpus(corpus_dir):
    docs = []
    for txt in sorted(glob.glob(os.path.join(corpus_dir, "*.txt"))):
        name = os.path.splitext(os.path.basename(txt))[0]
        raw = open(txt, "rb").read()
        anns = [json.loads(l) for l in open(txt[:-4] + ".jsonl", encoding="utf-8") if l.strip()]
        docs.append({"name": name, "path": txt, "bytes": raw, "text": raw.decode("utf-8"), "anns": anns})
    if not docs:
        sys.exit("no corpus files in %s" % corpus_dir)
    return docs


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def gold_of(doc):
    return [a for a in doc["anns"] if a["check_worthy"] and is_number(a["value"])]


# ----------------------------------------------------------------------------- claimdesk


def run_claimdesk(binary, docs, runs):
    cmd = [binary, "extract"] + [d["path"] for d in docs]
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            sys.exit("claimdesk failed (exit %d): %s" % (p.returncode, p.stderr.decode()[:2000]))
        out = p.stdout.decode("utf-8")
    return parse_claimdesk_lines(out.splitlines(), docs), statistics.median(times)


def parse_claimdesk_lines(lines, docs):
    by_name = {d["name"]: [] for d in docs}
    for line in lines:
        line = line.strip()
        if not line:
            continue
        r = json.loads(line)
        name = os.path.splitext(os.path.basename(r.get("file", "")))[0]
        if name not in by_name:
            continue
        if not r.get("check_worthy"):
            continue
        by_name[name].append({"start": r["start"], "end": r["end"], "surface": r.get("surface"),
                              "value": r.get("value"), "value_high": r.get("value_high"), "unit": r.get("unit")})
    return by_name


def gold_as_pred(docs):
    lines = []
    for d in docs:
        for a in d["anns"]:
            r = dict(a)
            r["file"] = d["path"]
            lines.append(json.dumps(r))
    return parse_claimdesk_lines(lines, docs)


# ----------------------------------------------------------------------------- quantulum3

CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "pound": "GBP",
    "japanese yen": "JPY", "yen": "JPY", "renminbi": "CNY", "yuan": "CNY", "chinese yuan": "CNY",
    "south korean won": "KRW", "won": "KRW", "indian rupee": "INR", "rupee": "INR", "mexican peso": "MXN",
    "philippine peso": "PHP", "peso": "MXN", "polish zloty": "PLN", "zloty": "PLN", "australian dollar": "AUD",
    "canadian dollar": "CAD", "swiss franc": "CHF", "russian ruble": "RUB", "brazilian real": "BRL",
}
# quantulum unit name -> (our unit, factor applied to the value)
UNIT_MAP = {
    "dimensionless": ("count", 1), "dozen": ("count", 12), "percentage": ("percent", 1), "per cent": ("percent", 1),
    "percent": ("percent", 1), "percentage point": ("percentage_point", 1),
    "second": ("duration", 1), "minute": ("duration", 60), "hour": ("duration", 3600), "day": ("duration", 86400),
    "week": ("duration", 604800), "month": ("months", 1), "year": ("years", 1), "decade": ("years", 10),
    "kilometre": ("km", 1), "metre": ("m", 1), "centimetre": ("cm", 1), "millimetre": ("mm", 1), "mile": ("mi", 1),
    "nautical mile": ("nmi", 1), "foot": ("ft", 1), "square kilometre": ("km2", 1), "hectare": ("ha", 1),
    "acre": ("acre", 1), "square metre": ("m2", 1), "kilogram": ("kg", 1), "gram": ("g", 1),
    "milligram": ("g", 0.001), "tonne": ("t", 1), "ton": ("t", 1), "metric ton": ("t", 1), "short ton": ("t", 1),
    "pound-mass": ("lb", 1), "litre": ("L", 1), "barrel": ("bbl", 1), "barrel per day": ("bbl", 1),
    "cubic metre": ("m3", 1), "megawatt": ("MW", 1), "gigawatt": ("GW", 1), "kilowatt": ("kW", 1),
    "kilowatt hour": ("kWh", 1), "megawatt hour": ("MWh", 1), "gigawatt hour": ("GWh", 1),
    "terawatt hour": ("TWh", 1), "degree Celsius": ("degC", 1), "degree fahrenheit": ("degF", 1),
    "degree Fahrenheit": ("degF", 1), "kilometre per hour": ("km/h", 1), "mile per hour": ("mph", 1),
    "knot": ("knot", 1),
}


def map_quantulum_unit(q):
    unit = q.unit
    name = unit.name
    entity = unit.entity.name if unit.entity is not None else None
    if entity == "currency":
        code = getattr(unit, "currency_code", None)
        return (code or CURRENCY_NAMES.get(name.lower(), name)), 1
    if name in UNIT_MAP:
        return UNIT_MAP[name]
    if name.lower() in CURRENCY_NAMES:
        return CURRENCY_NAMES[name.lower()], 1
    return "q:" + name, 1  # unmapped: never equal to one of ours


def quantulum_setup(args):
    """Import quantulum3 and pick the classifier path. Returns (parser, classifier_path, note)."""
    warnings.filterwarnings("ignore")
    import logging
    logging.disable(logging.WARNING)
    try:
        from quantulum3 import parser
    except ImportError:
        sys.exit("quantulum3 is not installed: pip install 'quantulum3[classifier]'")
    from quantulum3 import classifier
    if args.no_classifier or not classifier.USE_CLF:
        classifier.USE_CLF = False  # quantulum's own switch: rule-based unit disambiguation
        why = "--no-classifier" if args.no_classifier else "scikit-learn not installed"
        return parser, None, "quantulum3 without its unit classifier (%s)" % why
    path = args.quantulum_clf
    if path is None:
        from importlib.metadata import version
        cache = os.path.join(os.path.expanduser("~"), ".cache", "claimdesk-bench")
        os.makedirs(cache, exist_ok=True)
        path = os.path.join(cache, "quantulum3-%s-sklearn-%s-clf.joblib" % (version("quantulum3"), version("scikit-learn")))
    if not os.path.exists(path):
        print("training quantulum3's unit classifier once from its shipped training data -> %s" % path,
              file=sys.stderr)
        classifier.train_classifier(store=True, output_path=path, n_jobs=1)
    return parser, path, "quantulum3 with its unit classifier (retrained locally)"


def run_quantulum(parser, clf_path, docs, runs):
    parser.parse("The ministry said 3 ships and $5 million.", classifier_path=clf_path)  # warm-up / lazy loads
    times, preds = [], None
    for _ in range(runs):
        res = {}
        total = 0.0
        for d in docs:
            t0 = time.perf_counter()
            qs = parser.parse(d["text"], classifier_path=clf_path)
            total += time.perf_counter() - t0
            res[d["name"]] = qs
        times.append(total)
        preds = res
    out = {}
    for d in docs:
        text = d["text"]
        lst = []
        for q in preds[d["name"]]:
            cs, ce = q.span
            bs = len(text[:cs].encode("utf-8"))
            be = bs + len(text[cs:ce].encode("utf-8"))
            unit, factor = map_quantulum_unit(q)
            v = q.value
            if is_number(v):
                v = v * factor
            lst.append({"start": bs, "end": be, "surface": q.surface, "value": v, "value_high": None, "unit": unit})
        out[d["name"]] = lst
    return out, statistics.median(times)


# ----------------------------------------------------------------------------- scoring


def overlap(a, b):
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def same_value(g, p):
    pv = p.get("value")
    if not is_number(pv):
        return False
    gv = g["value"]

    def close(x, y):
        return math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9)
    if close(gv, pv):
        if g.get("value_high") is not None and is_number(p.get("value_high")):
            return close(g["value_high"], p["value_high"])
        return True
    if g.get("value_high") is not None and close((gv + g["value_high"]) / 2, pv):
        return True
    return False


def score(docs, preds):
    n_pred = tp_pred = fp_noncw = n_gold = recalled = vu_ok = v_ok = u_ok = u_ok_len = 0
    per_domain = {}
    for d in docs:
        gold = gold_of(d)
        noncw = [a for a in d["anns"] if not (a["check_worthy"] and is_number(a["value"]))]
        ps = preds.get(d["name"], [])
        dom = d["name"].split("-")[1]
        st = per_domain.setdefault(dom, [0, 0, 0, 0])  # preds, tp preds, gold, recalled
        for p in ps:
            n_pred += 1
            st[0] += 1
            if any(overlap(p, g) > 0 for g in gold):
                tp_pred += 1
                st[1] += 1
            elif any(overlap(p, a) > 0 for a in noncw):
                fp_noncw += 1
        for g in gold:
            n_gold += 1
            st[2] += 1
            cands = [p for p in ps if overlap(p, g) > 0]
            if not cands:
                continue
            recalled += 1
            st[3] += 1
            best = max(cands, key=lambda p: (overlap(p, g), same_value(g, p)))
            vs = same_value(g, best)
            us = best.get("unit") == g["unit"]
            ul = us or ({best.get("unit"), g["unit"]} <= {"person", "count"})
            v_ok += vs
            u_ok += us
            u_ok_len += ul
            vu_ok += vs and us
    P = tp_pred / n_pred if n_pred else 0.0
    PL = tp_pred / (n_pred - fp_noncw) if n_pred - fp_noncw else 0.0
    R = recalled / n_gold if n_gold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    dom_f1 = {}
    for dom, (np_, tp, ng, rc) in sorted(per_domain.items()):
        p = tp / np_ if np_ else 0.0
        r = rc / ng if ng else 0.0
        dom_f1[dom] = 2 * p * r / (p + r) if p + r else 0.0
    return {"predictions": n_pred, "true_positive_predictions": tp_pred, "predictions_on_non_check_worthy": fp_noncw,
            "gold": n_gold, "recalled": recalled, "precision": P, "precision_lenient": PL, "recall": R, "f1": F,
            "value_unit_accuracy": vu_ok / recalled if recalled else 0.0,
            "value_accuracy": v_ok / recalled if recalled else 0.0,
            "unit_accuracy": u_ok / recalled if recalled else 0.0,
            "unit_accuracy_person_eq_count": u_ok_len / recalled if recalled else 0.0,
            "f1_by_domain": dom_f1}


# ----------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "claimdesk"),
                    help="claimdesk binary (default target/release/claimdesk)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "tests", "corpus"))
    ap.add_argument("--runs", type=int, default=3, help="timing runs, the median is reported (default 3)")
    ap.add_argument("--pred-file", help="claimdesk-format JSON lines to score instead of running the binary")
    ap.add_argument("--gold-as-pred", action="store_true", help="self-test: annotations as claimdesk predictions")
    ap.add_argument("--skip-quantulum", action="store_true")
    ap.add_argument("--no-classifier", action="store_true", help="run quantulum3 without its unit classifier")
    ap.add_argument("--quantulum-clf", help="path of a quantulum3 classifier .joblib (trained if missing)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()

    docs = load_corpus(args.corpus)
    total_bytes = sum(len(d["bytes"]) for d in docs)
    mb = total_bytes / 1e6
    results = {}
    notes = []

    # claimdesk
    cd_label = "claimdesk"
    if args.gold_as_pred:
        results[cd_label] = score(docs, gold_as_pred(docs))
        results[cd_label]["time_s"] = None
        notes.append("claimdesk column = the annotations themselves (--gold-as-pred self-test)")
    elif args.pred_file:
        preds = parse_claimdesk_lines(open(args.pred_file, encoding="utf-8").read().splitlines(), docs)
        results[cd_label] = score(docs, preds)
        results[cd_label]["time_s"] = None
        notes.append("claimdesk column = predictions read from %s (no timing)" % args.pred_file)
    elif os.path.exists(args.bin) and os.access(args.bin, os.X_OK):
        preds, t = run_claimdesk(args.bin, docs, args.runs)
        results[cd_label] = score(docs, preds)
        results[cd_label]["time_s"] = t
        notes.append("claimdesk: %s extract <%d files>, check_worthy=true predictions only; time = whole "
                     "process call incl. start-up" % (args.bin, len(docs)))
    else:
        notes.append("claimdesk binary not found at %s (build it: cargo build --release)" % args.bin)

    # quantulum3
    if not args.skip_quantulum:
        parser, clf, qnote = quantulum_setup(args)
        preds, t = run_quantulum(parser, clf, docs, args.runs)
        from importlib.metadata import version
        q_label = "quantulum3 %s" % version("quantulum3")
        results[q_label] = score(docs, preds)
        results[q_label]["time_s"] = t
        notes.append(qnote + "; ALL its mentions count (it has no check-worthiness flag); time = summed "
                     "parser.parse() calls")

    for r in results.values():
        r["mb_per_s"] = (mb / r["time_s"]) if r.get("time_s") else None

    # table
    cols = list(results)
    gold_n = sum(len(gold_of(d)) for d in docs)
    print("Corpus: %d articles, %d bytes, %d annotated mentions, %d check-worthy numeric (gold)" % (
        len(docs), total_bytes, sum(len(d["anns"]) for d in docs), gold_n))
    rows = [
        ("predictions counted", "predictions", "%d"),
        ("  on a gold mention", "true_positive_predictions", "%d"),
        ("  on a non-check-worthy mention", "predictions_on_non_check_worthy", "%d"),
        ("gold mentions found", "recalled", "%d"),
        ("precision", "precision", "%.3f"),
        ("precision (lenient)", "precision_lenient", "%.3f"),
        ("recall", "recall", "%.3f"),
        ("F1", "f1", "%.3f"),
        ("value+unit accuracy on matches", "value_unit_accuracy", "%.3f"),
        ("  value accuracy", "value_accuracy", "%.3f"),
        ("  unit accuracy", "unit_accuracy", "%.3f"),
        ("  unit accuracy (person=count)", "unit_accuracy_person_eq_count", "%.3f"),
        ("time, median of %d runs (s)" % args.runs, "time_s", "%.3f"),
        ("throughput (MB/s)", "mb_per_s", "%.3f"),
    ]
    w0 = 34
    wc = max([16] + [len(c) + 2 for c in cols])
    print("%-*s" % (w0, "") + "".join("%*s" % (wc, c) for c in cols))
    for label, key, fmt in rows:
        cells = []
        for c in cols:
            v = results[c].get(key)
            cells.append("%*s" % (wc, "n/a" if v is None else fmt % v))
        print("%-*s" % (w0, label) + "".join(cells))
    doms = sorted({d["name"].split("-")[1] for d in docs})
    for dom in doms:
        print("%-*s" % (w0, "F1 " + dom) + "".join(
            "%*s" % (wc, "%.3f" % results[c]["f1_by_domain"].get(dom, 0.0)) for c in cols))
    print()
    for n in notes:
        print("note:", n)
    print("note: gold = check_worthy annotations with a numeric value; match = overlapping byte spans")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"corpus_bytes": total_bytes, "articles": len(docs), "gold": gold_n, "results": results,
                       "notes": notes}, f, indent=2)


if __name__ == "__main__":
    main()
