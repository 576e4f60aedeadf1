#!/usr/bin/env python3
"""Verdict record, from outside: a published verdict changes only by a correction, a blind verdict is
sealed, and the history's hash chain names a row changed behind the application's back.

A black-box check of the rules `tests/api/record.rs` and `tests/api/audit.rs` prove from inside.
Starts the real binary on a fresh SQLite file, creates an admin, an editor and two reviewers with
`claimdesk user add`, signs them in through the HTML forms (CSRF tokens included), takes a claim
with a citation through review to publication, and checks, over HTTP and the command line only
(plus the `sqlite3` command line tool for the tampering step):

  1. a reviewer's and an editor's edits to the published claim (its statement; adding a citation;
     removing its citation) each answer 409 and leave the claim's version, `/verdicts/{id}` and
     `/claims/{id}/claimreview.json` byte for byte as they were;
  2. retiring the verdict the claim carries answers 409 naming the claim (`#id`) and leaves the
     public page and the ClaimReview byte for byte as they were;
  3. reopening it as a correction (an editor, with a note) keeps `/verdicts/{id}` at 200 with the
     "Correction in progress" notice, and the ClaimReview as published;
  4. with blind review turned on through the team settings form (as the admin), a reviewer proposes a
     verdict on another claim: the second reviewer finds neither its label nor its rationale in the
     queue's row for the claim, in `/claims?verdict=<key>` or in `/export/claims.csv` (while the
     proposer finds all three, so the check cannot pass on an empty page);
  5. with the server stopped, `claimdesk audit verify` exits 0; after one event row is altered with
     `sqlite3` (`UPDATE events SET after_value = 'x' WHERE id = N`) it exits non-zero and its stderr
     names that event's id and team.

Python 3 standard library only; shares the HTTP and server helpers of bench/crash_durability.py.
Prints one line per check and a closing `N passed, M failed`; exits non-zero on any failure.

    python3 bench/verdict_record.py [--bin target/debug/claimdesk] [--keep]
"""

import argparse
import csv
import http.client
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    PASSWORD,
    Browser,
    Server,
    SqliteDb,
    add_reviewer,
    create_article_with_claims,
    log,
)

TEAM = "Record Desk"


def version_of(browser, claim):
    status, _, page = browser.get("/claims/%d" % claim)
    if status != 200:
        raise RuntimeError("GET /claims/%d answered %s" % (claim, status))
    m = re.search(r'name="version" value="(\d+)"', page)
    if not m:
        raise RuntimeError("no version field on the page of claim %d" % claim)
    return int(m.group(1))


def post_versioned(browser, claim, path, fields):
    """POSTs `fields` with the claim's current version (as its page shows it); (status, body)."""
    fields = [("version", str(version_of(browser, claim)))] + list(fields)
    status, _, body = browser.post(path, fields)
    return status, body


def act(browser, claim, action, **fields):
    """A workflow step on the claim page's transition form; must answer 303."""
    status, body = post_versioned(browser, claim, "/claims/%d/transition" % claim,
                                  [("action", action)] + list(fields.items()))
    if status != 303:
        raise RuntimeError("%s on claim %d answered %s: %s" % (action, claim, status, text_of(body)[:200]))


def text_of(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page or "")).strip()


def raw_get(server, path):
    """An anonymous GET; (status, content type, body bytes), the bytes exactly as served."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Connection": "close"})
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        conn.close()


def public_record(server, claim):
    """What the public gets of a claim: (page status, page bytes, ClaimReview status, its bytes)."""
    page_status, _, page = raw_get(server, "/verdicts/%d" % claim)
    review_status, _, review = raw_get(server, "/claims/%d/claimreview.json" % claim)
    return page_status, page, review_status, review


def queue_row(page, claim):
    """The queue's <tr> for the claim, or None when it is not listed."""
    marker = 'data-claim="%d"' % claim
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split("</tr>", 1)[0]


def csv_row(body, claim):
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"), newline="")))
    if not rows:
        return None
    header = rows[0]
    for row in rows[1:]:
        if row and row[header.index("claim_id")] == str(claim):
            return row
    return None


