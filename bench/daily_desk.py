#!/usr/bin/env python3
"""A desk's daily work, from outside: statements per claim, no duplicates from a second copy of a
story, undo and clean-up, and quantities as people write them.

A black-box check of what `tests/api/appearances.rs`, `tests/api/triage.rs` and `tests/api/undo.rs`
prove from inside. Starts the real binary on a fresh SQLite file, creates a reviewer and an editor
with `claimdesk user add`, signs them in through the HTML forms (CSRF tokens included) and checks,
over HTTP only:

  1. the article (`--article FILE`, by default the seed article when ../shared/seed is there, else a
     report of our own) accepted in bulk gives claims whose statements are distinct, one line and
     under 160 characters;
  2. a second outlet's copy of the story (another title, its paragraphs in another order, a line
     added) accepted in bulk adds no claim: every check-worthy figure joins the claim it repeats,
     the page says so, and those claims' pages list both articles;
  3. no page shows a quantity as a machine value (`50000000 USD`, `62300000000 KRW`, `--08-23`,
     `more_than`) outside the edit forms' fields, which carry the exact value on purpose;
  4. an editor discards a claim with a reason (it leaves the default queue) and restores it; a
     rejected candidate is restored to pending; a scratch article is deleted with its claims (its
     page then answers 404);
  5. with a local SMTP sink (a thread of this script) as `CLAIMDESK_SMTP_URL`: the editor assigns
     a claim to the reviewer, whose inbox lists it (with a count in the navigation) and whose e-mail
     arrives with the claim's absolute link; a password reset by e-mail works end to end (the
     link from the e-mail sets a new password, which then signs in);
  6. a citation address without a scheme comes back as the claim page (422) with the typed title.

Python 3 standard library only; shares the HTTP and server helpers of bench/crash_durability.py.
Prints one line per check and a closing `N passed, M failed`; exits non-zero on any failure.

    python3 bench/daily_desk.py [--bin target/debug/claimdesk] [--article FILE] [--keep]
"""

import argparse
import html
import os
import re
import secrets
import shutil
import socket
import socketserver
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_durability import (  # noqa: E402
    PASSWORD,
    Browser,
    Server,
    SqliteDb,
    add_reviewer,
    csrf_in,
    location,
    log,
)


class SmtpSink(socketserver.ThreadingTCPServer):
    """Accepts every message on 127.0.0.1 (no TLS, no authentication) and keeps (to, data)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.messages = []
        super().__init__(("127.0.0.1", 0), SmtpHandler)

    def wait_for(self, to, needle, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for rcpt, data in list(self.messages):
                text = data.replace("=\r\n", "").replace("=3D", "=")
                if to in rcpt and needle in text:
                    return text
            time.sleep(0.1)
        raise RuntimeError("no e-mail to %s containing %r (got %d)" % (to, needle, len(self.messages)))


class SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        rcpt = []
        while True:
            line = self.rfile.readline().decode("utf-8", "replace")
            if not line:
                return
            command = line.strip().upper()
            if command.startswith("EHLO"):
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif command.startswith("RCPT TO"):
                rcpt.append(line.split(":", 1)[1].strip().strip("<>"))
                self.wfile.write(b"250 OK\r\n")
            elif command == "DATA":
                self.wfile.write(b"354 go on\r\n")
                data = []
                while True:
                    part = self.rfile.readline().decode("utf-8", "replace")
                    if part in (".\r\n", ".\n", ""):
                        break
                    data.append(part)
                self.server.messages.append((list(rcpt), "".join(data)))
                rcpt = []
                self.wfile.write(b"250 queued\r\n")
            elif command.startswith("QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")

TEAM = "Daily Desk"

# Our own report, for clones without ../shared: figures of the kinds a desk checks.
OWN_ARTICLE = """Navy Deploys Ships to the Caribbean

The United States has sent three guided-missile destroyers and more than 4,000 sailors and marines to the southern Caribbean, officials said on Monday.

The State Department raised its reward for information leading to the arrest of the country's leader to $50 million (about 62.3 billion won), doubling the earlier offer.

In response, the government said it would deploy 4.5 million militia members across the country.

