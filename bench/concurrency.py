#!/usr/bin/env python3
"""Concurrency: 50 writers for N seconds, no 5xx, no "database is locked", no lost update.

SECURITY.md, "Durability and concurrency". Starts the real binary on a fresh database (SQLite by
default; --postgres URL creates a database `claimdesk_test_bench_<hex>` on that server and drops it
afterwards), signs reviewers in through the HTML forms, creates an article and accepts its candidates,
then runs --writers threads for --seconds. Each writer loops over a random mix of:

  * edit     GET /claims/{id} (the version from its hidden field), then POST /claims/{id}/edit with
             that version: 303, or 409 when another writer got there first (expected);
  * comment  POST /claims/{id}/comments: 303;
  * tag      POST /claims/{id}/tags (add or remove one of a few tags): 303.

Checks (each one line of the closing `N passed, M failed`):

  1. no 5xx answer;
  2. no answer body and no server log line contains "database is locked";
  3. every answer is one the action expects (above; the claim page answers 200);
  4. no update lost: per claim, acknowledged edits == `edited` events == the version's increase,
     and acknowledged comments == comment rows == `commented` events;
  5. the lost-update case: two edits sent at once from the same version give exactly one 303 and one
     409, the 409 page says what changed, and the claim keeps the winner's text;
  6. the server still answers afterwards;
  7. with --verify-history, `claimdesk audit verify` finds the history's hash chains intact.

The table of answers also gives each action's median and 95th-percentile latency (ms).

Python 3 standard library only; shares the HTTP and server helpers of bench/crash_durability.py.

    python3 bench/concurrency.py [--bin target/release/claimdesk] [--seconds 30] [--writers 50]
                                 [--postgres postgres://postgres@127.0.0.1:5432/test]
                                 [--verify-history]
"""

import argparse
import html
import math
import os
import random
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    PASSWORD,
    Browser,
    PostgresDb,
    Server,
    SqliteDb,
    add_reviewer,
    create_article_with_claims,
    log,
    request,
)

LOCKED = "database is locked"
EXPECTED = {"view": {200}, "edit": {303, 409}, "comment": {303}, "tag": {303}}
TAGS = ["budget", "navy", "needs-source", "disputed", "follow-up"]


def version_in(page):
    m = re.search(r'name="version" value="(\d+)"', page)
    if not m:
        raise RuntimeError("no version field on the claim page")
    return int(m.group(1))


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}  # (action, status) -> n
        self.locked_bodies = 0
        self.samples = []  # a few unexpected answers, for the report
        self.acked_edits = {}  # claim id -> n
        self.acked_comments = {}
        self.latencies = {}  # action -> [seconds]

    def add(self, action, status, body, claim_id, seconds=None):
        with self.lock:
            if seconds is not None:
                self.latencies.setdefault(action, []).append(seconds)
            key = (action, status)
            self.counts[key] = self.counts.get(key, 0) + 1
            if body and LOCKED in body:
                self.locked_bodies += 1
            if status not in EXPECTED[action] and len(self.samples) < 5:
                snippet = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body or ""))[:200]
                self.samples.append("%s %s on claim %s: %s" % (action, status, claim_id, snippet))
            if status == 303 and action == "edit":
                self.acked_edits[claim_id] = self.acked_edits.get(claim_id, 0) + 1
            if status == 303 and action == "comment":
                self.acked_comments[claim_id] = self.acked_comments.get(claim_id, 0) + 1


def writer(server, browser, claim_ids, statements, deadline, tally, n, seed):
    rng = random.Random(seed)
    i = 0
    while time.time() < deadline:
        i += 1
        claim_id = rng.choice(claim_ids)
        roll = rng.random()
        try:
            if roll < 0.45:
                t0 = time.perf_counter()
                status, _, page = browser.get("/claims/%d" % claim_id)
                tally.add("view", status, page, claim_id, time.perf_counter() - t0)
                if status != 200:
                    continue
                version = version_in(page)
                # A little think time widens the window in which another writer moves the claim on.
                time.sleep(rng.random() * 0.02)
                t0 = time.perf_counter()
                status, _, body = browser.post(
                    "/claims/%d/edit" % claim_id,
                    {
                        "version": str(version),
                        "statement": "%s (rev w%d-%d)" % (statements[claim_id], n, i),
                        "subject": "subject w%d" % n,
                        "speaker": "the ministry",
                    },
                )
                tally.add("edit", status, body, claim_id, time.perf_counter() - t0)
            elif roll < 0.75:
                t0 = time.perf_counter()
                status, _, body = browser.post(
                    "/claims/%d/comments" % claim_id,
                    {"body": "comment w%d-%d %s" % (n, i, secrets.token_hex(3))},
                )
                tally.add("comment", status, body, claim_id, time.perf_counter() - t0)
            else:
                fields = {"tag": rng.choice(TAGS)}
                if rng.random() < 0.3:
                    fields["remove"] = "1"
                t0 = time.perf_counter()
                status, _, body = browser.post("/claims/%d/tags" % claim_id, fields)
                tally.add("tag", status, body, claim_id, time.perf_counter() - t0)
        except (OSError, http.client.HTTPException) as e:
            tally.add("view" if roll < 0.45 else "comment" if roll < 0.75 else "tag",
                      "error: %s" % type(e).__name__, "", claim_id)