def verdict_ids(browser):
    """The team's verdict scale from the settings page: key -> id."""
    status, _, page = browser.get("/team/settings")
    if status != 200:
        raise RuntimeError("GET /team/settings answered %s" % status)
    ids = {}
    for m in re.finditer(r'<code>([a-z_]+)</code>.*?form="verdict-(\d+)"', page, re.S):
        ids.setdefault(m.group(1), int(m.group(2)))
    if not ids:
        raise RuntimeError("no verdict scale on /team/settings")
    return ids


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build)" % binary)
    sqlite3_cli = shutil.which("sqlite3")
    if not sqlite3_cli:
        sys.exit("error: the sqlite3 command line tool is missing (apt-get install sqlite3)")
    started = time.time()
    workdir = tempfile.mkdtemp(prefix="claimdesk-record-")
    db = SqliteDb(workdir)
    log_path = os.path.join(workdir, "server.log")
    log("verdict record on SQLite: binary %s, work dir %s" % (binary, workdir))
    server = Server(binary, db.url, log_path, workers=2)
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        log("%s  %s%s" % ("PASS" if ok else "FAIL", name, (": " + detail) if detail else ""))

    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        tag = secrets.token_hex(3)
        members = {}
        for role, name in (("admin", "Ada Admin"), ("editor", "Eli Editor"),
                           ("reviewer", "Rui Reviewer"), ("second", "Sam Second")):
            email = "%s-%s@example.org" % (role, tag)
            add_reviewer(server, email, name, team=TEAM,
                         role="reviewer" if role == "second" else role)
            members[role] = email
        server.start()
        browsers = {}
        for role, email in members.items():
            b = Browser(server)
            b.sign_in(email, PASSWORD)
            browsers[role] = b
        a, e, r, s = browsers["admin"], browsers["editor"], browsers["reviewer"], browsers["second"]

        # A published claim with one citation, proposed by the reviewer, approved and published by
        # the editor.
        _, claim_ids = create_article_with_claims(r, title="Navy budget doubles")
        if len(claim_ids) < 2:
            raise RuntimeError("the article gave %d claim(s), need 2" % len(claim_ids))
        claim, blind_claim = claim_ids[0], claim_ids[1]
        status, _, body = r.post("/claims/%d/citations" % claim, {
            "url": "https://budget.example.gov/2026/navy", "title": "Defence budget 2026",
            "stance": "supports", "excerpt": "Operations: 80,000,000 USD"})
        if status != 303:
            raise RuntimeError("adding a citation answered %s: %s" % (status, text_of(body)[:200]))
        _, _, page = r.get("/claims/%d" % claim)
        m = re.search(r"/claims/%d/citations/(\d+)/delete" % claim, page)
        if not m:
            raise RuntimeError("the claim page offers no way to remove the citation")
        citation = int(m.group(1))
        act(r, claim, "start_review")
        act(r, claim, "propose", verdict="mostly_true",
            rationale="The 2026 budget lists the figure for the mission.")
        act(e, claim, "approve")
        act(e, claim, "publish")
        published = public_record(server, claim)
        if published[0] != 200 or published[2] != 200:
            raise RuntimeError("the published claim's page and ClaimReview answered %s and %s"
                               % (published[0], published[2]))
        version = version_of(e, claim)
        log("setup: 4 members of %s signed in; claim %d published (version %d) with citation %d"
            % (TEAM, claim, version, citation))

        # 1. Direct edits of the published claim, from a reviewer and an editor.
        refused, wrong = 0, []
        for who, b in (("reviewer", r), ("editor", e)):
            for what, path, fields in (
                ("statement", "/claims/%d/edit" % claim,
                 [("statement", "The navy sent 5,000 sailors."), ("subject", ""), ("speaker", "")]),
                ("citation add", "/claims/%d/citations" % claim,
                 [("url", "https://navy.example.org/x"), ("title", "X"), ("stance", "refutes")]),
                ("citation remove", "/claims/%d/citations/%d/delete" % (claim, citation), []),
            ):
                status, body = post_versioned(b, claim, path, fields)
                if status == 409 and "correction" in body:
                    refused += 1
                else:
                    wrong.append("%s %s: %s" % (who, what, status))
        after = public_record(server, claim)
        now = version_of(e, claim)
        same = after == published
        check("1. a reviewer's and an editor's edits of a published claim are refused, nothing changes",
              not wrong and same and now == version,
              "; ".join(wrong) if wrong else
              ("%d of 6 answered 409; version %d -> %d; /verdicts/%d %s, ClaimReview %s"
               % (refused, version, now, claim,
                  "unchanged (%d bytes)" % len(after[1]) if after[1] == published[1] else "CHANGED",
                  "unchanged (%d bytes)" % len(after[3]) if after[3] == published[3] else "CHANGED")))

        # 2. Retiring the verdict the published claim carries.
        verdicts = verdict_ids(a)
        status, _, body = a.post("/team/verdicts/%d/retire" % verdicts["mostly_true"],
                                 {"replacement": "true"})
        after = public_record(server, claim)
        names = re.search(r"#%d\b" % claim, text_of(body)) is not None
        check("2. retiring its verdict is refused, nothing changes",
              status == 409 and names and after == published,
              "retire mostly_true: %s%s; /verdicts/%d and ClaimReview %s"
              % (status, " naming #%d" % claim if names else " NOT naming the claim", claim,
                 "byte for byte unchanged" if after == published else "CHANGED"))

        # 3. Reopening it as a correction.
        note = "The ministry revised the figure to $78 million."
        act(e, claim, "reopen", note=note)
        page_status, page, review_status, review = public_record(server, claim)
        page_text = page.decode("utf-8", "replace")
        notice = 'id="correction-in-progress"' in page_text and "Correction in progress" in page_text
        check("3. reopening keeps the public page up with the \"Correction in progress\" notice",
              page_status == 200 and notice and review_status == 200 and review == published[3]
              and note not in page_text,
              "/verdicts/%d: %s, notice %s, ClaimReview %s (%s)"
              % (claim, page_status, "shown" if notice else "MISSING", review_status,
                 "as published" if review == published[3] else "CHANGED"))

        # 4. A blind team: the proposed verdict is sealed from the second reviewer.
        status, _, body = a.post("/team/settings", {"name": TEAM, "org_url": "", "blind_review": "on"})
        if status != 303:
            raise RuntimeError("turning blind review on answered %s: %s" % (status, text_of(body)[:200]))
        label, key = "Misleading", "misleading"
        rationale = "SEALED-RATIONALE-%s" % secrets.token_hex(4)
        act(r, blind_claim, "start_review")
        # A verdict needs a cited source first (the team's setting, 1 by default).
        status, _, body = r.post("/claims/%d/citations" % blind_claim, {
            "url": "https://budget.example.gov/2026/navy-2", "title": "Defence budget 2026, annex",
            "stance": "refutes"})
        if status != 303:
            raise RuntimeError("adding a citation answered %s: %s" % (status, text_of(body)[:200]))
        act(r, blind_claim, "propose", verdict=key, rationale=rationale)

        def traces(b):
            """Where `b` finds the proposed verdict: queue row, verdict filter, CSV row."""
            found = []
            _, _, queue = b.get("/claims")
            row = queue_row(queue, blind_claim)
            if row is None:
                raise RuntimeError("claim %d is not in the queue" % blind_claim)
            if label in row or rationale in row:
                found.append("queue row")
            _, _, filtered = b.get("/claims?verdict=%s" % key)
            if queue_row(filtered, blind_claim) is not None:
                found.append("/claims?verdict=%s" % key)
            status, _, body = b.get("/export/claims.csv")
            if status != 200:
                raise RuntimeError("/export/claims.csv answered %s" % status)
            cells = csv_row(body, blind_claim)
            if cells is None:
                raise RuntimeError("claim %d is not in the CSV" % blind_claim)
            if any(label in c or rationale in c for c in cells):
                found.append("CSV")
            return found

        proposer_sees = traces(r)
        second_sees = traces(s)
        check("4. in a blind team the second reviewer finds no trace of the proposed verdict",
              not second_sees and len(proposer_sees) == 3,
              "second reviewer: %s; proposer (control): %s"
              % ("found in " + ", ".join(second_sees) if second_sees else
                 "nothing in the queue row, /claims?verdict=%s or the CSV" % key,
                 ", ".join(proposer_sees) or "NOTHING (the check would prove nothing)"))

        # 5. The hash chain, with the server stopped.
        server.stop()
        done = server.run_cli(["audit", "verify"])
        intact = done.returncode == 0
        summary = (done.stdout.strip() or done.stderr.strip()).splitlines()
        done = server.run_cli(["audit", "export"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk audit export failed: %s" % done.stderr.strip())
        events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        # The reopening of the published claim: a row in the middle of its team's chain.
        target = next((ev for ev in events if ev["entity"] == "claim" and ev["entity_id"] == claim
                       and ev["before_value"] == "published" and ev["team_id"] is not None), None)
        if target is None:
            raise RuntimeError("audit export lists no event for the reopening of claim %d" % claim)
        changed = subprocess.run(
            [sqlite3_cli, db.path,
             "UPDATE events SET after_value = 'x' WHERE id = %d; SELECT changes();" % target["id"]],
            capture_output=True, text=True, timeout=60)
        if changed.returncode != 0 or changed.stdout.strip() != "1":
            raise RuntimeError("sqlite3 did not change event %d: %s"
                               % (target["id"], changed.stderr.strip() or changed.stdout.strip()))
        done = server.run_cli(["audit", "verify"])
        named = "event %d (team %d)" % (target["id"], target["team_id"])
        broken = done.stderr.strip()
        check("5. audit verify: exit 0 when intact, non-zero naming the altered event",
              intact and done.returncode != 0 and named in broken,
              "intact: exit %s (%s); after UPDATE events SET after_value = 'x' WHERE id = %d: exit %s, %s"
              % (0 if intact else "non-zero", summary[-1] if summary else "",
                 target["id"], done.returncode, broken.splitlines()[-1] if broken else "nothing on stderr"))
    except Exception as e:  # noqa: BLE001 - any setup error is a failed run
        check("setup", False, str(e))
    finally:
        server.stop()
    passed = sum(1 for ok in results if ok)
    failed = len(results) - passed
    log("runtime %.1fs" % (time.time() - started))
    log("%d passed, %d failed" % (passed, failed))
    if failed == 0 and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif failed or args.keep:
        log("kept %s (database and server.log) for inspection" % workdir)
    return 1 if failed or len(results) < 5 else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default="target/debug/claimdesk")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    sys.exit(run(args))


if __name__ == "__main__":
    main()