Analysts said the operation would cost about $1.2 billion over six months."""

MACHINE_VALUES = [
    (re.compile(r"\b\d{7,} (USD|KRW|EUR|person|people)\b"), "a bare base-unit value"),
    (re.compile(r"--\d\d-\d\d"), "a year-less ISO date"),
    (re.compile(r">\s*(more_than|less_than|at_least|awaiting_approval|in_review)\s*<"),
     "a machine key as text"),
]


def post_article(browser, title, body):
    status, headers, answer = browser.post("/articles", {
        "title": title, "publisher": "Example News", "body": body,
    })
    if status != 303:
        raise RuntimeError("POST /articles answered %s: %s" % (status, answer[:300]))
    return int(re.match(r"/articles/(\d+)", location(headers)).group(1))


def accept_all(browser, article):
    """Accepts every check-worthy candidate; returns the page the desk lands on."""
    status, headers, answer = browser.post(
        "/articles/%d/accept-above" % article, {"min_score": "0.5"})
    if status != 303:
        raise RuntimeError("accept-above answered %s: %s" % (status, answer[:300]))
    status, _, page = browser.get(location(headers))
    if status != 200:
        raise RuntimeError("the article page answered %s" % status)
    return page


def claims_of(browser, article):
    status, _, page = browser.get("/claims?article=%d" % article)
    if status != 200:
        raise RuntimeError("GET /claims answered %s" % status)
    return sorted({int(i) for i in re.findall(r'href="/claims/(\d+)[?"]', page)})


def all_claims(browser):
    """Every claim id of the team's default queue (the queue pages through 50 at a time)."""
    ids, path = set(), "/claims"
    while path:
        status, _, page = browser.get(path)
        if status != 200:
            raise RuntimeError("GET %s answered %s" % (path, status))
        ids |= {int(i) for i in re.findall(r'href="/claims/(\d+)[?"]', page)}
        more = re.search(r'href="(/claims\?[^"]*after=[^"]*)"', page)
        path = html.unescape(more.group(1)) if more else None
    return ids