def percentile(values, q):
    """The q-th percentile (0-100) of a non-empty list, nearest rank."""
    ordered = sorted(values)
    rank = math.ceil(q / 100.0 * len(ordered))
    return ordered[max(0, min(len(ordered), rank) - 1)]


def claim_states(db, claim_ids):
    ids = ",".join(str(i) for i in claim_ids)
    versions = {int(c): int(v) for c, v in db.query("SELECT id, version FROM claims WHERE id IN (%s)" % ids)}

    def counted(sql):
        return {int(c): int(n) for c, n in db.query(sql % ids)}

    edited = counted(
        "SELECT entity_id, COUNT(*) FROM events WHERE entity = 'claim' AND action = 'edited' "
        "AND entity_id IN (%s) GROUP BY entity_id"
    )
    commented = counted(
        "SELECT entity_id, COUNT(*) FROM events WHERE entity = 'claim' AND action = 'commented' "
        "AND entity_id IN (%s) GROUP BY entity_id"
    )
    comments = counted("SELECT claim_id, COUNT(*) FROM comments WHERE claim_id IN (%s) GROUP BY claim_id")
    return versions, edited, commented, comments


def lost_update_case(server, browser_a, browser_b, claim_id, statement):
    """Two members load the same version and save at the same moment: one 303, one 409."""
    status, _, page = browser_a.get("/claims/%d" % claim_id)
    if status != 200:
        return False, "claim page answered %s" % status
    version = version_in(page)
    texts = {
        "a": "%s (lost-update A %s)" % (statement, secrets.token_hex(3)),
        "b": "%s (lost-update B %s)" % (statement, secrets.token_hex(3)),
    }
    results = {}
    barrier = threading.Barrier(2)

    def save(who, browser):
        barrier.wait(10)
        results[who] = browser.post(
            "/claims/%d/edit" % claim_id,
            {"version": str(version), "statement": texts[who], "subject": "", "speaker": ""},
        )

    threads = [threading.Thread(target=save, args=(w, b)) for w, b in (("a", browser_a), ("b", browser_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    codes = sorted(r[0] for r in results.values())
    if codes != [303, 409]:
        return False, "two edits from version %d answered %s, not one 303 and one 409" % (version, codes)
    winner = next(w for w, r in results.items() if r[0] == 303)
    loser = "b" if winner == "a" else "a"
    conflict_page = html.unescape(results[loser][2])
    if texts[winner] not in conflict_page:
        return False, "the 409 page does not show what changed (the winner's text)"
    if texts[loser] not in conflict_page:
        return False, "the 409 page does not keep what the member typed"
    status, _, page = browser_a.get("/claims/%d" % claim_id)
    now = html.unescape(page)
    if version_in(page) != version + 1:
        return False, "version went from %d to %d after one accepted edit" % (version, version_in(page))
    if texts[winner] not in now or texts[loser] in now:
        return False, "the claim does not carry the winner's text"
    # And sequentially: a second save from the old version after the first one went through.
    status, _, _ = browser_b.post(
        "/claims/%d/edit" % claim_id,
        {"version": str(version), "statement": statement + " (late)", "subject": "", "speaker": ""},
    )
    if status != 409:
        return False, "a save from an old version after another one answered %s, not 409" % status
    return True, "one 303 (%s), one 409 with what changed; a late save from version %d: 409" % (
        winner.upper(), version)


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build --release)" % binary)
    workdir = tempfile.mkdtemp(prefix="claimdesk-concurrency-")
    db = PostgresDb(args.postgres) if args.postgres else SqliteDb(workdir)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    log_path = os.path.join(workdir, "server.log")
    log("concurrency on %s: %d writers for %ss, binary %s, work dir %s"
        % (backend, args.writers, args.seconds, binary, workdir))
    server = Server(binary, db.url, log_path)
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        log("%s  %s%s" % ("PASS" if ok else "FAIL", name, (": " + detail) if detail else ""))

    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        emails = []
        for k in range(args.members):
            email = "writer%d-%s@example.org" % (k, secrets.token_hex(3))
            add_reviewer(server, email, "Writer %d" % k)
            emails.append(email)
        server.start()
        browsers = []
        for email in emails:
            b = Browser(server)
            b.sign_in(email, PASSWORD)
            browsers.append(b)
        _, claim_ids = create_article_with_claims(browsers[0])
        statements = {}
        for cid in claim_ids:
            _, _, page = browsers[0].get("/claims/%d" % cid)
            m = re.search(r'name="statement"[^>]*>([^<]*)</textarea>', page)
            statements[cid] = html.unescape(m.group(1)).strip() if m else "Claim %d" % cid
        before = claim_states(db, claim_ids)
        log("setup: %d reviewers signed in, %d claims" % (len(browsers), len(claim_ids)))

        tally = Tally()
        deadline = time.time() + args.seconds
        threads = [
            threading.Thread(
                target=writer,
                args=(server, browsers[n % len(browsers)], claim_ids, statements, deadline, tally, n,
                      args.seed * 1000 + n),
                daemon=True,
            )
            for n in range(args.writers)
        ]
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + 120)
        elapsed = time.time() - started

        # The table of answers per action.
        statuses = sorted({s for (_, s) in tally.counts}, key=str)
        actions = ["view", "edit", "comment", "tag"]
        log("")
        log("%-8s %s %8s %10s %8s" % (
            "action", " ".join("%8s" % s for s in statuses), "total", "median ms", "p95 ms"))
        grand = 0
        for a in actions:
            row = [tally.counts.get((a, s), 0) for s in statuses]
            grand += sum(row)
            times = tally.latencies.get(a, [])
            median = "%.1f" % (percentile(times, 50) * 1000) if times else "-"
            p95 = "%.1f" % (percentile(times, 95) * 1000) if times else "-"
            log("%-8s %s %8d %10s %8s" % (a, " ".join("%8d" % n for n in row), sum(row), median, p95))
        log("%d requests in %.1fs (%.0f/s)" % (grand, elapsed, grand / elapsed if elapsed else 0))
        log("")

        five_xx = {k: n for k, n in tally.counts.items() if isinstance(k[1], int) and k[1] >= 500}
        check("no 5xx answer", not five_xx, ", ".join("%s %s: %d" % (a, s, n) for (a, s), n in five_xx.items()))
        log_locked = [line for line in server.log_text().splitlines() if LOCKED in line]
        check(
            'no "database is locked" in answers or the server log',
            tally.locked_bodies == 0 and not log_locked,
            "%d answers, %d log lines%s" % (
                tally.locked_bodies, len(log_locked), (", e.g. " + log_locked[0][:200]) if log_locked else ""),
        )
        unexpected = {k: n for k, n in tally.counts.items() if k[1] not in EXPECTED[k[0]]}
        check(
            "every answer is an expected one (edit 303/409, comment 303, tag 303, page 200)",
            not unexpected,
            "; ".join(["%s %s: %d" % (a, s, n) for (a, s), n in unexpected.items()] + tally.samples),
        )

        v0, e0, c0, n0 = before
        v1, e1, c1, n1 = claim_states(db, claim_ids)
        bad = []
        for cid in claim_ids:
            acked_e = tally.acked_edits.get(cid, 0)
            acked_c = tally.acked_comments.get(cid, 0)
            d_version = v1.get(cid, 0) - v0.get(cid, 0)
            d_edited = e1.get(cid, 0) - e0.get(cid, 0)
            d_commented = c1.get(cid, 0) - c0.get(cid, 0)
            d_comments = n1.get(cid, 0) - n0.get(cid, 0)
            if not (acked_e == d_edited == d_version and acked_c == d_comments == d_commented):
                bad.append(
                    "claim %d: edits acknowledged %d, events %d, version +%d; comments acknowledged %d, "
                    "rows %d, events %d" % (cid, acked_e, d_edited, d_version, acked_c, d_comments, d_commented)
                )
        total_e = sum(tally.acked_edits.values())
        total_c = sum(tally.acked_comments.values())
        check(
            "no update lost (acknowledged edits == 'edited' events == version increase; comments == rows "
            "== 'commented' events)",
            not bad,
            "; ".join(bad[:3]) if bad else "%d edits, %d comments on %d claims" % (total_e, total_c, len(claim_ids)),
        )

        b = browsers[1 % len(browsers)]
        ok, detail = lost_update_case(server, browsers[0], b, claim_ids[0], statements[claim_ids[0]])
        check("lost-update case: two edits from the same version", ok, detail)

        try:
            status, _, _ = request(server, "GET", "/healthz", timeout=10)
        except (OSError, http.client.HTTPException) as e:
            status = "no answer (%s)" % e
        alive = server.proc.poll() is None and status == 200
        check("the server still answers", alive, "" if alive else "healthz: %s" % status)

        if args.verify_history:
            done = server.run_cli(["audit", "verify"])
            check("the history's hash chains are intact (claimdesk audit verify)", done.returncode == 0,
                  (done.stdout.strip() or done.stderr.strip())[:300])
    except Exception as e:  # noqa: BLE001 - any setup error is a failed run
        check("setup", False, str(e))
    finally:
        server.stop()
        db.drop()
    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    log("%d passed, %d failed" % (passed, failed))
    if failed == 0 and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif failed:
        log("kept %s (database and server.log) for inspection" % workdir)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="target/release/claimdesk")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--members", type=int, default=5, help="reviewers the writers sign in as")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server URL (a database is created on it)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--verify-history", action="store_true",
                        help="also run `claimdesk audit verify` afterwards (binaries with the audit command)")
    args = parser.parse_args()
    if args.writers < 1 or args.members < 2:
        parser.error("--writers must be at least 1 and --members at least 2")
    sys.exit(run(args))


if __name__ == "__main__":
    main()