def statement_of(page):
    m = re.search(r'<p class="statement">(.*?)</p>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""


def second_copy(text):
    """Another outlet's copy: its own title, the paragraphs after the first in reverse order,
    a closing line of its own."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[1:]
    body.reverse()
    return "\n\n".join(["Reprint: " + paragraphs[0].strip()] + body +
                       ["This report was compiled from wire services."])


def version_of(browser, claim):
    _, _, page = browser.get("/claims/%d" % claim)
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def run(args):
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit("error: %s is not an executable (build it with cargo build)" % binary)
    article_path = args.article
    if article_path is None:
        seed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                            "seed", "article.txt")
        article_path = seed if os.path.exists(seed) else None
    if article_path and not os.path.isfile(article_path):
        sys.exit("error: no article at %s" % article_path)
    text = open(article_path, encoding="utf-8").read() if article_path else OWN_ARTICLE
    workdir = tempfile.mkdtemp(prefix="claimdesk-daily-")
    db = SqliteDb(workdir)
    sink = SmtpSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    public = "https://desk.example.org"
    server = Server(binary, db.url, os.path.join(workdir, "server.log"), workers=2, extra_env={
        "CLAIMDESK_SMTP_URL": "smtp://127.0.0.1:%d" % sink.server_address[1],
        "CLAIMDESK_MAIL_FROM": "Daily Desk <desk@example.org>",
        "CLAIMDESK_JOBS_INTERVAL": "1s",
        "CLAIMDESK_PUBLIC_URL": public,
    })
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        log("%s  %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if detail and not ok
                          else ""))

    try:
        done = server.run_cli(["migrate"])
        if done.returncode != 0:
            raise RuntimeError("claimdesk migrate failed: %s" % done.stderr.strip())
        tag = secrets.token_hex(3)
        reviewer_email, editor_email = "rev-%s@example.org" % tag, "ed-%s@example.org" % tag
        add_reviewer(server, reviewer_email, "Rita Reviewer", team=TEAM)
        add_reviewer(server, editor_email, "Eli Editor", team=TEAM, role="editor")
        server.start()
        reviewer, editor = Browser(server), Browser(server)
        reviewer.sign_in(reviewer_email, PASSWORD)
        editor.sign_in(editor_email, PASSWORD)
        log("article: %s" % (article_path or "built-in report"))

        # 1. Statements per claim.
        first = post_article(reviewer, "First copy", text)
        accept_all(reviewer, first)
        claims = claims_of(reviewer, first)
        statements, pages = {}, {}
        for claim in claims:
            _, _, page = reviewer.get("/claims/%d" % claim)
            pages[claim] = page
            statements[claim] = statement_of(page)
        lengths = sorted(len(s) for s in statements.values())
        check("%d claims, statements distinct, one line, under 160 characters (%s)" % (
            len(claims), ", ".join(map(str, lengths))),
            len(claims) >= 3 and len(set(statements.values())) == len(claims)
            and all(0 < n < 160 for n in lengths)
            and not any("\n" in s for s in statements.values()),
            repr(statements))

        # 2. A second copy adds no claims.
        before = all_claims(reviewer)
        second = post_article(reviewer, "Second copy", second_copy(text))
        landed = accept_all(reviewer, second)
        after = all_claims(reviewer)
        joined = re.search(r"(\d+) candidates? repeated", landed)
        check("a second copy of the story adds no claims (%d before, %d after; %s joined)" % (
            len(before), len(after), joined.group(1) if joined else "none"),
            after == before and joined is not None, "new: %s" % sorted(after - before))
        listed = 0
        for claim in claims:
            _, _, page = reviewer.get("/claims/%d" % claim)
            pages[claim] = page
            if "Appearances (2 articles)" in page:
                listed += 1
        check("%d of %d claims list both articles as appearances" % (listed, len(claims)),
              listed >= 3)

        # 3. Quantities as people write them.
        shown = [("/articles/%d" % first, reviewer.get("/articles/%d" % first)[2]),
                 ("/claims", reviewer.get("/claims")[2])]
        shown += [("/claims/%d" % c, p) for c, p in pages.items()]
        found = []
        for path, page in shown:
            # The edit forms carry the exact value on purpose (and the API and exports do).
            page = re.sub(r'value="[^"]*"', 'value=""', page)
            for pattern, what in MACHINE_VALUES:
                m = pattern.search(page)
                if m:
                    found.append("%s: %s %r" % (path, what, m.group(0)))
        check("no machine values on %d pages" % len(shown), not found, "; ".join(found[:5]))

        # 4. Undo and clean-up.
        claim = claims[0]
        status, _, _ = editor.post("/claims/%d/transition" % claim, {
            "version": version_of(editor, claim), "action": "discard",
            "reason": "A restatement of another claim"})
        gone = claim not in all_claims(editor)
        status2, _, _ = editor.post("/claims/%d/transition" % claim, {
            "version": version_of(editor, claim), "action": "restore"})
        back = claim in all_claims(editor)
        check("discard (with a reason) leaves the queue, restore brings it back",
              status == 303 and gone and status2 == 303 and back,
              "discard %s, gone %s, restore %s, back %s" % (status, gone, status2, back))

        scratch = post_article(reviewer, "Scratch paste", "Scratch\n\nThe port handled 9,876 "
                               "containers in May, the harbour master said. A crane fell 3 metres.")
        _, _, page = reviewer.get("/articles/%d" % scratch)
        candidate = re.search(r'<tr id="candidate-(\d+)"', page).group(1)
        reviewer.post("/articles/%d/candidates/%s/reject" % (scratch, candidate), {})
        status, _, _ = reviewer.post(
            "/articles/%d/candidates/%s/restore" % (scratch, candidate), {})
        _, _, page = reviewer.get("/articles/%d" % scratch)
        pending = re.search(r'<tr id="candidate-%s".*?candidate-state">(\w+)' % candidate,
                            page, re.S)
        check("a rejected candidate is restored to pending",
              status == 303 and pending is not None and pending.group(1) == "pending")
        accept_all(reviewer, scratch)
        made = claims_of(reviewer, scratch)
        status, _, _ = editor.post("/articles/%d/delete" % scratch, {})
        page_status = editor.get("/articles/%d" % scratch)[0]
        left = [c for c in made if editor.get("/claims/%d" % c)[0] != 404]
        check("a scratch article is deleted with its %d claims" % len(made),
              status == 303 and page_status == 404 and not left,
              "delete %s, page %s, claims left %s" % (status, page_status, left))

        # 5. The inbox and e-mail.
        _, _, members = editor.get("/team/members")
        reviewer_id = re.search(r'href="/team/members/(\d+)">Rita Reviewer', members).group(1)
        target = claims[1]
        status, _, _ = editor.post("/claims/%d/assign" % target, {
            "version": version_of(editor, target), "assignee": reviewer_id})
        _, _, inbox = reviewer.get("/inbox")
        listed = ('href="/claims/%d"' % target) in inbox and 'id="unread-count"' in inbox
        try:
            mail = sink.wait_for(reviewer_email, "%s/claims/%d" % (public, target))
            mailed = "Assigned to you" in mail
        except RuntimeError as e:
            mailed, mail = False, str(e)
        check("an assigned claim is in the inbox and its e-mail arrives with its absolute link",
              status == 303 and listed and mailed, "assign %s, listed %s: %s" % (
                  status, listed, mail[:300]))

        visitor = Browser(server)
        _, _, page = visitor.get("/password/forgot")
        visitor.csrf = csrf_in(page)
        status, _, _ = visitor.post("/password/forgot", {"email": reviewer_email})
        new_password = "saffron harbour ledger %s" % tag
        signed_in = False
        try:
            mail = sink.wait_for(reviewer_email, "%s/password/reset/" % public)
            path = urllib.parse.urlparse(
                re.search(r"https://desk\.example\.org(/password/reset/\S+)", mail).group(0)).path
            holder = Browser(server)
            _, _, form = holder.get(path)
            holder.csrf = csrf_in(form)
            reset_status, headers, _ = holder.post(path, {
                "new_password": new_password, "confirm_password": new_password})
            again = Browser(server)
            again.sign_in(reviewer_email, new_password)
            signed_in = reset_status == 303 and location(headers) == "/login?reset=1"
        except RuntimeError as e:
            mail = str(e)
        check("a password reset by e-mail works end to end", status == 200 and signed_in, mail[:300])
        if signed_in:
            reviewer = again

        # 6. A bad citation address: the form comes back with what was typed.
        status, _, page = reviewer.post("/claims/%d/citations" % claims[1], {
            "url": "example.org/report", "title": "Typed title, kept", "stance": "supports"})
        check("a citation address without a scheme comes back as the form with the typed title",
              status == 422 and "Typed title, kept" in page and "citation-url-error" in page,
              "answered %s" % status)
    finally:
        sink.shutdown()
        server.stop()
        if args.keep:
            log("kept %s" % workdir)
        else:
            db.drop()
            shutil.rmtree(workdir, ignore_errors=True)
    failed = results.count(False)
    log("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default="target/debug/claimdesk")
    parser.add_argument("--article", help="the article to work on (UTF-8 text)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
